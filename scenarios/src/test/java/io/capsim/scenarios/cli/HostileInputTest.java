package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.reports.io.OutputFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases of issue 13, tried as a hostile user would: each asserts the message (located where a
 * file is at fault), the exit code, and that nothing outside the output folder was written or
 * removed (a snapshot of the sandbox before and after).
 */
class HostileInputTest {

    @TempDir
    Path tmp;

    Path scenario;
    Sandbox before;

    static final String GOOD = String.join("\n",
            "name: t",                          // 1
            "seed: 1",                          // 2
            "duration: 2m",                     // 3
            "warmup: 30s",                      // 4
            "nodePools:",                       // 5
            "  cpu:",                           // 6
            "    count: 2",                     // 7
            "    cpu: 8",                       // 8
            "    memory: 32Gi",                 // 9
            "services:",                        // 10
            "  web:",                           // 11
            "    replicas: 2",                  // 12
            "    resources: {cpu: 1, memory: 1Gi}", // 13
            "    usage: {idleGpu: 0}",          // 14
            "    serviceTime: {type: lognormal, mean: 50ms, cv: 1}", // 15
            "arrivals:",                        // 16
            "  load:",                          // 17
            "    service: web",                 // 18
            "    process: poisson",             // 19
            "    rate: 10",                     // 20
            "");

    @BeforeEach
    void writeScenario() throws IOException {
        scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, GOOD);
        before = Sandbox.of(tmp);
    }

    private Cli run(String yaml, String... extra) throws IOException {
        Files.writeString(scenario, yaml);
        before = Sandbox.of(tmp);
        String[] args = new String[extra.length + 4];
        args[0] = "run";
        args[1] = scenario.toString();
        args[2] = "--out";
        args[3] = tmp.resolve("out").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Cli.run(args);
    }

    private static void assertBadInput(Cli r, String... parts) {
        assertEquals(2, r.exitCode(), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "\"" + p + "\" in: " + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    // ---- output places ------------------------------------------------------------------------

    @ParameterizedTest(name = "run --out {0}")
    @ValueSource(strings = {"/", "/dev", "/etc", "/usr/share/capsim", "/proc/self", "/sys/kernel"})
    void systemPlacesAreRefusedBeforeAnyWork(String place) throws IOException {
        Cli r = Cli.run("run", scenario.toString(), "--out", place, "--force");
        assertBadInput(r, "--out: cannot write the output to " + place + ": it ");
        assertTrue(r.err().contains("root folder") || r.err().contains("system folder"), r.err());
        assertFalse(Files.exists(Path.of(place, "summary.json")), "nothing written there");
        assertFalse(Files.exists(Path.of("/summary.json")));
        before.assertUnchangedExcept();
    }

    @Test
    void traceSynthNeverReplacesADevice() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        Cli r = Cli.run("trace", "synth", scenario.toString(), "--out", "/dev/null", "--force");
        assertBadInput(r, "--out: cannot write the output to /dev/null");
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")),
                "/dev/null is still a device");
        before.assertUnchangedExcept();
    }

    @Test
    void aFolderCapsimDidNotWriteNeedsForce() throws IOException {
        Path mine = Files.createDirectory(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        before = Sandbox.of(tmp);
        Cli r = Cli.run("run", scenario.toString(), "--out", mine.toString());
        assertBadInput(r, "it is not empty and capsim did not write it", "--force");
        before.assertUnchangedExcept();
        Cli forced = Cli.run("run", scenario.toString(), "-q", "--out", mine.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertFalse(Files.exists(mine.resolve("notes.txt")), "--force replaces the whole folder");
        before.assertUnchangedExcept("mine");
    }

    @Test
    void theFolderHoldingTheScenarioIsNeverTheOutput() throws IOException {
        Cli r = Cli.run("run", scenario.toString(), "--out", tmp.toString(), "--force");
        assertBadInput(r, "it holds " + scenario.toRealPath() + ", an input of this run");
        before.assertUnchangedExcept();
    }

    @Test
    void filesOfAnEarlierDifferentScenarioDoNotStayBesideTheNewOnes() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("run", scenario.toString(), "-q", "--out", out.toString()).exitCode());
        assertTrue(Files.exists(out.resolve("web.hgrm")));
        Cli r = run(GOOD.replace("  web:", "  api:").replace("service: web", "service: api"), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(out.resolve("web.hgrm")), "web.hgrm of the earlier run is gone");
        assertTrue(Files.exists(out.resolve("api.hgrm")));
        before.assertUnchangedExcept("out");
    }

    @Test
    void aRunIntoAFolderAnotherRunHoldsIsRefused() throws IOException {
        Path out = tmp.resolve("out");
        try (OutputFolder other = OutputFolder.open(out)) {
            Cli r = Cli.run("run", scenario.toString(), "--out", out.toString());
            assertBadInput(r, "--out: cannot write the output to " + out, "capsim run " + other.runId(),
                    "is writing to it");
        }
        before.assertUnchangedExcept();
    }

    @Test
    void runInfoRecordsExactlyWhatWasRun() throws Exception {
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", scenario.toString(), "-q", "--out", out.toString(), "--seed", "7",
                "--set", "services.web.replicas=3", "--limit", "trace-line=2MiB");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode info = new ObjectMapper().readTree(out.resolve("run-info.json").toFile());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(scenario)));
        assertEquals(sha, info.get("scenarioSha256").asText());
        assertEquals(List.of("services.web.replicas=3", "seed=7"),
                new ObjectMapper().convertValue(info.get("overrides"), List.class));
        assertEquals(7, info.get("seed").asLong());
        assertEquals(List.of("run", scenario.toString(), "-q", "--out", out.toString(), "--seed", "7", "--set",
                "services.web.replicas=3", "--limit", "trace-line=2MiB"),
                new ObjectMapper().convertValue(info.get("commandLine"), List.class));
        assertEquals("2MiB", info.get("limits").get("trace-line").asText());
        assertTrue(info.get("runId").asText().matches("[0-9a-f]{12}"));
        assertTrue(Files.readString(out.resolve("SHA256SUMS")).contains("  run-info.json\n"));
        before.assertUnchangedExcept("out");
    }

    // ---- limits -------------------------------------------------------------------------------

    private Path gzip(String name, long bytes, byte[] unit) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p), 1 << 16)) {
            for (long n = 0; n < bytes; n += unit.length) {
                o.write(unit);
            }
        }
        before = Sandbox.of(tmp);
        return p;
    }

    @Test
    void aGzipBombIsStoppedByTheRatioLimit() throws IOException {
        byte[] rows = "0\n".repeat(1 << 15).getBytes(StandardCharsets.US_ASCII);
        Path bomb = gzip("bomb.csv.gz", 64L << 20, rows); // 64 MiB of "0\n" in about 64 KiB
        assertTrue(Files.size(bomb) < (1 << 20));
        Path out = tmp.resolve("out");
        Cli r = Cli.run("trace", "inspect", bomb.toString(), "--format", "csv", "--time-column", "0",
                "--out", out.toString());
        assertBadInput(r, "bomb.csv.gz:", "decompresses", "times larger than it is", "limit trace-ratio",
                "--limit trace-ratio=");
        before.assertUnchangedExcept();
    }

    @Test
    void aLineWithoutEndIsStoppedByTheLineLimit() throws IOException {
        Path bomb = gzip("zeros.csv.gz", 8L << 20, new byte[1 << 16]); // 8 MiB of zero bytes, no newline
        Cli r = Cli.run("trace", "inspect", bomb.toString(), "--format", "azure-llm-2023",
                "--out", tmp.resolve("out").toString());
        assertBadInput(r, "zeros.csv.gz:1: the line is longer than 1 MiB (limit trace-line)",
                "--limit trace-line=SIZE");
        before.assertUnchangedExcept();
    }

    @Test
    void aHugeTimeGapIsALimitNotAnOutOfMemoryError() throws IOException {
        Path csv = Files.writeString(tmp.resolve("gap.csv"), "t\n0\n3000000000\n");
        before = Sandbox.of(tmp);
        Cli r = Cli.run("trace", "inspect", csv.toString(), "--format", "csv", "--time-column", "t",
                "--out", tmp.resolve("out").toString());
        assertBadInput(r, "gap.csv:3: time 3000000000 s after the first row is beyond 31622400 s (limit trace-horizon");
        before.assertUnchangedExcept();
        Cli raised = Cli.run("trace", "inspect", csv.toString(), "--format", "csv", "--time-column", "t",
                "--out", tmp.resolve("out").toString(), "--limit", "trace-horizon=36500d");
        assertBadInput(raised, "gap.csv:3:", "limit trace-gap");
        before.assertUnchangedExcept();
    }

    @Test
    void aLongScalarIsRefusedInLinearTime() throws IOException {
        // 32 MiB on one line, within a raised file limit: the YAML parser (quadratic in the length of
        // a one-line token: 16 MB took 28 s) never sees it.
        String big = GOOD.replace("name: t", "name: t\ndescription: " + "a".repeat(32 << 20));
        long t0 = System.nanoTime();
        Cli r = run(big, "--limit", "scenario-size=64MiB");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertBadInput(r, "s.yaml:2:65537: the line is longer than 65536 characters (limit scalar-length; "
                + "raise it with --limit scalar-length=N)");
        assertTrue(seconds < 10, seconds + " s");
        before.assertUnchangedExcept();
    }

    @Test
    void anOversizedScenarioIsRefusedBeforeItIsRead() throws IOException {
        Cli r = run(GOOD + "#" + "x".repeat(2 << 20) + "\n");
        assertBadInput(r, "s.yaml: the file is larger than 1048576 bytes", "--limit scenario-size=SIZE");
        before.assertUnchangedExcept();
    }

    @Test
    void nestingDepthIsALocatedLimit() throws IOException {
        Cli r = run(GOOD.replace("seed: 1", "seed: 1\ndescription: " + "[".repeat(100) + "]".repeat(100)));
        assertBadInput(r, "s.yaml:3:", "nested more than 64 deep (limit yaml-depth");
        before.assertUnchangedExcept();
    }

    @Test
    void traceSynthStopsAtItsOutputLimitAndLeavesNoTemporaryFile() throws IOException {
        Path csv = tmp.resolve("arrivals.csv");
        Cli r = Cli.run("trace", "synth", scenario.toString(), "--out", csv.toString(), "--limit", "synth-size=8KiB");
        assertBadInput(r, "capsim: the output reached 8 KiB (limit synth-size) after", "--limit synth-size=SIZE");
        assertFalse(Files.exists(csv));
        before.assertUnchangedExcept();
        Cli ok = Cli.run("trace", "synth", scenario.toString(), "--out", csv.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        before.assertUnchangedExcept("arrivals.csv");
    }

    @Test
    void aMisspelledLimitIsBadInput() {
        Cli r = Cli.run("validate", scenario.toString(), "--limit", "trace-lines=2MiB");
        assertBadInput(r, "--limit trace-lines=2MiB: unknown limit \"trace-lines\"; did you mean \"trace-line\"?");
    }

    // ---- numbers ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cv NaN        | 'cv: 1}'        | 'cv: .nan}'      | s.yaml:15:52 | services.web.serviceTime.cv: .nan (NaN) is not a number; use a number in [0, 1000000000000]",
        "cv inf        | 'cv: 1}'        | 'cv: .inf}'      | s.yaml:15:52 | services.web.serviceTime.cv: .inf is infinite",
        "cv -inf       | 'cv: 1}'        | 'cv: -.Inf}'     | s.yaml:15:52 | services.web.serviceTime.cv: -.Inf is infinite",
        "idleGpu NaN   | 'idleGpu: 0'    | 'idleGpu: .NaN'  | s.yaml:14:22 | services.web.usage.idleGpu: .NaN (NaN) is not a number",
        "hex replicas  | 'replicas: 2'   | 'replicas: 0x10' | s.yaml:12:15 | services.web.replicas: 0x10 is hexadecimal (16 in decimal); numbers are read in decimal only; use an integer in [",
        "octal         | 'replicas: 2'   | 'replicas: 017'  | s.yaml:12:15 | services.web.replicas: 017 has a leading zero, which YAML 1.1 reads as octal (15)",
        "binary        | 'count: 2'      | 'count: 0b10'    | s.yaml:7:12  | nodePools.cpu.count: 0b10 is binary (2 in decimal)",
        "rate inf      | 'rate: 10'      | 'rate: .inf'     | s.yaml:20:11 | arrivals.load.rate: .inf is infinite",
        "rate zero     | 'rate: 10'      | 'rate: 0'        | s.yaml:20:11 | arrivals.load.rate: 0.0 is not in (0, 1e9]",
        "duration NaN  | 'duration: 2m'  | 'duration: .nan' | s.yaml:3:11  | duration: .nan (NaN) is not a number",
        "duration zero | 'duration: 2m'  | 'duration: 0'    | s.yaml:3:11  | duration: 0 is not in (0s, 31622400s]",
        "duration neg  | 'duration: 2m'  | 'duration: -5s'  | s.yaml:3:11  | duration: \"-5s\" is not a duration",
    })
    void numberFormsAreLocatedUserErrors(String name, String from, String to, String location, String message)
            throws IOException {
        for (String command : List.of("run", "validate")) {
            Files.writeString(scenario, GOOD.replace(from, to));
            before = Sandbox.of(tmp);
            Cli r = command.equals("run") ? Cli.run("run", scenario.toString(), "--out", tmp.resolve("out").toString())
                    : Cli.run("validate", scenario.toString());
            assertBadInput(r, location + ": " + message);
            assertEquals(2, r.err().split("\n").length, "one problem, no follow-on: " + r.err());
            before.assertUnchangedExcept();
        }
    }

    @Test
    void aNumberFormInATraceWindowOrSchedulingShareIsLocatedToo() throws IOException {
        Path csv = Files.writeString(tmp.resolve("t.csv"), "time_s\n0.5\n1.5\n");
        String trace = GOOD.replace("    process: poisson\n    rate: 10", "    trace: {file: t.csv, format: csv, "
                + "csv: {time: {column: time_s, unit: s}}, timeScale: .nan, rateScale: .inf}");
        Cli r = run(trace);
        assertBadInput(r, "arrivals.load.trace.timeScale: .nan (NaN) is not a number",
                "arrivals.load.trace.rateScale: .inf is infinite");
        assertTrue(Files.exists(csv));
        before.assertUnchangedExcept();
        String data = Path.of("examples/data/alibaba-gpu-v2023").toAbsolutePath().toString();
        Cli s = run(String.join("\n", "name: t", "schedulingExperiment:", "  kind: inflation",
                "  nodes: {format: openb-nodes, file: " + data + "/openb_node_list_gpu_node.csv}",
                "  pods: {format: openb-pods, file: " + data + "/openb_pod_list_default.csv}",
                "  targetShare: .nan", "  arrivalPoints: [0.5, .inf]", "  policies: [{builtIn: fgd}]", ""));
        assertBadInput(s, "s.yaml:6:16: schedulingExperiment.targetShare: .nan (NaN) is not a number",
                "schedulingExperiment.arrivalPoints[1]: .inf is infinite");
        before.assertUnchangedExcept();
    }

    @Test
    void anInvalidDurationGivesNoFalseFollowOnAboutTheWarmup() throws IOException {
        Cli r = run(GOOD.replace("duration: 2m", "duration: 2 minutes"));
        assertBadInput(r, "s.yaml:3:11: duration: \"2 minutes\" is not a duration");
        assertFalse(r.err().contains("warmup"), r.err());
        Cli removed = Cli.run("validate", scenario.toString(), "--set", "duration=null");
        assertBadInput(removed, "--set duration=null: duration: is required");
        assertFalse(removed.err().contains("warmup") || removed.err().contains("s.yaml:1"), removed.err());
        before.assertUnchangedExcept();
    }

    // ---- quiet surprises ----------------------------------------------------------------------

    @Test
    void aliasesAreExpandedAsTheValueTheyName() throws IOException {
        String aliased = GOOD.replace("    cpu: 8", "    cpu: &cores 8").replace("{cpu: 1, memory: 1Gi}",
                "{cpu: *cores, memory: 1Gi}");
        Cli r = Cli.run("validate", writeAs("aliased.yaml", aliased).toString());
        assertEquals(0, r.exitCode(), r.err());
        Cli copy = Cli.run("validate", writeAs("copy.yaml", GOOD.replace("  cpu:\n", "  cpu: &pool\n")
                .replace("services:", "  gpu: *pool\nservices:")).toString(), "--set", "nodePools.gpu.count=9");
        assertEquals(0, copy.exitCode(), copy.err());
        assertTrue(copy.out().contains("2 node pool(s)"), copy.out());
    }

    @Test
    void aliasBombsAndCyclesAreRefused() throws IOException {
        StringBuilder laughs = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                laughs.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            laughs.append("]\n");
        }
        Cli bomb = Cli.run("validate", writeAs("laughs.yaml", laughs.toString()).toString());
        assertBadInput(bomb, "laughs.yaml:", "aliases expand to more than 10000 values in all (limit yaml-aliases");
        Cli none = Cli.run("validate", writeAs("none.yaml", GOOD.replace("cpu: 8", "cpu: &c 8")
                .replace("{cpu: 1,", "{cpu: *c,")).toString(), "--limit", "yaml-aliases=0");
        assertBadInput(none, "none.yaml:13:", "aliases expand to more than 0 values");
        Cli cycle = Cli.run("validate", writeAs("cycle.yaml", "a: &a {b: *a}\n").toString());
        assertBadInput(cycle, "cycle.yaml:1:", "alias *a refers to a value that contains it");
        Cli merge = Cli.run("validate", writeAs("merge.yaml", "base: &b {count: 1}\nnodePools: {p: {<<: *b}}\n")
                .toString());
        assertBadInput(merge, "merge.yaml:2:", "merge keys (<<) are not supported");
    }

    @Test
    void binaryInputIsLocatedAtTheBadByte() throws IOException {
        byte[] good = GOOD.getBytes(StandardCharsets.UTF_8);
        int at = GOOD.indexOf("    replicas");
        byte[] withNul = good.clone();
        withNul[at + 2] = 0;
        Files.write(scenario, withNul);
        Cli nul = Cli.run("validate", scenario.toString());
        assertBadInput(nul, "s.yaml:12:3: character U+0000 is not allowed in YAML");
        byte[] withFf = good.clone();
        withFf[at + 2] = (byte) 0xFF;
        Files.write(scenario, withFf);
        Cli ff = Cli.run("validate", scenario.toString());
        assertBadInput(ff, "s.yaml:12:3: byte 0xFF is not valid UTF-8");
        Files.writeString(scenario, "name: t\rseed: 1\rdescription: a\u0000b\r"); // old Mac line ends
        assertBadInput(Cli.run("validate", scenario.toString()), "s.yaml:3:15: character U+0000 is not allowed");
        Files.write(scenario, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        assertBadInput(Cli.run("validate", scenario.toString()), "s.yaml:1:1: byte 0x89 is not valid UTF-8");
    }

    @Test
    void aTracePathMayNotLeaveTheScenarioFolder() throws IOException {
        Path nested = Files.createDirectories(tmp.resolve("a/b"));
        Path inner = writeAs("a/b/s.yaml", GOOD.replace("    process: poisson\n    rate: 10",
                "    trace: {file: ../../../../../../../../etc/passwd, format: azure-llm-2023}"));
        before = Sandbox.of(tmp);
        Cli r = Cli.run("validate", inner.toString());
        assertBadInput(r, "s.yaml:19:19: arrivals.load.trace.file: \"../../../../../../../../etc/passwd\" is outside "
                + "the scenario's folder (" + nested + ")", "--allow-paths DIR");
        assertFalse(r.err().contains("root:"), "nothing of the file is read or shown: " + r.err());
        Path secret = Files.writeString(tmp.resolve("secret.csv"), "time_s\n1\n");
        Files.createSymbolicLink(nested.resolve("link.csv"), secret);
        before = Sandbox.of(tmp);
        Cli link = Cli.run("validate", writeAs("a/b/s.yaml", GOOD.replace("    process: poisson\n    rate: 10",
                "    trace: {file: link.csv, format: csv, csv: {time: {column: time_s, unit: s}}}")).toString());
        assertBadInput(link, "arrivals.load.trace.file: \"link.csv\" leads through a symbolic link to "
                + secret.toRealPath() + ", outside");
        Cli viaLink = Cli.run("validate", nested.resolve("s.yaml").toString(), "--allow-paths", tmp.toString());
        assertEquals(0, viaLink.exitCode(), viaLink.err());
    }

    @Test
    void aSchedulerConfigurationFileMayNotLeaveTheScenarioFolderEither() throws IOException {
        Cli r = run(GOOD + "scheduler: {configuration: ../../../../../../../etc/passwd}\n");
        assertBadInput(r, "s.yaml:21:28: scheduler.configuration: \"../../../../../../../etc/passwd\" is outside the "
                + "scenario's folder");
        assertFalse(r.err().contains("root:"), r.err());
        before.assertUnchangedExcept();
    }

    @Test
    void aFolderOrDeviceAsATraceFileIsNamedForWhatItIs() throws IOException {
        Files.createDirectory(tmp.resolve("dir.csv"));
        before = Sandbox.of(tmp);
        Cli dir = run(GOOD.replace("    process: poisson\n    rate: 10", "    trace: {file: dir.csv, format: csv, "
                + "csv: {time: {column: t, unit: s}}}"));
        assertBadInput(dir, "arrivals.load.trace.file: " + tmp.resolve("dir.csv") + " is a folder, not a file");
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Cli zero = run(GOOD.replace("    process: poisson\n    rate: 10", "    trace: {file: /dev/zero, format: csv, "
                + "csv: {time: {column: t, unit: s}}}"), "--allow-paths", "/dev");
        assertBadInput(zero, "arrivals.load.trace.file: /dev/zero is not a regular file (a device, pipe or socket)");
        Cli inspect = Cli.run("trace", "inspect", "/dev/zero", "--format", "csv", "--time-column", "t");
        assertBadInput(inspect, "/dev/zero: is not a regular file");
        before.assertUnchangedExcept();
    }

    @Test
    void aMisspelledServiceInSetSuggestsTheExistingOne() throws IOException {
        Cli r = Cli.run("validate", scenario.toString(), "--set", "services.wbe.replicas=3");
        assertBadInput(r, "--set services.wbe.replicas=3: services.wbe: unknown service \"wbe\"; did you mean \"web\"?");
        assertEquals(2, r.err().split("\n").length, "one problem, not the new service's missing fields: " + r.err());
        Cli added = Cli.run("validate", scenario.toString(), "--set", "services.batch.replicas=1",
                "--set", "services.batch.resources.cpu=1", "--set", "services.batch.resources.memory=1Gi",
                "--set", "services.batch.serviceTime.type=constant", "--set", "services.batch.serviceTime.value=1s");
        assertEquals(0, added.exitCode(), "a new, complete service is still welcome: " + added.err());
    }

    @Test
    void aDottedParameterKeyIsAnUnknownParameterNotACrash() throws IOException {
        // Found by fuzzing: a key with a leading dot had no location, and the reader threw a
        // NullPointerException (exit 3).
        Cli r = run(GOOD.replace("    rate: 10", "    rate: 10\n    .rate: 5"));
        assertBadInput(r, "s.yaml:21:5: arrivals.load..rate: unknown poisson parameter \".rate\"; did you mean \"rate\"?");
        before.assertUnchangedExcept();
    }

    @Test
    void textFromTheInputCannotDriveTheTerminal() throws IOException {
        Cli r = run(GOOD.replace("name: t", "name: \"t\\e]0;pwned\\a\\e[2J\""));
        assertBadInput(r, "s.yaml:1:7: name: \"t\\u{001B}]0;pwned\\u{0007}\\u{001B}[2J\" is not allowed");
        assertFalse(r.err().contains("\u001b"), "no raw escape character reaches the terminal");
    }

    private Path writeAs(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
