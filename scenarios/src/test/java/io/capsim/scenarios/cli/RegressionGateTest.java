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

/**
 * End-to-end through the CLI: the regression gate catches a worse policy (exit 1), passes a rerun
 * (exit 0), runs the project's own suite, and refuses bad input (exit 2).
 */
class RegressionGateTest {

    static final Path SUITE = Path.of("regression");
    static final Path PACKING = SUITE.resolve("gpu-packing.yaml");
    static final Path WEB = SUITE.resolve("web-poisson.yaml");

    @TempDir
    Path tmp;

    private Cli run(Path scenario, String out, String... more) {
        String[] args = new String[6 + more.length];
        args[0] = "run";
        args[1] = scenario.toString();
        args[2] = "--out";
        args[3] = tmp.resolve(out).toString();
        args[4] = "--replications=10";
        args[5] = "--quiet";
        System.arraycopy(more, 0, args, 6, more.length);
        Cli r = Cli.run(args);
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    @Test
    void spreadingInsteadOfBinPackingIsARegressionAndARerunIsNot() throws IOException {
        run(PACKING, "pack", "--threads", "3");
        run(PACKING, "pack-again", "--threads", "1");
        run(PACKING, "spread", "--set", "jobs.small.schedulerName=default-scheduler",
                "--set", "jobs.big.schedulerName=default-scheduler");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("pack/summary.json")),
                Files.readAllBytes(tmp.resolve("pack-again/summary.json")), "same scenario, same bytes, whatever the thread count");

        Cli same = Cli.run("compare", tmp.resolve("pack").toString(), tmp.resolve("pack-again").toString());
        assertEquals(0, same.exitCode(), same.out() + same.err());
        assertTrue(same.out().contains("no regression"), same.out());

        Path junit = tmp.resolve("junit.xml");
        Path md = tmp.resolve("comment.md");
        Cli worse = Cli.run("compare", tmp.resolve("pack").toString(), tmp.resolve("spread/summary.json").toString(),
                "--junit", junit.toString(), "--markdown", md.toString());
        assertEquals(1, worse.exitCode(), worse.out() + worse.err());
        assertTrue(worse.out().contains("REGRESSION /jobs/big/queueingDelaySeconds/mean"), worse.out());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<testcase classname=\"gpu-packing\" name=\"/jobs/big/queueingDelaySeconds/mean\">"
                + "\n      <failure type=\"regression\""), xml);
        assertTrue(Files.readString(md).contains("❌ regression | /jobs/big/queueingDelaySeconds/mean"));

        // The other way round the change is an improvement, never a regression.
        Cli better = Cli.run("compare", tmp.resolve("spread").toString(), tmp.resolve("pack").toString());
        assertEquals(0, better.exitCode(), better.out());
        assertTrue(better.out().contains("improvement /jobs/big/queueingDelaySeconds/mean"), better.out());
    }

    @Test
    void fewerReplicasAreARegressionUnlessTheToleranceFileAllowsIt() throws IOException {
        run(WEB, "six");
        run(WEB, "five", "--set", "services.web.replicas=5");
        Cli worse = Cli.run("compare", tmp.resolve("six").toString(), tmp.resolve("five").toString());
        assertEquals(1, worse.exitCode(), worse.out() + worse.err());
        assertTrue(worse.out().contains("REGRESSION /services/web/latencyMs/p99"), worse.out());

        Path tol = tmp.resolve("tolerances.yaml");
        Files.writeString(tol, "relative: 0.05\nmetrics:\n  \"/services/*/latencyMs/**\": {relative: 10}\n"
                + "  \"/services/web/waitMs/*\": {direction: none}\n");
        Cli allowed = Cli.run("compare", tmp.resolve("six").toString(), tmp.resolve("five").toString(),
                "--tolerances", tol.toString());
        assertEquals(0, allowed.exitCode(), allowed.out() + allowed.err());
    }

    @Test
    void theProjectSuitePassesAgainstItsBaselines() throws IOException {
        Path out = tmp.resolve("regress");
        Cli r = Cli.run("regress", SUITE.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("gpu-packing: no regression") && r.out().contains("web-poisson: no regression"),
                r.out());
        assertTrue(Files.readString(out.resolve("report.html")).contains("<h2>web-poisson: no regression</h2>"));
        assertFalse(Files.readString(out.resolve("junit.xml")).contains("<failure"));
    }

    @Test
    void regressNeedsBaselinesWritesThemWithUpdateAndCatchesAChangedScenario() throws IOException {
        Path suite = Files.createDirectory(tmp.resolve("suite"));
        Files.copy(WEB, suite.resolve("web.yaml"));
        Cli missing = Cli.run("regress", suite.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("web.baseline.json: no baseline for web.yaml; create it with: capsim regress")
                && missing.err().contains("--update"), missing.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing was run or written");

        Cli update = Cli.run("regress", suite.toString(), "--update", "--replications", "5");
        assertEquals(0, update.exitCode(), update.err());
        JsonNode baseline = new ObjectMapper().readTree(suite.resolve("web.baseline.json").toFile());
        assertEquals(5, baseline.get("replications").get("count").asInt());

        Cli pass = Cli.run("regress", suite.toString(), "--out", tmp.resolve("o").toString(), "--replications", "5");
        assertEquals(0, pass.exitCode(), pass.out() + pass.err());

        Files.writeString(suite.resolve("web.yaml"), Files.readString(suite.resolve("web.yaml"))
                .replace("replicas: 6", "replicas: 5"));
        Cli fail = Cli.run("regress", suite.toString(), "--out", tmp.resolve("o").toString(), "--replications", "5");
        assertEquals(1, fail.exitCode(), fail.out() + fail.err());
        assertTrue(Files.readString(tmp.resolve("o/junit.xml")).contains("<failure type=\"regression\""));
        assertTrue(Files.readString(tmp.resolve("o/report.md")).startsWith("### capsim: regression"));
    }

    @Test
    void badInputIsExitTwoWithALocatedMessage() throws IOException {
        Path good = tmp.resolve("good.json");
        Files.writeString(good, "{\"schemaVersion\": 2, \"scenario\": \"x\", \"a\": {\"latencyMs\": {\"p99\": 1}}}\n");
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"schemaVersion\": 2,\n  \"a\": [1, }\n");
        Cli notJson = Cli.run("compare", good.toString(), broken.toString());
        assertEquals(2, notJson.exitCode());
        assertTrue(notJson.err().contains("broken.json:2:") && notJson.err().contains("CANDIDATE: not valid JSON"),
                notJson.err());

        Cli absent = Cli.run("compare", good.toString(), tmp.resolve("nowhere").toString());
        assertEquals(2, absent.exitCode());
        assertTrue(absent.err().contains("CANDIDATE: no such file or result folder"), absent.err());

        Cli emptyDir = Cli.run("compare", tmp.toString(), good.toString());
        assertEquals(2, emptyDir.exitCode());
        assertTrue(emptyDir.err().contains("BASELINE: the folder has no summary.json"), emptyDir.err());

        Path tol = tmp.resolve("tol.yaml");
        Files.writeString(tol, "relativ: 0.1\nmetrics:\n  services/web: {relative: 0.1}\n"
                + "  \"/x\": {direction: down, absolute: -1}\n");
        Cli badTol = Cli.run("compare", good.toString(), good.toString(), "--tolerances", tol.toString());
        assertEquals(2, badTol.exitCode());
        String e = badTol.err();
        assertTrue(e.contains("tol.yaml:1:1: relativ: unknown field \"relativ\"; did you mean \"relative\"?"), e);
        assertTrue(e.contains("tol.yaml:3:3: metrics[\"services/web\"]: a metric glob is a JSON pointer"), e);
        assertTrue(e.contains("tol.yaml:4:21: metrics[\"/x\"].direction: \"down\""), e);
        assertTrue(e.contains("metrics[\"/x\"].absolute: -1 is not in"), e);

        Cli level = Cli.run("compare", good.toString(), good.toString(), "--level", "1.5");
        assertEquals(2, level.exitCode());
        assertTrue(level.err().contains("--level: 1.5 is not in (0, 1)"), level.err());

        Cli ok = Cli.run("compare", good.toString(), good.toString());
        assertEquals(0, ok.exitCode(), ok.err());
    }
}
