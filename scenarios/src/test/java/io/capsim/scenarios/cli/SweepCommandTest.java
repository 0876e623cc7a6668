package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capsim sweep} and {@code capsim merge}, end to end through the CLI. */
class SweepCommandTest {

    @TempDir
    static Path tmp;

    static Path scenario;

    /** 2 × 3 = 6 points of a small M/M/c-like service, about 0.1 s of simulation each. */
    static final String[] PARAMS = {"--param", "services.web.replicas=3,4", "--param",
        "arrivals.load.rate=20,30,40"};

    @BeforeAll
    static void writeScenario() throws IOException {
        scenario = tmp.resolve("svc.yaml");
        Files.writeString(scenario, String.join("\n",
                "name: svc",
                "seed: 3",
                "duration: 300s",
                "warmup: 20s",
                "nodePools:",
                "  pool: {count: 1, cpu: 16, memory: 16Gi}",
                "services:",
                "  web:",
                "    replicas: 2",
                "    concurrency: 1",
                "    routing: shared-queue",
                "    resources: {cpu: 1, memory: 1Gi}",
                "    serviceTime: {type: exponential, mean: 100ms}",
                "arrivals:",
                "  load: {service: web, process: poisson, rate: 10}",
                ""));
    }

    private static Cli sweep(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", scenario.toString()));
        args.addAll(List.of(PARAMS));
        args.addAll(List.of("--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static List<String> pointFolders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("comparison")).sorted().toList(); // the points, not their comparison
        }
    }

    private static String runId(Path pointDir) throws IOException {
        return new ObjectMapper().readTree(pointDir.resolve("run-info.json").toFile()).path("runId").asText();
    }

    @Test
    void shardsMergedGiveTheUnshardedTableByteForByte() throws Exception {
        Path whole = tmp.resolve("whole");
        Cli w = sweep(whole, "--threads", "2");
        assertEquals(0, w.exitCode(), w.err());
        List<String> lines = Files.readAllLines(whole.resolve("sweep.csv"));
        assertEquals(7, lines.size());
        assertTrue(lines.get(0).startsWith("point,services.web.replicas,arrivals.load.rate,"), lines.get(0));
        assertTrue(lines.get(0).contains(",services.web.latencyMs.p99,"), lines.get(0));
        assertTrue(lines.get(2).startsWith("replicas-3_rate-30_"), "first parameter slowest: " + lines.get(2));
        List<Path> shards = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path s = tmp.resolve("shard" + i);
            Cli c = sweep(s, "--shard", i + "/3", "--threads", "1");
            assertEquals(0, c.exitCode(), c.err());
            assertEquals(2, pointFolders(s).size(), "6 points in 3 shards");
            shards.add(s);
        }
        Path merged = tmp.resolve("merged");
        Cli m = Cli.run("merge", shards.get(0).toString(), shards.get(1).toString(), shards.get(2).toString(),
                "--out", merged.toString());
        assertEquals(0, m.exitCode(), m.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("sweep.csv")), Files.readAllBytes(merged.resolve("sweep.csv")),
                "merged shards (one thread each) give the unsharded table (two threads) byte for byte");
        assertEquals(pointFolders(whole), pointFolders(merged));
        // The comparison report of the points, drawn after the table by sweep and by merge alike.
        for (Path d : List.of(whole, merged)) {
            String html = Files.readString(d.resolve("comparison/report.html"));
            for (String p : pointFolders(whole)) {
                assertTrue(html.contains(p), d + ": " + p + " in the comparison");
            }
        }
        for (String p : pointFolders(whole)) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(p).resolve("summary.json")),
                    Files.readAllBytes(merged.resolve(p).resolve("summary.json")), p);
        }

        // Two of three shards: nothing is merged, the missing points are named.
        Path partial = tmp.resolve("partial");
        Cli bad = Cli.run("merge", shards.get(0).toString(), shards.get(1).toString(), "--out", partial.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("2 of 6 points are missing or incomplete"), bad.err());
        assertFalse(Files.exists(partial));
    }

    @Test
    void anInterruptedSweepRunsOnlyThePointsNotFinished() throws Exception {
        Path dir = tmp.resolve("resume");
        // Points already there: the replicas=3 half, as an earlier (interrupted) sweep would leave them.
        Cli first = Cli.run("sweep", scenario.toString(), "--param", "services.web.replicas=3", "--param",
                "arrivals.load.rate=20,30,40", "--out", dir.toString(), "--threads", "2");
        assertEquals(0, first.exitCode(), first.err());
        List<String> before = pointFolders(dir);
        assertEquals(3, before.size());
        List<String> ids = new ArrayList<>();
        for (String p : before) {
            ids.add(runId(dir.resolve(p)));
        }
        // One of them incomplete: a file its manifest lists was damaged; it must run again.
        Path damaged = dir.resolve(before.get(0));
        Files.writeString(damaged.resolve("summary.json"), "{}");

        Cli full = sweep(dir, "--threads", "2");
        assertEquals(0, full.exitCode(), full.err());
        assertTrue(full.err().contains("6 points, 2 already done, 4 to run"), full.err());
        assertTrue(full.out().contains("(4 run, 2 resumed)"), full.out());
        assertEquals(6, pointFolders(dir).size());
        assertNotEquals(ids.get(0), runId(damaged), "the damaged point ran again");
        for (int i = 1; i < 3; i++) {
            assertEquals(ids.get(i), runId(dir.resolve(before.get(i))), "a complete point was not run again");
        }
        // The table is the same as a sweep run at once.
        Path once = tmp.resolve("once");
        assertEquals(0, sweep(once, "--threads", "1").exitCode());
        assertArrayEquals(Files.readAllBytes(once.resolve("sweep.csv")), Files.readAllBytes(dir.resolve("sweep.csv")));
        // Run again: nothing to do.
        Cli again = sweep(dir);
        assertTrue(again.err().contains("6 already done, 0 to run"), again.err());
    }

    @Test
    void valuesCannotNameAFolderOutsideTheSweep() throws Exception {
        Path dir = tmp.resolve("inject");
        Sandbox before = Sandbox.of(tmp);
        Cli c = Cli.run("sweep", scenario.toString(), "--param", "description=../../evil,a/b", "--out",
                dir.toString(), "--threads", "1");
        assertEquals(0, c.exitCode(), c.err());
        before.assertUnchangedExcept("inject");
        assertEquals(2, pointFolders(dir).size());
        for (String p : pointFolders(dir)) {
            assertTrue(p.startsWith("description-.._.._evil_") || p.startsWith("description-a_b_"), p);
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() throws Exception {
        Path dir = tmp.resolve("bad");
        Cli c = Cli.run("sweep", scenario.toString(), "--param", "services.web.replicas=2,-1,x", "--out",
                dir.toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("services.web.replicas"), c.err());
        assertFalse(Files.exists(dir));
        Cli shard = Cli.run("sweep", scenario.toString(), "--param", "seed=1,2", "--shard", "4/3", "--out",
                dir.toString());
        assertEquals(2, shard.exitCode());
        assertTrue(shard.err().contains("--shard 4/3"), shard.err());
        // A folder that is not a sweep folder is not written into.
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        Cli o = Cli.run("sweep", scenario.toString(), "--param", "seed=1", "--out", other.toString());
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("not a sweep folder"), o.err());
        assertEquals(List.of(), pointFolders(other));
    }

    @Test
    void planRefusesBadObjectivesAndRangesBeforeRunning() {
        Path dir = tmp.resolve("plan-bad");
        Cli field = Cli.run("plan", scenario.toString(), "--slo", "services.web.latencyMs.p98<=700", "--vary",
                "services.web.replicas=1..8", "--out", dir.toString());
        assertEquals(2, field.exitCode());
        assertTrue(field.err().contains("did you mean services.web.latencyMs.p90?"), field.err());
        Cli grammar = Cli.run("plan", scenario.toString(), "--slo", "p99=<700", "--vary",
                "services.web.replicas=1..8", "--out", dir.toString());
        assertEquals(2, grammar.exitCode());
        assertTrue(grammar.err().contains("expected PATH OP NUMBER"), grammar.err());
        Cli range = Cli.run("plan", scenario.toString(), "--slo", "services.web.latencyMs.p99<=700", "--vary",
                "services.web.replicas=8..1", "--out", dir.toString());
        assertEquals(2, range.exitCode());
        Cli path = Cli.run("plan", scenario.toString(), "--slo", "services.web.latencyMs.p99<=700", "--vary",
                "services.web.replics=1..8", "--out", dir.toString());
        assertEquals(2, path.exitCode());
        assertTrue(path.err().contains("--vary services.web.replics=1..8"), path.err());
        // A mix: the same field twice; a scenario whose pools cost nothing (a mix is chosen by cost).
        Cli twice = Cli.run("plan", scenario.toString(), "--slo", "services.web.latencyMs.p99<=700", "--vary",
                "services.web.replicas=1..8", "--vary", "services.web.replicas=2..3", "--out", dir.toString());
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().contains("services.web.replicas is varied twice"), twice.err());
        Cli free = Cli.run("plan", scenario.toString(), "--slo", "services.web.latencyMs.p99<=700", "--vary",
                "services.web.replicas=1..8", "--vary", "services.web.concurrency=1..2", "--out", dir.toString());
        assertEquals(2, free.exitCode());
        assertTrue(free.err().contains("costPerHour"), free.err());
        assertFalse(Files.exists(dir));
    }

    /** Points start largest first: the estimate grows with the stated rate and the duration, hand-worked. */
    @Test
    void estimatedWorkIsDurationTimesRate() throws Exception {
        Path quickstart = Path.of("../scenarios/examples/quickstart.yaml");
        Path file = Files.exists(quickstart) ? quickstart : Path.of("scenarios/examples/quickstart.yaml");
        io.capsim.scenarios.model.Scenario slow = (io.capsim.scenarios.model.Scenario) io.capsim.scenarios.validate
                .ScenarioReader.read(file, List.of("duration=1000s", "arrivals.web-traffic.rate=120"));
        io.capsim.scenarios.model.Scenario fast = (io.capsim.scenarios.model.Scenario) io.capsim.scenarios.validate
                .ScenarioReader.read(file, List.of("duration=1000s", "arrivals.web-traffic.rate=150"));
        assertEquals(1000 * (1 + 120), SweepCommand.estimatedWork(slow), 1e-9);
        assertEquals(1000 * (1 + 150), SweepCommand.estimatedWork(fast), 1e-9);
    }
}
