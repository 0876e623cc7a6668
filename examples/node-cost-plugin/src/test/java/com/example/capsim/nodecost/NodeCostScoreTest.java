package com.example.capsim.nodecost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.sched.config.PluginConfig;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.PluginSet;
import io.capsim.engine.sched.config.Plugins;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.scenarios.cli.CapsimCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeCostScoreTest {

    @TempDir
    Path tmp;

    private static NodeSpec node(String name, double cost) {
        return new NodeSpec(name, "", 8000, 16384, 0, "", Map.of(), List.of(), Map.of(), cost, 0, 1.0);
    }

    @ParameterizedTest(name = "cost {0} of max {1} scores {2}")
    @CsvSource({
        // 100 * (1 - 0 / 10) = 100
        "0,    10, 100",
        // 100 * (1 - 2.5 / 10) = 75
        "2.5,  10, 75",
        // 100 * (1 - 10 / 10) = 0
        "10,   10, 0",
        // 100 * (1 - 20 / 10) = -100, clamped to 0
        "20,   10, 0",
    })
    void scoreIsLinearInCostAndClamped(double cost, double max, long expected) {
        assertEquals(expected, NodeCostScore.scoreOf(cost, max));
    }

    @Test
    void serviceLoaderFindsThePluginAndAProfileUsesIt() {
        var registry = BuiltInPlugins.registryWithServiceLoader(getClass().getClassLoader());
        assertTrue(registry.names().contains(NodeCostScore.NAME), registry.names().toString());
        SchedulerProfile p = new SchedulerProfile("cheap", BuiltInProfiles.kubernetesDefaults().overlay(
                Plugins.multiPoint(PluginSet.enable(new PluginRef(NodeCostScore.NAME, 50)))),
                List.of(new PluginConfig(NodeCostScore.NAME, new NodeCostScore.Args(5))), 100);
        Simulator sim = new Simulator();
        ClusterState c = new ClusterState(List.of(node("dear", 4.5), node("cheap", 0.5), node("mid", 2)));
        Scheduler s = new Scheduler(sim, c, p, SchedulerConfig.defaults(), new RandomStreams(1), TargetWorkload.EMPTY,
                registry);
        Pod pod = c.createPod(PodSpec.builder("x").schedulerName("cheap").requests(Resources.of(1000, 1024)).build(), 0, 0);
        sim.runUntil(SimTime.SECOND);
        assertEquals("cheap", c.node(pod.node()).name());
    }

    private static final String DATA =
            Path.of("../../scenarios/examples/data/alibaba-gpu-v2023").toAbsolutePath().normalize().toString();

    private static String scenario(String pluginName) {
        return scenario(pluginName, "");
    }

    private static String scenario(String pluginName, String args) {
        return String.join("\n",
                "name: node-cost",
                "schedulingExperiment:",
                "  kind: inflation",
                "  nodes: {format: openb-nodes, file: " + DATA + "/openb_node_list_gpu_node.csv}",
                "  pods: {format: openb-pods, file: " + DATA + "/openb_pod_list_default.csv}",
                "  targetShare: 0.2",
                "  policies:",
                "    - profile:",
                "        schedulerName: cheapest",
                "        plugins:",
                "          score:",
                "            enabled: [{name: " + pluginName + ", weight: 10}]",
                args.isEmpty() ? "" : "        pluginConfig:\n          - {name: " + pluginName + ", args: " + args + "}",
                "");
    }

    private int capsim(StringWriter out, StringWriter err, String... args) {
        // The scenario lies in a temporary folder; its lists in the main project's examples.
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--allow-paths";
        all[args.length + 1] = DATA;
        return CapsimCommand.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aScenarioNamesThePluginFromYaml() throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, scenario(NodeCostScore.NAME));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = capsim(out, err, "run", f.toString(), "-q", "--out", tmp.resolve("out").toString());
        assertEquals(0, code, err.toString());
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        assertEquals("profile", s.path("policies").path("cheapest").path("source").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case     | args                       | exit | expected in the output
        "valid      | '{maxCostPerNodeHour: 5}'  | 0    | is valid",
        "validate() | '{maxCostPerNodeHour: 0}'  | 2    | s.yaml:14:69: schedulingExperiment.policies[0].profile.pluginConfig[0].args.maxCostPerNodeHour: 0.0 must be > 0",
        "misspelled | '{maxCostPerNode: 5}'      | 2    | pluginConfig[0].args.maxCostPerNode: unknown field \"maxCostPerNode\"; did you mean \"maxCostPerNodeHour\"?",
        "wrong type | '{maxCostPerNodeHour: lots}' | 2  | pluginConfig[0].args.maxCostPerNodeHour: expected a number",
    })
    void argsAreReadFromYamlAndCheckedByTheFactory(String name, String args, int exit, String expected)
            throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, scenario(NodeCostScore.NAME, args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(exit, capsim(out, err, "validate", f.toString()), err.toString());
        assertTrue((out.toString() + err.toString()).contains(expected), out + "" + err);
    }

    @Test
    void aMisspelledNameGetsASuggestion() throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, scenario("example.com/NodeCots"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, capsim(out, err, "validate", f.toString()));
        assertTrue(err.toString().contains("s.yaml:12:30: schedulingExperiment.policies[0].profile.plugins.score.enabled[0]"
                + ".name: unknown plugin \"example.com/NodeCots\"; did you mean \"example.com/NodeCost\"?"), err.toString());
    }
}
