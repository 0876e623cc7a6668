package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad scenario files: each gives one line per problem naming file:line:column and the field path,
 * exit code 2, no stack trace, and no output files.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    static final String GOOD = String.join("\n",
            "name: t",                          // 1
            "seed: 1",                          // 2
            "duration: 10m",                    // 3
            "nodePools:",                       // 4
            "  cpu:",                           // 5
            "    count: 2",                     // 6
            "    cpu: 8",                       // 7
            "    memory: 32Gi",                 // 8
            "services:",                        // 9
            "  web:",                           // 10
            "    replicas: 2",                  // 11
            "    resources: {cpu: 1, memory: 1Gi}", // 12
            "    serviceTime: {type: exponential, mean: 50ms}", // 13
            "arrivals:",                        // 14
            "  load:",                          // 15
            "    service: web",                 // 16
            "    process: poisson",             // 17
            "    rate: 10",                     // 18
            "");

    private Cli runWith(String yaml, String... extra) throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, yaml);
        String[] args = new String[extra.length + 4];
        args[0] = "run";
        args[1] = f.toString();
        args[2] = "--out";
        args[3] = tmp.resolve("out").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Cli.run(args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | text to replace | replacement | expected location | expected message part
        "unknown key       | '    replicas: 2' | '    replicas: 2\n    replcas: 3' | s.yaml:12:5  | services.web.replcas: unknown field \"replcas\"; did you mean \"replicas\"?",
        "wrong type        | 'replicas: 2'     | 'replicas: two'                  | s.yaml:11:15 | services.web.replicas: expected an integer in [0, 100000], found a string (two)",
        "negative rate     | 'rate: 10'        | 'rate: -5'                       | s.yaml:18:11 | arrivals.load.rate: -5.0 is not in (0, 1e9] arrivals per second",
        "range             | 'replicas: 2'     | 'replicas: -2'                   | s.yaml:11:15 | services.web.replicas: -2 is not in [0, 100000]",
        "bad duration      | 'duration: 10m'   | 'duration: 10 minutes'           | s.yaml:3:11  | duration: \"10 minutes\" is not a duration",
        "unknown service   | 'service: web'    | 'service: wbe'                   | s.yaml:16:14 | arrivals.load.service: unknown service \"wbe\"; did you mean \"web\"?",
        "unknown dist      | 'type: exponential' | 'type: expo'                   | s.yaml:13:25 | services.web.serviceTime.type: \"expo\" is not allowed",
        "yaml syntax       | 'cpu: 8'          | 'cpu: [8'                        | s.yaml:8     | YAML syntax error",
        "duplicate key     | '    cpu: 8'      | '    cpu: 8\n    cpu: 9'        | s.yaml:8:5   | duplicate key \"cpu\" (first at line 7)",
        "bad memory        | 'memory: 32Gi'    | 'memory: 32GB'                   | s.yaml:8:13  | nodePools.cpu.memory: \"32GB\" is not a memory quantity",
        "unfittable        | '{cpu: 1, memory: 1Gi}' | '{cpu: 64, memory: 1Gi}'   | s.yaml:12:16 | services.web.resources: a pod requesting 64000m CPU, 1024Mi memory, no GPU fits on no node pool",
        "shape is a number | 'type: exponential, mean: 50ms' | 'type: gamma, shape: 2h, scale: 10ms' | s.yaml:13:39 | services.web.serviceTime.shape: expected a number in [0, 1000000000000], found a string (2h)",
        "both lognormal    | 'type: exponential, mean: 50ms' | 'type: lognormal, cv: 1' | s.yaml:13:18 | services.web.serviceTime.mean: is required",
        "bad name          | '  web:'          | '  Web_1:'                       | s.yaml:10:3  | services.Web_1: \"Web_1\" is not a valid name",
    })
    void reportsTheLocationAndExitsWith2(String name, String from, String to, String location, String message)
            throws IOException {
        String yaml = GOOD.replace(from, to.replace("\\n", "\n"));
        Cli r = runWith(yaml);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(location), "location in: " + r.err());
        assertTrue(r.err().contains(message), "message in: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "no output for a bad scenario");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad set value     | services.web.replicas=lots | --set services.web.replicas=lots: services.web.replicas: expected an integer",
        "set into scalar   | seed.x=1                   | --set seed.x=1: seed.x: seed is an integer (1), not a map",
        "set through scalar| seed.x.y=1                 | --set seed.x.y=1: seed.x.y: seed is an integer (1), not a map",
        "set missing '='   | replicas                   | --set replicas: expected PATH=VALUE",
        "set unknown field | services.web.replcas=3     | --set services.web.replcas=3: services.web.replcas: unknown field",
        "set past a list   | nodePools.cpu.zones[1]=b   | --set nodePools.cpu.zones[1]=b: nodePools.cpu.zones[1]: index 1 is past the end of nodePools.cpu.zones (0 items)",
    })
    void overridesAreCheckedLikeTheFile(String name, String set, String message) throws IOException {
        Cli r = runWith(GOOD, "--set", set);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @org.junit.jupiter.api.Test
    void aSchedulerConfigurationInAFileIsOutOfReachAndSaysSo() throws IOException {
        Cli r = runWith(GOOD, "--set", "scheduler.configuration=k.yaml",
                "--set", "scheduler.configuration.profiles[0].percentageOfNodesToScore=5");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--set scheduler.configuration.profiles[0].percentageOfNodesToScore=5: "
                + "scheduler.configuration.profiles[0].percentageOfNodesToScore: scheduler.configuration names a file "
                + "(k.yaml), which --set cannot reach; edit that file, or write the configuration inline"), r.err());
    }

    @org.junit.jupiter.api.Test
    void listItemsCanBeSetByIndex() throws IOException {
        // A taint set through --set keeps the service's pods off the pool (as kube-scheduler would:
        // reported, not refused); a toleration set the same way lets them on.
        String[] taint = {"--set", "nodePools.cpu.taints[0].key=dedicated", "--set", "nodePools.cpu.taints[0].effect=NoSchedule",
            "--set", "duration=1m"};
        Cli tainted = runWith(GOOD, taint);
        assertEquals(0, tainted.exitCode(), tainted.err());
        assertTrue(tainted.out().contains("service web: 2 pods can never be scheduled since 0 s: 0/2 nodes are available: "
                + "2 node(s) had untolerated taint {dedicated}"), tainted.out());
        String[] tolerate = java.util.Arrays.copyOf(taint, taint.length + 4);
        System.arraycopy(new String[] {"--set", "services.web.tolerations[0].key=dedicated",
            "--set", "services.web.tolerations[0].operator=Exists"}, 0, tolerate, taint.length, 4);
        Cli tolerated = runWith(GOOD, tolerate);
        assertEquals(0, tolerated.exitCode(), tolerated.err());
        assertFalse(tolerated.out().contains("can never be scheduled"), tolerated.out());
        assertTrue(tolerated.out().contains("scheduler (after warm-up): 2 binds"), tolerated.out());
    }

    @org.junit.jupiter.api.Test
    void keysWithDotsAreSetInBracketsAndQuotes() throws IOException {
        // A node selector on a label key with dots keeps the pods off a pool without the label;
        // the same label set on the pool lets them on.
        String[] select = {"--set", "services.web.nodeSelector[\"example.com/tier\"]=gold", "--set", "duration=1m"};
        Cli unlabelled = runWith(GOOD, select);
        assertEquals(0, unlabelled.exitCode(), unlabelled.err());
        assertTrue(unlabelled.out().contains("service web: 2 pods can never be scheduled since 0 s: 0/2 nodes are available: "
                + "2 node(s) didn't match Pod's node affinity/selector"), unlabelled.out());
        Cli labelled = runWith(GOOD, "--set", "services.web.nodeSelector[\"example.com/tier\"]=gold",
                "--set", "nodePools.cpu.labels[\"example.com/tier\"]=gold", "--set", "duration=1m");
        assertEquals(0, labelled.exitCode(), labelled.err());
        assertFalse(labelled.out().contains("can never be scheduled"), labelled.out());
        assertTrue(labelled.out().contains("scheduler (after warm-up): 2 binds"), labelled.out());
        Cli split = runWith(GOOD, "--set", "services.web.nodeSelector.example.com/tier=gold"); // split at the dot
        assertEquals(2, split.exitCode(), split.err());
        assertTrue(split.err().contains("--set services.web.nodeSelector.example.com/tier=gold: services.web.nodeSelector"
                + ".example: expected a label value (a string), found a map; in --set, a key with dots goes in brackets and "
                + "double quotes: services.web.nodeSelector[\"example.com/tier\"]"), split.err());
        Cli unclosed = runWith(GOOD, "--set", "services.web.nodeSelector[\"example.com/tier=gold");
        assertEquals(2, unclosed.exitCode());
        assertTrue(unclosed.err().contains("a key with a dot or a bracket goes in brackets and double quotes, such as "
                + "services.web.nodeSelector[\"kubernetes.io/arch\"]"), unclosed.err());
    }

    @org.junit.jupiter.api.Test
    void aMissingFileIsBadInput() {
        Cli r = Cli.run("run", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("nope.yaml: no such file"), r.err());
    }

    @org.junit.jupiter.api.Test
    void everyProblemIsReportedAtOnceInFileOrder() throws IOException {
        String yaml = GOOD.replace("replicas: 2", "replicas: -1").replace("rate: 10", "rate: 0")
                .replace("count: 2", "count: -1");
        Cli r = runWith(yaml);
        assertEquals(2, r.exitCode());
        String[] lines = r.err().split("\n");
        assertTrue(lines[0].startsWith(tmp.resolve("s.yaml") + ":6:12: nodePools.cpu.count"), r.err());
        assertTrue(lines[1].contains(":11:15: services.web.replicas"), r.err());
        assertTrue(lines[2].contains(":18:11: arrivals.load.rate"), r.err());
        assertTrue(lines[3].contains("3 problems"), r.err());
    }

    @org.junit.jupiter.api.Test
    void validateAcceptsTheGoodFileAndTheExample() throws IOException {
        Path f = tmp.resolve("good.yaml");
        Files.writeString(f, GOOD);
        Cli r = Cli.run("validate", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("is valid"));
        assertEquals(0, Cli.run("validate", "examples/quickstart.yaml").exitCode());
    }
}
