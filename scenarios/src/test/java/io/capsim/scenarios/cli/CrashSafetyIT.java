package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built {@code capsim.jar} in separate processes and kills them: with SIGKILL at a fixed
 * list of instants spread over a run (while it simulates, after each kind of file, before the
 * manifest, before and after the final swap, and between the two renames of the fallback swap),
 * with SIGTERM and SIGINT, and two runs at once into one folder; and out of memory. After each, the
 * output folder holds exactly one complete run, the old or the new (every file matches the
 * {@code SHA256SUMS} manifest and all carry one run's seed), and after the next run no staging
 * folder, old folder or lock file remains beside it.
 *
 * <p>Instants in the output code are reached through its test pauses ({@code capsim.test.pauseAt},
 * see {@code TestPauses}): the process prints a line there and waits, and is killed while waiting.
 */
class CrashSafetyIT {

    /**
     * A process started in the background by a non-interactive shell (as a CI script may be)
     * inherits SIGINT ignored, and so would every capsim this test starts, which then cannot be
     * stopped by SIGINT at all. Where coreutils' env can, the children start with SIGINT and
     * SIGTERM back at their defaults, as from a terminal.
     */
    private static final List<String> DEFAULT_SIGNALS = defaultSignals();

    private static List<String> defaultSignals() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT,TERM", "true").start();
            return p.waitFor() == 0 ? List.of("env", "--default-signal=INT,TERM") : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    @TempDir
    Path tmp;

    static Path jar;
    Path scenario;
    Path out;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("capsim.jar", "target/capsim.jar")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "the shaded jar is built by mvn package before the integration tests");
        assumeTrue(!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win"), "POSIX signals");
    }

    /** A running capsim, its standard error read line by line. */
    final class Run {
        final Process process;
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final StringBuilder err = new StringBuilder();

        Run(long seed, String duration, String pauseAt, long pauseMillis, String... jvm) throws IOException {
            List<String> cmd = new ArrayList<>(DEFAULT_SIGNALS);
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xshare:auto");
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-Djava.awt.headless=true");
            if (pauseAt != null) {
                cmd.add("-Dcapsim.test.pauseAt=" + pauseAt);
                cmd.add("-Dcapsim.test.pauseMillis=" + pauseMillis);
            }
            cmd.addAll(List.of(jvm));
            cmd.addAll(List.of("-jar", jar.toString(), "run", scenario.toString(), "-q", "--out", out.toString(),
                    "--seed", Long.toString(seed), "--set", "duration=" + duration));
            process = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        synchronized (err) {
                            err.append(l).append('\n');
                        }
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for the test pause line of {@code phase}. */
        void awaitPause(String phase) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String l = lines.poll(100, TimeUnit.MILLISECONDS);
                if (l != null && l.equals("capsim-test: pause " + phase)) {
                    return;
                }
                if (l == null && !process.isAlive()) {
                    throw new AssertionError("ended before " + phase + ": " + stderr());
                }
            }
            throw new AssertionError("no pause at " + phase + ": " + stderr());
        }

        int waitFor() throws InterruptedException {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "run ended in time");
            return process.exitValue();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL on POSIX
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void signal(String name) throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        }

        String stderr() {
            synchronized (err) {
                return err.toString();
            }
        }
    }

    private void setUp() throws IOException {
        scenario = tmp.resolve("s.yaml");
        Files.copy(Path.of("examples/quickstart.yaml"), scenario);
        out = tmp.resolve("out");
    }

    /** Runs to completion; returns the seed the folder then holds. */
    private long complete(long seed) throws Exception {
        Run r = new Run(seed, "10m", null, 0);
        assertEquals(0, r.waitFor(), r.stderr());
        assertEquals(seed, oneCompleteRun());
        assertClean();
        return seed;
    }

    /** The folder holds one complete run: every file matches SHA256SUMS; its seed. */
    private long oneCompleteRun() throws Exception {
        assertTrue(Files.isDirectory(out), "the output folder exists");
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("SHA256SUMS"))) {
            listed.put(line.substring(66), line.substring(0, 64));
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.getFileName().toString().equals("SHA256SUMS")) {
                    actual.put(p.getFileName().toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        assertEquals(listed, actual, "every file of the folder is in its manifest with its hash, no other");
        assertTrue(listed.keySet().containsAll(List.of("latency-percentiles.png", "report.html", "run-info.json",
                "summary.json", "web.hgrm")), "all of a run's files: " + listed.keySet());
        ObjectMapper m = new ObjectMapper();
        JsonNode summary = m.readTree(out.resolve("summary.json").toFile());
        JsonNode info = m.readTree(out.resolve("run-info.json").toFile());
        assertEquals(summary.get("seed").asLong(), info.get("seed").asLong(), "summary and run-info of one run");
        assertTrue(Files.readString(out.resolve("report.html")).contains("seed " + summary.get("seed").asLong()));
        return summary.get("seed").asLong();
    }

    /** Nothing but the output folder and the scenario in the sandbox: no staging or old folder, no lock. */
    private void assertClean() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(Files.exists(out) ? List.of("out", "s.yaml") : List.of("s.yaml"), names);
        }
    }

    private String manifest() throws IOException {
        return Files.readString(out.resolve("SHA256SUMS"));
    }

    @Test
    void sigkillAtAnyInstantLeavesOneCompleteRunAndTheNextRunClearsTheRest() throws Exception {
        setUp();
        long held = complete(1);
        // pause phase to kill at (the run waits there), or "simulating": 400 ms into the simulation.
        String[] instants = {"simulating", "wrote-summary.json", "wrote-web.hgrm", "wrote-report.html", "written",
            "before-swap", "after-swap"};
        long seed = 100;
        for (String instant : instants) {
            seed++;
            String oldManifest = manifest();
            Run r = instant.equals("simulating") ? new Run(seed, "6h", "staged", 0) : new Run(seed, "10m", instant, 60_000);
            r.awaitPause(instant.equals("simulating") ? "staged" : instant);
            if (instant.equals("simulating")) {
                Thread.sleep(400);
                assertTrue(r.process.isAlive(), "still simulating");
            }
            r.kill();
            long now = oneCompleteRun();
            if (instant.equals("after-swap")) {
                assertEquals(seed, now, "killed after the swap: the new run is in place");
            } else {
                assertEquals(held, now, "killed at " + instant + ": the old run is in place");
                assertEquals(oldManifest, manifest(), "byte for byte");
            }
            held = complete(seed + 1000);
        }
    }

    @Test
    void withoutRenameat2AKillBetweenTheTwoRenamesIsCompletedByTheNextRun() throws Exception {
        setUp();
        complete(1);
        Run r = new Run(2, "10m", "mid-swap", 60_000, "-Dcapsim.test.noExchange=true");
        r.awaitPause("mid-swap");
        r.kill();
        // The one state a two-rename swap cannot avoid: the folder is missing for that instant,
        // and both complete runs lie beside it under their hidden names.
        assertFalse(Files.exists(out));
        Run next = new Run(3, "10m", "staged", 60_000, "-Dcapsim.test.noExchange=true");
        next.awaitPause("staged");
        assertEquals(2, oneCompleteRun(), "the next run puts the finished one in place before it starts");
        next.kill();
        complete(4);
    }

    @Test
    void sigtermAndSigintStopCleanlyWithAMessage() throws Exception {
        setUp();
        complete(1);
        String oldManifest = manifest();
        // (A signal during the swap itself waits the milliseconds it takes, then the new run stays.)
        String[][] cases = {{"TERM", "staged", "143"}, {"INT", "wrote-summary.json", "130"}, {"TERM", "written", "143"}};
        for (String[] c : cases) {
            Run r = new Run(7, c[1].equals("staged") ? "6h" : "10m", c[1], c[1].equals("staged") ? 0 : 60_000);
            r.awaitPause(c[1]);
            if (c[1].equals("staged")) {
                Thread.sleep(400); // simulating
            }
            r.signal(c[0]);
            assertEquals(Integer.parseInt(c[2]), r.waitFor(), r.stderr());
            assertTrue(r.stderr().contains("capsim: stopped by a signal; the output was left as it was and no "
                    + "temporary files remain"), r.stderr());
            assertFalse(r.stderr().contains("Exception"), r.stderr());
            assertEquals(1, oneCompleteRun());
            assertEquals(oldManifest, manifest());
            assertClean(); // no temp files, right away: not even the lock
        }
    }

    @Test
    void twoRunsAtOnceIntoOneFolder() throws Exception {
        setUp();
        // Both start at once; the one that takes the lock holds it 3 s more (a test pause) before it
        // simulates, so the other meets it even on a slow machine.
        Run a = new Run(11, "10m", "staged", 3000);
        Run b = new Run(12, "10m", "staged", 3000);
        int ca = a.waitFor();
        int cb = b.waitFor();
        assertNotEquals(ca, cb, "one runs, one is refused: " + a.stderr() + " / " + b.stderr());
        Run refused = ca == 2 ? a : b;
        Run ran = ca == 2 ? b : a;
        assertEquals(0, ran.process.exitValue(), ran.stderr());
        assertEquals(2, refused.process.exitValue(), refused.stderr());
        assertTrue(refused.stderr().contains("--out: cannot write the output to " + out + ": capsim run ")
                && refused.stderr().contains("is writing to it; wait for that run to end"), refused.stderr());
        assertEquals(ran == a ? 11 : 12, oneCompleteRun());
        assertClean();
    }

    /** trace synth's temporary file while it grows, or null. */
    private Path synthTemp() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".arrivals.csv.capsim-tmp-")).findFirst()
                    .orElse(null);
        }
    }

    @Test
    void traceSynthKilledOrStoppedLeavesNoPartialFile() throws Exception {
        setUp();
        Path csv = tmp.resolve("arrivals.csv");
        for (String how : List.of("TERM", "KILL")) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "trace", "synth", scenario.toString(),
                    "--out", csv.toString(), "--set", "duration=366d", "--limit", "synth-size=64GiB")
                    .directory(tmp.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(tmp.resolve("err-" + how).toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Path temp = null;
            while (System.nanoTime() < deadline && (temp == null || Files.size(temp) < (4 << 20))) {
                Thread.sleep(50);
                temp = synthTemp();
            }
            assertTrue(temp != null && Files.size(temp) >= (4 << 20), "writing: " + temp);
            new ProcessBuilder("kill", "-" + how, Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String err = Files.readString(tmp.resolve("err-" + how));
            Files.delete(tmp.resolve("err-" + how));
            assertFalse(Files.exists(csv), "no partial output");
            if (how.equals("TERM")) {
                assertEquals(143, p.exitValue(), err);
                assertTrue(err.contains("capsim: stopped by a signal; the output was left as it was"), err);
                assertEquals(null, synthTemp(), "SIGTERM deletes the temporary file");
                assertClean();
            } else {
                assertEquals(137, p.exitValue());
                assertTrue(synthTemp() != null, "SIGKILL cannot clean up...");
            }
        }
        Process again = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "trace", "synth", scenario.toString(), "--out", csv.toString(),
                "--set", "duration=5m").directory(tmp.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertEquals(0, again.waitFor());
        assertEquals(null, synthTemp(), "...the next synth into the same file deletes what it left");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("arrivals.csv", "s.yaml"), s.map(x -> x.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void outOfMemoryIsExitFourWithHowToGiveItMore() throws Exception {
        setUp();
        Files.writeString(scenario, String.join("\n", "name: big", "duration: 10m",
                "nodePools: {big: {count: 100000, cpu: 64, memory: 256Gi}}",
                "services: {web: {replicas: 100000, concurrency: 1000, resources: {cpu: 1, memory: 1Gi},"
                        + " serviceTime: {type: constant, value: 1ms}}}",
                "arrivals: {a: {service: web, process: poisson, rate: 10}}", ""));
        Run r = new Run(1, "10m", null, 0, "-Xmx24m");
        assertEquals(4, r.waitFor(), r.stderr());
        assertTrue(r.stderr().contains("capsim: out of memory: the Java heap (24 MiB) is full. Give it more, e.g. "
                + "CAPSIM_JAVA_OPTS=-Xmx8g"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("s.yaml"), s.map(p -> p.getFileName().toString()).toList(), "nothing written");
        }
    }
}
