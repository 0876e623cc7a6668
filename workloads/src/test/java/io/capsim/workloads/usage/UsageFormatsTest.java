package io.capsim.workloads.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The usage-trace readers: mapping, the rules they apply, and bad rows located to the column. */
class UsageFormatsTest {

    @TempDir
    Path dir;

    private static final String BB = BitbrainsFormat.HEADER + "\n";

    private Path bitbrains(String rows) throws IOException {
        Path f = dir.resolve("bb.csv");
        Files.writeString(f, BB + rows);
        return f;
    }

    private static List<String> read(UsageCursor c) {
        List<String> out = new ArrayList<>();
        while (c.advance()) {
            out.add(String.format(java.util.Locale.ROOT, "%s@%.0f cpu %.1f/%.1f mem %.1f/%.1f", c.pod(), c.timeSeconds(),
                    c.value(UsageField.CPU_USED_MILLIS), c.value(UsageField.CPU_REQUEST_MILLIS),
                    c.value(UsageField.MEMORY_USED_MIB), c.value(UsageField.MEMORY_REQUEST_MIB)));
        }
        return out;
    }

    @Test
    void bitbrainsMapsMhzToMillicoresAndKbToMib() throws IOException {
        // VM 1: 2 cores of 2,600 MHz (5,200 MHz); 1,300 MHz used is half a core: 500 m of 2,000 m.
        // 8,388,608 KB = 8,192 MiB; 1,048,576 KB = 1,024 MiB. VM 7's zero-provisioned row is left out.
        Path f = bitbrains("""
                1,100,2,5200,1300,25,8388608,1048576,0,0,0,0
                1,400,2,5200,2600,50,8388608,2097152,0,0,0,0
                7,50,0,0,0,0,0,0,0,0,0,0
                7,100,1,2400,2400,100,1.6777216E7,0,0,0,0,0
                """);
        try (UsageCursor c = new BitbrainsFormat().open(f, BadRowPolicy.STOP, TraceLimits.DEFAULTS)) {
            assertEquals(List.of("1@100 cpu 500.0/2000.0 mem 1024.0/8192.0", "1@400 cpu 1000.0/2000.0 mem 2048.0/8192.0",
                    "7@100 cpu 1000.0/1000.0 mem 0.0/16384.0"), read(c));
            assertEquals(1, c.filteredRows());
            assertEquals(3, c.rows());
            assertTrue(Double.isNaN(c.value(UsageField.GPU_BUSY)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the 5th field (cpu_usage_mhz) starts at column 14 of line 3
        "1,100,2,5200,1300,25,8388608,1048576,0,0,0,0\\n1,400,2,5200,x1,25,8388608,1048576,0,0,0,0"
                + "|bb.csv:3:14: cpu_usage_mhz: \"x1\" is not a number",
        // time going back within a VM: the timestamp at column 3
        "1,400,2,5200,1300,25,8388608,1048576,0,0,0,0\\n1,100,2,5200,1300,25,8388608,1048576,0,0,0,0"
                + "|bb.csv:3:3: timestamp_s 100 is before the previous row of vm 1 (400)",
        // a VM whose rows are split by another VM's
        "1,100,2,5200,1300,25,8388608,1048576,0,0,0,0\\n2,100,2,5200,1300,25,8388608,1048576,0,0,0,0\\n"
                + "1,200,2,5200,1300,25,8388608,1048576,0,0,0,0|bb.csv:4:1: vm 1 appears again after other VMs",
        // a missing field: the whole line
        "1,100,2,5200,1300,25,8388608,1048576,0,0,0|bb.csv:2: expected 12 fields",
        // a negative size, with its range
        "1,100,-2,5200,1300,25,8388608,1048576,0,0,0,0|bb.csv:2:7: cpu_cores: -2 is not in [0, 100000]",
    })
    void aBadBitbrainsRowIsLocatedToItsColumn(String rows, String expected) throws IOException {
        Path f = bitbrains(rows.replace("\\n", "\n") + "\n");
        try (UsageCursor c = new BitbrainsFormat().open(f, BadRowPolicy.STOP, TraceLimits.DEFAULTS)) {
            UsageRowException e = assertThrows(UsageRowException.class, () -> read(c));
            assertTrue(e.getMessage().endsWith(expected) || e.getMessage().contains(expected), e.getMessage());
        }
        try (UsageCursor c = new BitbrainsFormat().open(f, BadRowPolicy.SKIP, TraceLimits.DEFAULTS)) {
            read(c);
            assertEquals(1, c.skippedRows());
        }
    }

    @Test
    void aWrongHeaderSaysWhatIsMissing() throws IOException {
        Path f = dir.resolve("h.csv");
        Files.writeString(f, "vm,time\n1,2\n");
        UsageRowException e = assertThrows(UsageRowException.class,
                () -> new BitbrainsFormat().open(f, BadRowPolicy.STOP, TraceLimits.DEFAULTS));
        assertTrue(e.getMessage().startsWith(f + ":1: the header has no column \"timestamp_s\""), e.getMessage());
    }

    private void genai(String duty, String gpuMem, String mem) throws IOException {
        Files.writeString(dir.resolve("pod_gpu_duty_cycle_anon.x.csv"), "value,timestamp_anon,container_ip\n" + duty);
        Files.writeString(dir.resolve("pod_gpu_memory_used_bytes_anon.x.csv"), "timestamp_anon,value,container_ip\n"
                + gpuMem);
        Files.writeString(dir.resolve("pod_memory_util_anon.x.csv"), "value,timestamp_anon,container_ip\n" + mem);
    }

    @Test
    void genAiFilesAreJoinedByTimeAndPod() throws IOException {
        // At 60 s: pod a has all three (50% busy, 1 GiB, 0.5), pod b only GPU memory (2 GiB). At 117 s:
        // a has only its duty cycle (0%); b its memory (the -1e-5 of the trace reads as 0).
        genai("50,60,a\n0,117,a\n", "60,1073741824,b\n60,1073741824.0,a\n120,0,b\n",
                "0.5,60,a\n-1e-5,117,b\n");
        List<String> rows = new ArrayList<>();
        try (UsageCursor c = new GenAiPodsFormat().open(dir, BadRowPolicy.STOP, TraceLimits.DEFAULTS)) {
            while (c.advance()) {
                rows.add(String.format(java.util.Locale.ROOT, "%s@%.0f busy %.2f gpuMem %.0f mem %.2f", c.pod(),
                        c.timeSeconds(), c.value(UsageField.GPU_BUSY), c.value(UsageField.GPU_MEMORY_USED_MIB),
                        c.value(UsageField.MEMORY_UTILIZATION)));
            }
            assertEquals(5, c.rows());
        }
        assertEquals(List.of("a@60 busy 0.50 gpuMem 1024 mem 0.50", "b@60 busy NaN gpuMem 1024 mem NaN",
                "a@117 busy 0.00 gpuMem NaN mem NaN", "b@117 busy NaN gpuMem NaN mem 0.00",
                "b@120 busy NaN gpuMem 0 mem NaN"), rows);
    }

    @Test
    void genAiBadValuesAndMissingFilesAreLocated() throws IOException {
        genai("50,60,a\n150,120,a\n", "60,1,a\n", "0.5,60,a\n");
        Path duty = dir.resolve("pod_gpu_duty_cycle_anon.x.csv");
        try (UsageCursor c = new GenAiPodsFormat().open(duty, BadRowPolicy.STOP, TraceLimits.DEFAULTS)) {
            // each file is read one row ahead: the bad row stops the read at the instant before it
            UsageRowException e = assertThrows(UsageRowException.class, () -> {
                while (c.advance()) {
                    // read on
                }
            });
            assertEquals(duty + ":3:1: value: 150 is not in [0, 100]", e.getMessage());
        }
        Files.delete(dir.resolve("pod_memory_util_anon.x.csv"));
        UsageRowException missing = assertThrows(UsageRowException.class,
                () -> new GenAiPodsFormat().open(duty, BadRowPolicy.STOP, TraceLimits.DEFAULTS));
        assertTrue(missing.getMessage().contains("no pod_memory_util_anon*.csv[.gz] in the folder"), missing.getMessage());
        assertFalse(missing.getMessage().contains("null"));
    }

    @Test
    void theRegistryFindsBothByName() {
        assertEquals(List.of("bitbrains-gwa-t12", "alibaba-genai-2026-pods"), UsageFormats.REGISTRY.names());
        assertTrue(UsageFormats.REGISTRY.unknownMessage("bitbrains").contains("bitbrains-gwa-t12"));
    }
}
