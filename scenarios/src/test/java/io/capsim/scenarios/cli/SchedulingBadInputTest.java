package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad scheduling-experiment files and profiles: one line per problem naming file:line:column and
 * the field path, exit code 2, no stack trace and no output. Nothing is simulated: the problems are
 * found while reading.
 */
class SchedulingBadInputTest {

    @TempDir
    Path tmp;

    static final String DATA = Path.of("examples/data/alibaba-gpu-v2023").toAbsolutePath().toString();

    static final String GOOD = String.join("\n",
            "name: t",                                                  // 1
            "seed: 1",                                                  // 2
            "schedulingExperiment:",                                    // 3
            "  kind: inflation",                                        // 4
            "  nodes: {format: openb-nodes, file: " + DATA + "/openb_node_list_gpu_node.csv}", // 5
            "  pods: {format: openb-pods, file: " + DATA + "/openb_pod_list_default.csv}",     // 6
            "  targetShare: 0.5",                                       // 7
            "  policies:",                                              // 8
            "    - builtIn: fgd",                                       // 9
            "    - profile:",                                           // 10
            "        schedulerName: mine",                              // 11
            "        plugins:",                                         // 12
            "          score:",                                         // 13
            "            enabled: [{name: FGD, weight: 100}, {name: NodeResourcesFit, weight: 1}]", // 14
            "            disabled: [{name: \"*\"}]",                    // 15
            "        pluginConfig:",                                    // 16
            "          - name: NodeResourcesFit",                       // 17
            "            args: {scoringStrategy: {type: MostAllocated}}", // 18
            "");

    private Cli runWith(String yaml) throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, yaml);
        return Cli.run("run", f.toString(), "--out", tmp.resolve("out").toString());
    }

    @Test
    void theGoodFileValidates() throws IOException {
        Path f = tmp.resolve("good.yaml");
        Files.writeString(f, GOOD);
        Cli r = Cli.run("validate", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("2 policies"), r.out());
    }

    // Columns on line 14: "enabled:" starts at 13, the first "{" at 23, FGD at 30, 100 at 43.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown plugin    | '{name: FGD, weight: 100}' | '{name: FDG, weight: 100}' | s.yaml:14:30 | schedulingExperiment.policies[1].profile.plugins.score.enabled[0].name: unknown plugin \"FDG\"; did you mean \"FGD\"?",
        "weight 0          | '{name: FGD, weight: 100}' | '{name: FGD, weight: 0}'   | s.yaml:14:43 | schedulingExperiment.policies[1].profile.plugins.score.enabled[0].weight: 0 is not in [1, 100]",
        "weight 101        | '{name: FGD, weight: 100}' | '{name: FGD, weight: 101}' | s.yaml:14:43 | schedulingExperiment.policies[1].profile.plugins.score.enabled[0].weight: 101 is not in [1, 100]",
        "unknown key       | '        schedulerName: mine' | '        schedulerName: mine\\n        percentageOfNodeToScore: 50' | s.yaml:12:9 | schedulingExperiment.policies[1].profile.percentageOfNodeToScore: unknown field \"percentageOfNodeToScore\"; did you mean \"percentageOfNodesToScore\"?",
        "unsupported point | '          score:' | '          preBind:\\n            enabled: [{name: DefaultBinder}]\\n          score:' | s.yaml:13:11 | schedulingExperiment.policies[1].profile.plugins.preBind: the preBind extension point is not supported by capsim",
        "unsupported args  | '{scoringStrategy: {type: MostAllocated}}' | '{ignoredResources: [example.com/foo]}' | s.yaml:18:20 | schedulingExperiment.policies[1].profile.pluginConfig[0].args.ignoredResources: is not supported by capsim",
        "unknown strategy  | 'type: MostAllocated' | 'type: MostAlocated' | s.yaml:18:44 | pluginConfig[0].args.scoringStrategy.type: \"MostAlocated\" is not allowed; did you mean \"MostAllocated\"?",
        "wrong point       | '          score:' | '          filter:\\n            enabled: [{name: FGD}]\\n          score:' | s.yaml:14:30 | schedulingExperiment.policies[1].profile.plugins.filter.enabled: plugin \"FGD\" does not implement the filter extension point",
        "args of no-args   | '          - name: NodeResourcesFit' | '          - name: FGD\\n            args: {x: 1}\\n          - name: NodeResourcesFit' | s.yaml:18:19 | pluginConfig[0].args: plugin FGD takes no args",
        "unknown built-in  | 'builtIn: fgd' | 'builtIn: best-fitt' | s.yaml:9:16 | schedulingExperiment.policies[0].builtIn: \"best-fitt\" is not allowed; did you mean \"best-fit\"?",
        "duplicate name    | 'schedulerName: mine' | 'schedulerName: fgd' | s.yaml:10:7 | schedulingExperiment.policies[1]: policy name \"fgd\" is used twice",
        "bad disabled      | '[{name: \"*\"}]' | '[{name: NodeResourcesFitt}]' | s.yaml:15:31 | score.disabled[0].name: unknown plugin \"NodeResourcesFitt\"; did you mean \"NodeResourcesFit\"?",
        "unknown top key   | 'seed: 1' | 'seed: 1\\nduration: 10m' | s.yaml:3:1 | duration: unknown field \"duration\"",
        "missing file      | 'openb_pod_list_default.csv' | 'nope.csv' | s.yaml:6: | schedulingExperiment.pods.file: no such file",
        "share range       | 'targetShare: 0.5' | 'targetShare: 11' | s.yaml:7:16 | schedulingExperiment.targetShare: 11 is not in (0, 10]",
    })
    void reportsTheLocationAndExitsWith2(String name, String from, String to, String location, String message)
            throws IOException {
        assertTrue(GOOD.contains(from), "fixture contains " + from);
        String yaml = GOOD.replace(from, to.replace("\\n", "\n"));
        Cli r = runWith(yaml);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(location), "location in: " + r.err());
        assertTrue(r.err().contains(message), "message in: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "no output for a bad scenario");
    }

    @Test
    void aBadRowInTheNodeListIsReportedAtTheFileField() throws IOException {
        Path nodes = tmp.resolve("nodes.csv");
        Files.writeString(nodes, "sn,cpu_milli,memory_mib,gpu,model\nn1,lots,1024,1,T4\n");
        String yaml = GOOD.replace(DATA + "/openb_node_list_gpu_node.csv", nodes.toString());
        Cli r = runWith(yaml);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("s.yaml:5:"), r.err());
        assertTrue(r.err().contains("schedulingExperiment.nodes.file: cannot read openb-nodes list: "), r.err());
        assertTrue(r.err().contains("lots"), "names the bad value: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aPolicyGivesExactlyOneOfBuiltInAndProfile() throws IOException {
        Cli r = runWith(GOOD.replace("    - builtIn: fgd", "    - builtIn: fgd\n      profile: {schedulerName: x}"));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("s.yaml:9:7: schedulingExperiment.policies[0]: give exactly one of builtIn"), r.err());
    }

    @Test
    void seedsOutOfRangeFromTheCommandLine() throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, GOOD);
        Cli r = Cli.run("validate", f.toString(), "--set", "schedulingExperiment.seeds=0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--set schedulingExperiment.seeds=0: schedulingExperiment.seeds: 0 is not in [1, 1000]"),
                r.err());
    }
}
