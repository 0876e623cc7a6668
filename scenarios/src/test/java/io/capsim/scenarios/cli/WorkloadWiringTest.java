package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arrival processes and recorded traces through the scenario file, the CLI and the reports. */
class WorkloadWiringTest {

    @TempDir
    Path tmp;

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static JsonNode summary(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    @Test
    void azureReplayRunsTheRealTraceAgainstAGpuService() throws IOException {
        Path out = tmp.resolve("azure");
        Cli r = Cli.run("run", "examples/azure-llm-replay.yaml", "-q", "--out", out.toString(),
                "--set", "duration=10m", "--set", "warmup=1m");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = summary(out);
        JsonNode a = s.get("arrivals").get("azure-conversation");
        assertEquals("trace azure-llm-2023", a.get("source").asText());
        assertEquals(0, a.get("skippedRows").asLong());
        // The first 10 minutes of the trace hold 2,867 rows, 2,676 of them from minute 1 on
        // (counted with a Python script on the timestamps); the cursor reads one row past the end.
        assertEquals(2867 + 1, a.get("traceRows").asLong());
        assertEquals(2676, s.get("services").get("chat").get("requests").get("arrived").asLong());
        // 2 replicas of 1 GPU on a node of 8
        assertEquals(0.25, s.get("cluster").get("gpu").get("allocated").asDouble(), 1e-12);
        double used = s.get("cluster").get("gpu").get("used").asDouble();
        assertTrue(used > 0 && used <= 0.25, "GPU used " + used);
        assertEquals(8, s.get("cluster").get("capacity").get("gpus").asInt());
    }

    @Test
    void burstyOnOffArrivalsGiveAHeavierTailThanPoissonAtTheSameMeanRate() throws IOException {
        Path bursty = tmp.resolve("bursty");
        Path poisson = tmp.resolve("poisson");
        assertEquals(0, Cli.run("run", "examples/bursty-mmpp.yaml", "-q", "--out", bursty.toString()).exitCode());
        // Same mean rate (400 x 10 + 30 x 40) / 50 = 104 per second, without bursts.
        Cli p = Cli.run("run", "examples/bursty-mmpp.yaml", "-q", "--out", poisson.toString(),
                "--set", "arrivals.bursts.process=poisson", "--set", "arrivals.bursts.rate=104",
                "--set", "arrivals.bursts.onRate=null", "--set", "arrivals.bursts.onMean=null",
                "--set", "arrivals.bursts.offRate=null", "--set", "arrivals.bursts.offMean=null"); // null removes
        assertEquals(0, p.exitCode(), p.err());
        JsonNode b = summary(bursty).get("services").get("api");
        JsonNode q = summary(poisson).get("services").get("api");
        double rb = b.get("throughputPerSecond").asDouble();
        double rq = q.get("throughputPerSecond").asDouble();
        assertEquals(104, rq, 104 * 0.02);
        // 110 minutes hold about 130 ON/OFF cycles: the mean rate is within 10% (about 3 standard errors)
        assertEquals(104, rb, 104 * 0.1, "MMPP mean rate over 110 min");
        assertTrue(b.get("latencyMs").get("p99").asDouble() > 3 * q.get("latencyMs").get("p99").asDouble(),
                "bursts must hurt the tail: " + b.get("latencyMs") + " vs " + q.get("latencyMs"));
    }

    @Test
    void badRowsStopWithTheirLineOrAreSkippedAndCounted() throws IOException {
        Path trace = tmp.resolve("t.csv");
        Files.writeString(trace, "time_s\n0.5\n1.0\nnot-a-time\n2.0\n");
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, String.join("\n",
                "name: bad-rows",
                "duration: 10s",
                "nodePools: {p: {count: 1, cpu: 4, memory: 4Gi}}",
                "services: {svc: {replicas: 1, resources: {cpu: 1, memory: 1Gi},"
                        + " serviceTime: {type: constant, value: 10ms}}}",
                "arrivals:",
                "  replay:",
                "    service: svc",
                "    trace:",
                "      file: t.csv",
                "      format: csv",
                "      csv: {time: {column: time_s, unit: s}}",
                ""));
        Path out = tmp.resolve("out");
        Cli stop = Cli.run("run", scenario.toString(), "-q", "--out", out.toString());
        assertEquals(2, stop.exitCode(), stop.err());
        assertTrue(stop.err().contains("t.csv:4:"), stop.err());
        assertFalse(Files.exists(out.resolve("summary.json")));

        Cli skip = Cli.run("run", scenario.toString(), "-q", "--out", out.toString(),
                "--set", "arrivals.replay.trace.onBadRow=skip");
        assertEquals(0, skip.exitCode(), skip.err());
        JsonNode s = summary(out);
        assertEquals(1, s.get("arrivals").get("replay").get("skippedRows").asLong());
        assertEquals(3, s.get("services").get("svc").get("requests").get("completed").asLong());
    }

    @Test
    void synthWritesArrivalsThatTheCsvReaderReplaysIdentically() throws IOException {
        Path csv = tmp.resolve("arrivals.csv");
        Cli synth = Cli.run("trace", "synth", "examples/quickstart.yaml", "--out", csv.toString(),
                "--set", "duration=3m");
        assertEquals(0, synth.exitCode(), synth.err());
        assertTrue(Files.readString(csv).startsWith("time_s"), "header");
        // Replay the written arrivals through the generic reader: same arrivals and same service
        // time stream, so the service's results are identical.
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, Cli.run("run", "examples/quickstart.yaml", "-q", "--out", a.toString(),
                "--set", "duration=3m").exitCode());
        Cli replay = Cli.run("run", "examples/quickstart.yaml", "-q", "--out", b.toString(), "--set", "duration=3m",
                "--set", "arrivals.web-traffic.process=null", "--set", "arrivals.web-traffic.rate=null",
                "--set", "arrivals.web-traffic.trace.file=" + csv, "--allow-paths", tmp.toString(),
                "--set", "arrivals.web-traffic.trace.format=csv",
                "--set", "arrivals.web-traffic.trace.csv.time.column=time_s",
                "--set", "arrivals.web-traffic.trace.csv.time.unit=s");
        assertEquals(0, replay.exitCode(), replay.err());
        assertEquals(summary(a).get("services"), summary(b).get("services"));
    }

    @Test
    void inspectPrintsTheAzureConversationFiguresAndWritesThePng() throws IOException {
        Path out = tmp.resolve("inspect");
        Cli r = Cli.run("trace", "inspect", "examples/data/azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv",
                "--format", "azure-llm-2023", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        // 19,366 rows over 3,501.7 s (the trace README); mean rate = 19366 / 3501.722.
        assertTrue(r.out().contains("rows              19366"), r.out());
        assertTrue(r.out().contains("mean rate         5.5304 /s"), r.out());
        assertTrue(r.out().contains("dispersion (IDC)"), r.out());
        byte[] png = Files.readAllBytes(out.resolve("rate.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertEquals(2, Cli.run("trace", "inspect", "nope.csv", "--format", "azure-llm-2023").exitCode());
        Cli badFormat = Cli.run("trace", "inspect", "examples/quickstart.yaml", "--format", "azure-llm-2024");
        assertEquals(2, badFormat.exitCode());
        assertTrue(badFormat.err().contains("did you mean"), badFormat.err());
    }

    @Test
    void processParametersAreCheckedWithLocations() throws IOException {
        Path scenario = tmp.resolve("p.yaml");
        Files.writeString(scenario, String.join("\n",
                "name: p",
                "duration: 10m",
                "nodePools: {p: {count: 1, cpu: 4, memory: 4Gi}}",
                "services: {svc: {replicas: 1, resources: {cpu: 1, memory: 1Gi}}}",
                "arrivals:",
                "  a:",
                "    service: svc",
                "    process: mmpp",
                "    rate: [200, 5]",
                "    hold: [2s, -10]",
                "    burst: 3",
                ""));
        Cli r = Cli.run("validate", scenario.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(":10:16: arrivals.a.hold[1]: -10.0 is not in (0, 1000000000] seconds"), r.err());
        assertTrue(r.err().contains(":11:5: arrivals.a.burst: unknown mmpp parameter \"burst\""), r.err());
        assertTrue(r.err().contains("services.svc.serviceTime: is required"), r.err());
    }

    @Test
    void traceFiltersAndRateScalingShapeTheReplay() throws IOException {
        Path filtered = tmp.resolve("filtered");
        Cli f = Cli.run("run", "examples/azure-llm-replay.yaml", "-q", "--out", filtered.toString(),
                "--set", "duration=10m", "--set", "warmup=1m",
                "--set", "arrivals.azure-conversation.trace.filter.field=inputTokens",
                "--set", "arrivals.azure-conversation.trace.filter.max=1000");
        assertEquals(0, f.exitCode(), f.err());
        // Rows from minute 1 to 10 with ContextTokens <= 1000, counted with a Python script: 979.
        assertEquals(979, summary(filtered).get("services").get("chat").get("requests").get("arrived").asLong());

        // Looped for 3 hours, once and with rateScale 2: the second copy is shifted by a uniform
        // offset within one period (the trace's hour), so it loses at most one of its three
        // periods: the ratio lies between 5/3 and 2.
        Path once = tmp.resolve("once");
        Path doubled = tmp.resolve("doubled");
        String[] loop3h = {"--set", "duration=3h", "--set", "warmup=0", "--set", "arrivals.azure-conversation.trace.loop=true"};
        assertEquals(0, Cli.run(concat(new String[] {"run", "examples/azure-llm-replay.yaml", "-q", "--out",
                once.toString()}, loop3h)).exitCode());
        Cli d = Cli.run(concat(new String[] {"run", "examples/azure-llm-replay.yaml", "-q", "--out", doubled.toString(),
                "--set", "arrivals.azure-conversation.trace.rateScale=2"}, loop3h));
        assertEquals(0, d.exitCode(), d.err());
        long single = summary(once).get("services").get("chat").get("requests").get("arrived").asLong();
        long arrived = summary(doubled).get("services").get("chat").get("requests").get("arrived").asLong();
        assertTrue(single > 3 * 19000, "three passes of 19,366 rows: " + single);
        double ratio = (double) arrived / single;
        assertTrue(ratio > 5.0 / 3 - 0.01 && ratio <= 2.0, "ratio " + ratio);

        Path halved = tmp.resolve("halved");
        assertEquals(0, Cli.run("run", "examples/azure-llm-replay.yaml", "-q", "--out", halved.toString(),
                "--set", "duration=10m", "--set", "warmup=1m", "--set", "arrivals.azure-conversation.trace.rateScale=0.5")
                .exitCode());
        long half = summary(halved).get("services").get("chat").get("requests").get("arrived").asLong();
        // Binomial(2676, 0.5): standard deviation 26; 5 standard deviations is 130.
        assertEquals(1338, half, 130, "thinned to half: " + half);
    }

    @Test
    void syntheticArrivalsCarryTokenSizesThatTokenWorkTurnsIntoServiceTime() throws IOException {
        Path scenario = tmp.resolve("llm.yaml");
        Files.writeString(scenario, String.join("\n",
                "name: llm",
                "duration: 10m",
                "warmup: 1m",
                "nodePools: {gpu: {count: 1, cpu: 32, memory: 256Gi, gpus: 8, gpuModel: H200}}",
                "services:",
                "  chat:",
                "    replicas: 8",
                "    concurrency: 4",
                "    resources: {cpu: 2, memory: 16Gi, gpu: 1}",
                "    tokenWork: {base: 10ms, perInputToken: 100us, perOutputToken: 5ms}",
                "arrivals:",
                "  chat-load:",
                "    service: chat",
                "    process: poisson",
                "    rate: 0.5",
                "    sizes:",
                "      inputTokens: {type: constant, value: 1000}",
                "      outputTokens: {type: constant, value: 200, min: 1, max: 4096}",
                ""));
        Path out = tmp.resolve("llm");
        Cli r = Cli.run("run", scenario.toString(), "-q", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        // 10 ms + 1000 x 0.1 ms + 200 x 5 ms = 1,110 ms per request; at 0.5/s on 32 slots nobody waits.
        JsonNode lat = summary(out).get("services").get("chat").get("latencyMs");
        assertEquals(1110.0, lat.get("mean").asDouble(), 1e-6);
        assertEquals(0.0, summary(out).get("services").get("chat").get("waitMs").get("max").asDouble());

        Files.writeString(scenario, Files.readString(scenario).replace("min: 1, max: 4096", "min: 500, max: 100"));
        Cli bad = Cli.run("validate", scenario.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("arrivals.chat-load.sizes.outputTokens.max: 100 is less than min 500"), bad.err());

        // Without sizes nothing gives the service a demand: the stream is refused where it is written.
        Cli unsized = Cli.run("validate", scenario.toString(), "--set", "arrivals.chat-load.sizes=null");
        assertEquals(2, unsized.exitCode());
        assertTrue(unsized.err().contains(":13:5: arrivals.chat-load: feeds service chat, which has no serviceTime"),
                unsized.err());
    }
}
