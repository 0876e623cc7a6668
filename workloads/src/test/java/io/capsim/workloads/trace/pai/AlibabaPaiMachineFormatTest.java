package io.capsim.workloads.trace.pai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceFormatContract;
import io.capsim.workloads.trace.TraceOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The PAI machine-table reader on the whole real table. */
class AlibabaPaiMachineFormatTest extends TraceFormatContract {

    @Override
    protected TraceFormat format() {
        return new AlibabaPaiMachineFormat();
    }

    @Override
    protected Path sample() {
        return Samples.path(Samples.PAI_MACHINES);
    }

    @Override
    protected long expectedRows() {
        return 1_897;
    }

    /**
     * Read by hand: line 1 {@code 7399a758eb02bae1a3621236,CPU,96,512,0}; line 1000
     * {@code ecefb687419faa1c8fe9eb59,P100,64,512,2}; line 1897
     * {@code a12e33726524543425a94398,V100M32,96,384,8}. The README's configuration counts: P100
     * 798, T4 497, MISC 280, V100M32 135, CPU 83, V100 104 (59 + 45); 6,742 GPUs in all.
     */
    @Test
    void rowsMatchHandReadValues() {
        Map<String, Integer> byType = new TreeMap<>();
        long gpus = 0;
        try (AlibabaPaiMachineFormat.Cursor c = new AlibabaPaiMachineFormat().open(sample(), TraceOptions.defaults())) {
            while (c.advance()) {
                assertEquals(0, c.timeTicks());
                byType.merge(c.gpuType(), 1, Integer::sum);
                gpus += c.gpuMillis() / 1000;
                if (c.line() == 1) {
                    assertEquals("7399a758eb02bae1a3621236", c.machine());
                    assertEquals("CPU", c.gpuType());
                    assertEquals(96_000, c.cpuMillis());
                    assertEquals(512 * 1024, c.memoryMiB());
                    assertEquals(0, c.gpuMillis());
                } else if (c.line() == 1000) {
                    assertEquals("ecefb687419faa1c8fe9eb59", c.machine());
                    assertEquals("P100", c.gpuType());
                    assertEquals(64_000, c.cpuMillis());
                    assertEquals(2_000, c.gpuMillis());
                }
            }
            assertEquals("a12e33726524543425a94398", c.machine());
            assertEquals("V100M32", c.gpuType());
            assertEquals(384 * 1024, c.memoryMiB());
            assertEquals(8_000, c.gpuMillis());
        }
        assertEquals(Map.of("P100", 798, "T4", 497, "MISC", 280, "V100M32", 135, "CPU", 83, "V100", 104), byType);
        assertEquals(6_742, gpus);
    }
}
