package io.capsim.scenarios.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.sched.api.ExtensionPoint;
import io.capsim.engine.sched.config.PluginConfig;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.Coscheduling;
import io.capsim.engine.sched.plugins.GpuSelection;
import io.capsim.engine.sched.plugins.NodeResourcesBalancedAllocation;
import io.capsim.engine.sched.plugins.NodeResourcesFit;
import io.capsim.engine.sched.plugins.ResourceWeight;
import io.capsim.engine.sched.plugins.ScoringStrategy;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The KubeSchedulerConfiguration profile mapping, checked on the profile it builds. */
class ProfileReaderTest {

    private static SchedulerProfile read(String yaml, Problems problems) throws IOException {
        YamlNode.MapNode node = (YamlNode.MapNode) YamlTree.parse(new StringReader(yaml), "p.yaml");
        return ProfileReader.read(node, "profile", problems, BuiltInPlugins.registry());
    }

    @Test
    void mapsPluginsWeightsAndTypedArgsOverTheDefaults() throws IOException {
        String yaml = String.join("\n",
                "schedulerName: shaped",
                "percentageOfNodesToScore: 50",
                "plugins:",
                "  multiPoint:",
                "    enabled: [{name: GpuSharePacking}]",
                "  score:",
                "    enabled: [{name: NodeResourcesFit, weight: 7}]",
                "    disabled: [{name: NodeResourcesBalancedAllocation}]",
                "pluginConfig:",
                "  - name: NodeResourcesFit",
                "    args:",
                "      scoringStrategy:",
                "        type: RequestedToCapacityRatio",
                "        resources: [{name: nvidia.com/gpu, weight: 3}]",
                "        requestedToCapacityRatio:",
                "          shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]",
                "  - name: NodeResourcesBalancedAllocation",
                "    args: {resources: [{name: cpu}, {name: nvidia.com/gpu}]}",
                "");
        Problems problems = new Problems();
        SchedulerProfile p = read(yaml, problems);
        assertTrue(problems.isEmpty());
        assertEquals("shaped", p.schedulerName());
        assertEquals(50, p.percentageOfNodesToScore());
        // multiPoint: kube-scheduler's nine defaults capsim models, then the user's GpuSharePacking.
        List<String> multi = p.plugins().multiPoint().enabled().stream().map(PluginRef::name).toList();
        assertEquals(10, multi.size());
        assertEquals(BuiltInPlugins.GPU_SHARE_PACKING, multi.get(9));
        assertEquals(List.of(new PluginRef(BuiltInPlugins.NODE_RESOURCES_FIT, 7)),
                p.plugins().at(ExtensionPoint.SCORE).enabled());
        assertEquals(List.of(BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION),
                p.plugins().at(ExtensionPoint.SCORE).disabled());
        assertEquals(List.of(
                new PluginConfig(BuiltInPlugins.NODE_RESOURCES_FIT, new NodeResourcesFit.Args(new ScoringStrategy(
                        ScoringStrategy.Type.REQUESTED_TO_CAPACITY_RATIO, List.of(new ResourceWeight("nvidia.com/gpu", 3)),
                        List.of(new ScoringStrategy.ShapePoint(0, 0), new ScoringStrategy.ShapePoint(100, 10))))),
                new PluginConfig(BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION, new NodeResourcesBalancedAllocation.Args(
                        List.of(new ResourceWeight("cpu", 1), new ResourceWeight("nvidia.com/gpu", 1))))),
                p.pluginConfig());
    }

    @Test
    void aStrategyWithoutResourcesUsesCpuAndMemory() throws IOException {
        Problems problems = new Problems();
        SchedulerProfile p = read(String.join("\n",
                "schedulerName: most",
                "pluginConfig:",
                "  - {name: NodeResourcesFit, args: {scoringStrategy: {type: MostAllocated}}}",
                ""), problems);
        assertTrue(problems.isEmpty());
        assertEquals(new NodeResourcesFit.Args(ScoringStrategy.of(ScoringStrategy.Type.MOST_ALLOCATED)),
                p.pluginConfig().get(0).args());
    }

    @Test
    void flatRecordArgsAreReadByComponentName() throws IOException {
        Problems problems = new Problems();
        SchedulerProfile p = read(String.join("\n",
                "schedulerName: gangs",
                "pluginConfig:",
                "  - {name: Coscheduling, args: {deniedGroupExpirationTicks: 5000}}",
                ""), problems);
        assertTrue(problems.isEmpty());
        assertEquals(new Coscheduling.Args(5000), p.pluginConfig().get(0).args());

        Problems bad = new Problems();
        assertNull(read(String.join("\n",
                "schedulerName: gangs",
                "pluginConfig:",
                "  - {name: Coscheduling, args: {deniedGroupExpiration: 5000}}",
                ""), bad));
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, bad::throwIfAny);
        assertEquals("p.yaml:3:33: profile.pluginConfig[0].args.deniedGroupExpiration: unknown field "
                + "\"deniedGroupExpiration\"; did you mean \"deniedGroupExpirationTicks\"? (allowed: "
                + "deniedGroupExpirationTicks)", e.problems().get(0).toString());
    }

    @Test
    void gpuSelectionTakesItsPolicyAndRejectsAnUnknownOneWhereItIsWritten() throws IOException {
        // The FGD paper's Random: its score plugin, and a random GPU inside the chosen node.
        String yaml = String.join("\n",
                "schedulerName: paper-like",                                          // 1
                "plugins:",                                                           // 2
                "  score: {enabled: [{name: FgdPaperRandom}], disabled: [{name: \"*\"}]}", // 3
                "  reserve: {enabled: [{name: GpuSelection}]}",                       // 4
                "pluginConfig:",                                                      // 5
                "  - {name: GpuSelection, args: {policy: Random}}",                   // 6
                "");
        Problems problems = new Problems();
        SchedulerProfile p = read(yaml, problems);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(List.of(new PluginConfig(BuiltInPlugins.GPU_SELECTION, new GpuSelection.Args("Random"))),
                p.pluginConfig());
        assertEquals(List.of(new PluginRef(BuiltInPlugins.GPU_SELECTION, 0)),
                p.plugins().at(ExtensionPoint.RESERVE).enabled());

        Problems bad = new Problems();
        assertNull(read(yaml.replace("policy: Random", "policy: Worstfit"), bad));
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, bad::throwIfAny);
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).toString().startsWith("p.yaml:6:"), e.problems().toString());
        assertTrue(e.problems().get(0).toString().contains("profile.pluginConfig[0].args"), e.problems().toString());
        assertTrue(e.problems().get(0).toString().contains("\"Worstfit\""), e.problems().toString());
        assertTrue(e.problems().get(0).toString().contains("WorstFit"), e.problems().toString());
    }

    @Test
    void engineChecksAreReportedAtTheEntry() throws IOException {
        // Line 6: the shape's second point does not increase; the engine's check gives the field's
        // path as a value, and the reader reports it at that very value (line 6, column 23).
        String yaml = String.join("\n",
                "schedulerName: bad",                                                  // 1
                "pluginConfig:",                                                       // 2
                "  - name: NodeResourcesFit",                                          // 3
                "    args: {scoringStrategy: {type: RequestedToCapacityRatio,",       // 4
                "      requestedToCapacityRatio: {shape: [{utilization: 50, score: 1},", // 5
                "        {utilization: 50, score: 2}]}}}",                             // 6
                "");
        Problems problems = new Problems();
        assertNull(read(yaml, problems));
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                problems::throwIfAny);
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertEquals("p.yaml:6:23: profile.pluginConfig[0].args.scoringStrategy.requestedToCapacityRatio.shape[1]"
                + ".utilization: 50 must be greater than the previous point's 50", e.problems().get(0).toString());
    }

    @Test
    void aMisspelledPluginIsOneProblemNotAlsoAMissingBinder() throws IOException {
        // Without the misspelling the profile is valid; the engine's "no bind plugin" check must
        // not run on the profile left after dropping the bad entry.
        String yaml = String.join("\n",
                "schedulerName: typo",
                "plugins:",
                "  bind: {enabled: [{name: DefaultBindr}], disabled: [{name: \"*\"}]}",
                "");
        Problems problems = new Problems();
        assertNull(read(yaml, problems));
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                problems::throwIfAny);
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).toString().startsWith("p.yaml:3:27: profile.plugins.bind.enabled[0].name: "
                + "unknown plugin \"DefaultBindr\"; did you mean \"DefaultBinder\"?"), e.problems().toString());
        assertTrue(read(yaml.replace("DefaultBindr", "DefaultBinder"), new Problems()) != null);
    }

    @Test
    void noBindPluginIsReportedAtTheProfile() throws IOException {
        String yaml = String.join("\n",
                "schedulerName: nobind",
                "plugins:",
                "  bind: {disabled: [{name: \"*\"}]}",
                "");
        Problems problems = new Problems();
        assertNull(read(yaml, problems));
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                problems::throwIfAny);
        assertEquals("p.yaml:1:1: profile.plugins.bind: at least one bind plugin must be enabled (for example "
                + "\"DefaultBinder\")", e.problems().get(0).toString());
    }
}
