package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: the real example scenario through the CLI, checked on the files it writes. */
class RunCommandTest {

    static final Path QUICKSTART = Path.of("examples/quickstart.yaml");

    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void quickstartWritesEveryReportAndASummaryWithTheRequiredFields() throws IOException {
        Path out = tmp.resolve("q");
        Cli r = Cli.run("run", QUICKSTART.toString(), "--out", out.toString(), "--set", "duration=5m");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("SHA256SUMS", "allocation.png", "arrivals-vs-served.png", "latency-over-time.png",
                "latency-percentiles.png", "pending-pods.png", "ready-replicas.png", "report.html", "run-info.json",
                "scenario.yaml", "summary.json", "timeseries.csv", "web.hgrm"),
                names(out), "no temporary files may remain");
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, s.get("schemaVersion").asInt());
        assertEquals("quickstart", s.get("scenario").asText());
        assertEquals(42, s.get("seed").asLong());
        assertEquals(300.0, s.get("simulatedSeconds").asDouble());
        JsonNode web = s.get("services").get("web");
        JsonNode req = web.get("requests");
        long arrived = req.get("arrived").asLong();
        assertTrue(arrived > 22_000 && arrived < 28_000, "about 140/s for 180 s: " + arrived);
        assertEquals(arrived, req.get("completed").asLong() + req.get("rejected").asLong()
                + req.get("failed").asLong() + req.get("unfinished").asLong());
        JsonNode lat = web.get("latencyMs");
        double prev = 0;
        for (String k : new String[] {"p50", "p90", "p95", "p99", "p999", "max"}) {
            assertTrue(lat.get(k).isNumber(), k);
            assertTrue(lat.get(k).asDouble() >= prev, k + " is not below the previous percentile");
            prev = lat.get(k).asDouble();
        }
        assertTrue(lat.get("mean").asDouble() > 100 && lat.get("mean").asDouble() < 200, "lognormal mean 120 ms plus waits");
        for (String res : new String[] {"cpu", "memory"}) {
            for (String k : new String[] {"allocated", "used"}) {
                double v = s.get("cluster").get(res).get(k).asDouble();
                assertTrue(v > 0 && v <= 1, res + "." + k + " = " + v);
            }
        }
        // quickstart requests 6 × 4 CPU of 48: exactly half the cluster is allocated.
        assertEquals(0.5, s.get("cluster").get("cpu").get("allocated").asDouble(), 1e-12);
        String hgrm = Files.readString(out.resolve("web.hgrm"));
        assertTrue(hgrm.contains("Percentile") && hgrm.contains("#[Mean"), "HdrHistogram percentile output");
        byte[] png = Files.readAllBytes(out.resolve("latency-percentiles.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("id=\"latency-percentiles.png\"><img src=\"data:image/png;base64,"));
        assertTrue(r.out().contains("report: "));
    }

    @Test
    void sameScenarioAndSeedGiveByteIdenticalSummariesAndAnotherSeedDoesNot() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        String[] common = {"--set", "duration=4m", "--set", "warmup=30s"};
        assertEquals(0, Cli.run(concat(new String[] {"run", QUICKSTART.toString(), "-q", "--out", a.toString()}, common)).exitCode());
        assertEquals(0, Cli.run(concat(new String[] {"run", QUICKSTART.toString(), "-q", "--out", b.toString()}, common)).exitCode());
        assertEquals(0, Cli.run(concat(new String[] {"run", QUICKSTART.toString(), "-q", "--out", c.toString(),
                "--seed", "43"}, common)).exitCode());
        byte[] sa = Files.readAllBytes(a.resolve("summary.json"));
        assertArrayEquals(sa, Files.readAllBytes(b.resolve("summary.json")));
        assertArrayEquals(Files.readAllBytes(a.resolve("web.hgrm")), Files.readAllBytes(b.resolve("web.hgrm")));
        JsonNode ja = new ObjectMapper().readTree(sa);
        JsonNode jc = new ObjectMapper().readTree(c.resolve("summary.json").toFile());
        assertEquals(43, jc.get("seed").asLong());
        assertNotEquals(ja.get("services").get("web").get("requests").get("arrived"),
                jc.get("services").get("web").get("requests").get("arrived"));
        assertNotEquals(ja.get("services").get("web").get("latencyMs").get("mean"),
                jc.get("services").get("web").get("latencyMs").get("mean"));
    }

    @Test
    void addingAServiceDoesNotChangeTheArrivalsOfAnother() throws IOException {
        // Common random numbers: each component draws from its own named stream.
        Path base = tmp.resolve("base");
        Path more = tmp.resolve("more");
        assertEquals(0, Cli.run("run", QUICKSTART.toString(), "-q", "--out", base.toString(),
                "--set", "duration=3m").exitCode());
        assertEquals(0, Cli.run("run", QUICKSTART.toString(), "-q", "--out", more.toString(),
                "--set", "duration=3m",
                "--set", "services.batch.replicas=1", "--set", "services.batch.resources.cpu=1",
                "--set", "services.batch.resources.memory=1Gi", "--set", "services.batch.serviceTime.type=exponential",
                "--set", "services.batch.serviceTime.mean=1s",
                "--set", "arrivals.batch-load.service=batch", "--set", "arrivals.batch-load.process=poisson",
                "--set", "arrivals.batch-load.rate=0.5").exitCode());
        JsonNode a = new ObjectMapper().readTree(base.resolve("summary.json").toFile()).get("services").get("web");
        JsonNode b = new ObjectMapper().readTree(more.resolve("summary.json").toFile()).get("services").get("web");
        assertEquals(a, b, "the web service must see identical arrivals and service times");
    }

    @Test
    void aFailedRunLeavesNoFiles() throws IOException {
        Path out = tmp.resolve("fail");
        Cli r = Cli.run("run", QUICKSTART.toString(), "--out", out.toString(), "--set", "services.web.replicas=-2");
        assertEquals(2, r.exitCode());
        assertFalse(Files.exists(out.resolve("summary.json")));
    }

    @Test
    void versionHelpAndCompletion() {
        Cli v = Cli.run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("capsim "), v.out());
        Cli h = Cli.run("run", "--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().contains("--set=PATH=VALUE"), h.out());
        Cli c = Cli.run("generate-completion");
        assertEquals(0, c.exitCode());
        assertTrue(c.out().contains("complete -F") && c.out().contains("validate"), "bash completion script");
        Cli none = Cli.run();
        assertEquals(2, none.exitCode());
        Cli unknown = Cli.run("runn", "x.yaml");
        assertEquals(2, unknown.exitCode());
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsBadInputBeforeAnyWork() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        Cli r = Cli.run("run", QUICKSTART.toString(), "--out", file.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--out: cannot write the output to " + file + ": it exists and is not a folder"),
                r.err());
    }

    /**
     * The console after a run with a job and pods that cannot run: a line per job, the scheduler's
     * figures, and each owner whose pods found no node, once, with the reason.
     */
    @Test
    void theConsoleReportsJobsTheSchedulerAndEachOwnerWhosePodsFoundNoNode() throws IOException {
        Path scenario = tmp.resolve("jobs.yaml");
        Files.writeString(scenario, String.join("\n",
                "name: console",
                "seed: 3",
                "duration: 10m",
                "nodePools:",
                "  small: {count: 2, cpu: 4, memory: 8Gi}",
                "services:",
                "  web:",
                "    replicas: 1",
                "    resources: {cpu: 1, memory: 1Gi}",
                "    serviceTime: {type: exponential, mean: 10ms}",
                "jobs:",
                "  batch:",
                "    parallelism: 3",
                "    resources: {cpu: 2, memory: 1Gi}",
                "    runtime: {type: constant, value: 20m}",
                "    submitAt: [0]",
                "  huge:",
                "    parallelism: 2",
                "    resources: {cpu: 3, memory: 1Gi}",
                "    runtime: {type: constant, value: 1m}",
                "    submitAt: [1m]",
                "arrivals:",
                "  load: {service: web, process: poisson, rate: 10}",
                ""));
        Cli r = Cli.run("run", scenario.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        // One instance of each job: batch runs past the end, huge never starts.
        assertTrue(out.lines().anyMatch(l -> l.matches("batch\\s+1\\s+0\\s+0\\s+0\\.0\\s+0\\.0")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("huge\\s+1\\s+0\\s+0\\s+-\\s+-")), out);
        assertTrue(out.contains("scheduler (after warm-up): 4 binds,"), out);
        // 4 + 4 CPU: web (1) and batch (3 x 2) hold 7 to the end; both huge pods (3 CPU each) wait.
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  job huge: 2 pods still pending at the end since 60 s: "
                + "0/2 nodes are available: 2 Insufficient cpu.")), out);
        assertEquals(1, out.lines().filter(l -> l.startsWith("  job huge: ")).count(), "once per owner: " + out);
    }

    /** A service that cannot keep up stops the run at the waiting-request limit: bad input, exit 2, no output. */
    @Test
    void anUnstableQueueStopsTheRunAsBadInput() throws IOException {
        Path scenario = tmp.resolve("unstable.yaml");
        Files.writeString(scenario, String.join("\n",
                "name: unstable",
                "duration: 1h",
                "nodePools:",
                "  p: {count: 1, cpu: 4, memory: 8Gi}",
                "services:",
                "  web:",
                "    replicas: 1",
                "    resources: {cpu: 1, memory: 1Gi}",
                "    serviceTime: {type: exponential, mean: 1s}",
                "arrivals:",
                "  load: {service: web, process: poisson, rate: 100}",
                ""));
        Path out = tmp.resolve("o");
        Cli r = Cli.run("run", scenario.toString(), "--out", out.toString(), "--limit", "waiting-requests=1000");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("service web: 1001 requests are waiting, more than the limit of 1000"), r.err());
        assertTrue(r.err().contains("--limit waiting-requests=N raises the limit"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(out.resolve("summary.json")), "nothing written");
        // The same run with room to spare completes.
        Cli ok = Cli.run("run", scenario.toString(), "--out", out.toString(), "--set", "arrivals.load.rate=0.5");
        assertEquals(0, ok.exitCode(), ok.err());
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
