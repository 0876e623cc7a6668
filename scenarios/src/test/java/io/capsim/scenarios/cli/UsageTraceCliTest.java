package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage-trace samples through the CLI: inspect, the right-sizing example, and a bad row. */
class UsageTraceCliTest {

    private static final String BITBRAINS = Path.of("examples/data/bitbrains-gwa-t12-rnd/rnd-2013-8-10vms-7days.csv.gz")
            .toAbsolutePath().toString();
    private static final String GENAI = Path.of("examples/data/alibaba-genai-v2026-pods").toAbsolutePath().toString();

    @TempDir
    Path dir;

    @Test
    void bothSamplesAreInspected() throws IOException {
        Cli bb = Cli.run("trace", "inspect", BITBRAINS, "--format", "bitbrains-gwa-t12", "--out", dir.resolve("bb").toString());
        assertEquals(0, bb.exitCode(), bb.err());
        assertTrue(bb.out().contains("rows              20085") && bb.out().contains("pods              10"), bb.out());
        assertTrue(Files.readString(dir.resolve("bb/stats.txt")).contains("CPU used / requested"));
        Cli g = Cli.run("trace", "inspect", GENAI, "--format", "alibaba-genai-2026-pods", "--out", dir.resolve("g").toString());
        assertEquals(0, g.exitCode(), g.err());
        assertTrue(g.out().contains("pods              10") && g.out().contains("gpuBusy"), g.out());
    }

    @Test
    void aBadRowStopsWithFileLineAndColumn() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "vm,timestamp_s,cpu_cores,cpu_provisioned_mhz,cpu_usage_mhz,cpu_usage_pct,mem_provisioned_kb,"
                + "mem_usage_kb,disk_read_kbps,disk_write_kbps,net_rx_kbps,net_tx_kbps\n1,100,2,5200,1300,25,8388608,"
                + "1048576,0,0,0,0\n1,400,2,5200,1300,25,8388608,lots,0,0,0,0\n");
        for (String cmd : List.of("inspect", "rightsize")) {
            Cli r = Cli.run("trace", cmd, f.toString(), "--format", "bitbrains-gwa-t12", "--out",
                    dir.resolve("o-" + cmd).toString());
            assertEquals(2, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().contains(f + ":3:30: mem_usage_kb: \"lots\" is not a number"), r.err());
            assertTrue(!Files.exists(dir.resolve("o-" + cmd)), "nothing written");
        }
        Cli noRequest = Cli.run("trace", "rightsize", GENAI, "--format", "alibaba-genai-2026-pods");
        assertEquals(2, noRequest.exitCode());
        assertTrue(noRequest.err().contains("--format: alibaba-genai-2026-pods gives no cpuRequestMillis"), noRequest.err());
    }

    /**
     * Bad input that once ended in an internal error: a trace with nothing to right-size, a time
     * the clock cannot hold, a header with an unclosed quote. Each is one located message and exit 2.
     */
    @Test
    void badTracesGetALocatedMessageNotAnInternalError() throws IOException {
        String header = "vm,timestamp_s,cpu_cores,cpu_provisioned_mhz,cpu_usage_mhz,cpu_usage_pct,mem_provisioned_kb,"
                + "mem_usage_kb,disk_read_kbps,disk_write_kbps,net_rx_kbps,net_tx_kbps\n";
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, header);
        Path late = dir.resolve("late.csv");
        Files.writeString(late, header + "1,20000000000,2,5200,1300,25,8388608,1048576,0,0,0,0\n");
        Path quote = dir.resolve("quote.csv");
        Files.writeString(quote, "\"vm,timestamp_s\n1,2\n");
        String[][] cases = {
            {empty.toString(), empty + ": the trace has no row with both cpuUsedMillis and cpuRequestMillis"},
            {late.toString(), late + ":2:3: timestamp_s: 20000000000 is not in [0, 9000000000]"},
            {quote.toString(), quote + ":1: header: unclosed quote in field 1"},
        };
        for (String[] c : cases) {
            Cli r = Cli.run("trace", "rightsize", c[0], "--format", "bitbrains-gwa-t12", "--out",
                    dir.resolve("o").toString());
            assertEquals(2, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertTrue(!r.err().contains("internal error") && !r.err().contains("Exception"), r.err());
            assertTrue(!Files.exists(dir.resolve("o")), "nothing written");
        }
    }

    /**
     * The right-sizing example: the recorded core-hours equal those computed here from the file
     * (cores x the time each VM covers), the recommended ones are fewer, saved = recorded -
     * recommended, and the usage exceeds the recommended request only a small share of the time.
     */
    @Test
    void rightSizingTheBitbrainsSampleSavesCoreHours() throws IOException {
        Cli r = Cli.run("trace", "rightsize", BITBRAINS, "--format", "bitbrains-gwa-t12", "--out",
                dir.resolve("rs").toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, double[]> span = new HashMap<>(); // vm -> {first s, last s, cores}
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Path.of(BITBRAINS))), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] c = line.split(",");
                double t = Double.parseDouble(c[1]);
                double[] s = span.computeIfAbsent(c[0], k -> new double[] {t, t, Double.parseDouble(c[2])});
                s[1] = t;
            }
        }
        double recorded = span.values().stream().mapToDouble(s -> (s[1] - s[0]) / 3600 * s[2]).sum();
        List<String> rows = Files.readAllLines(dir.resolve("rs/rightsize.csv"));
        assertEquals(11, rows.size());
        double rec = 0;
        double sumRecorded = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            sumRecorded += Double.parseDouble(c[4]);
            rec += Double.parseDouble(c[5]);
        }
        assertEquals(recorded, sumRecorded, 0.01);
        assertTrue(rec < 0.5 * recorded, rec + " of " + recorded);
        assertTrue(r.out().contains("saved                      7291.9 core-hours (63.8%)"), r.out());
        assertTrue(r.out().contains("usage above the request    2.40% of the time"), r.out());
    }
}
