package io.capsim.engine.sched;

import io.capsim.engine.cluster.*;
import io.capsim.engine.sched.api.*;
import io.capsim.engine.sched.config.*;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.LabelRequirement;
import io.capsim.engine.cluster.NodeAffinity;
import io.capsim.engine.cluster.NodeSelectorTerm;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.NodeResourcesFit;
import io.capsim.engine.sched.plugins.ResourceWeight;
import io.capsim.engine.sched.plugins.ScoringStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BadInputTest {

    private static List<String> strings(InvalidProfileException e) {
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static InvalidProfileException invalid(SchedulerProfile p) {
        return assertThrows(InvalidProfileException.class,
                () -> new Kit(Kit.gpuNodes(1, 8, 16, 1), p, SchedulerConfig.defaults()));
    }

    @Test
    void unknownPluginNameSuggestsTheNearest() {
        SchedulerProfile p = new SchedulerProfile("p", BuiltInProfiles.kubernetesDefaults().overlay(
                Plugins.multiPoint(PluginSet.enable("NodeResourcesFitt"))), List.of(), 0);
        InvalidProfileException e = invalid(p);
        assertEquals(List.of("plugins.multiPoint.enabled[9].name: unknown plugin \"NodeResourcesFitt\"; did you mean "
                + "\"NodeResourcesFit\"? (allowed: " + String.join(", ", BuiltInPlugins.registry().names()) + ")"),
                strings(e));
        assertEquals("NodeResourcesFitt", e.problems().get(0).value(), "the value as written");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Plugins user = new Plugins(PluginSet.EMPTY, Map.of(
                ExtensionPoint.SCORE, new PluginSet(List.of(new PluginRef("FGD", 101), new PluginRef("LeastAlocated", 5)), List.of()),
                ExtensionPoint.FILTER, new PluginSet(List.of(), List.of("TaintTolerations"))));
        SchedulerProfile p = new SchedulerProfile("p", BuiltInProfiles.kubernetesDefaults().overlay(user),
                List.of(new PluginConfig("NodeResourcesFit", new NodeResourcesFit.Args(new ScoringStrategy(
                        ScoringStrategy.Type.MOST_ALLOCATED, List.of(new ResourceWeight("cpu", 0)), List.of())))), 0);
        InvalidProfileException e = invalid(p);
        List<String> problems = strings(e);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("plugins.filter.disabled[0].name: unknown plugin \"TaintTolerations\"; "
                + "did you mean \"TaintToleration\"?"), problems.get(0));
        assertEquals("plugins.score.enabled[0].weight: 101 is not in [1, 100]", problems.get(1));
        assertTrue(problems.get(2).startsWith("plugins.score.enabled[1].name: unknown plugin \"LeastAlocated\""), problems.get(2));
        // Structured: the path runs into the args, the value is the one written.
        assertEquals(ConfigProblem.at("pluginConfig[0].args.scoringStrategy.resources[0].weight", 0, "0 is not in [1, 100]"),
                e.problems().get(3));
    }

    @Test
    void pluginAtAPointItDoesNotImplementAndTwoQueueSortsAreRejected() {
        Plugins user = new Plugins(PluginSet.EMPTY, Map.of(
                ExtensionPoint.FILTER, PluginSet.enable(BuiltInPlugins.FGD),
                ExtensionPoint.QUEUE_SORT, PluginSet.enable(BuiltInPlugins.COSCHEDULING)));
        InvalidProfileException e = invalid(new SchedulerProfile("p", BuiltInProfiles.kubernetesDefaults().overlay(user), List.of(), 0));
        assertEquals(List.of(
                "plugins.filter.enabled[0]: plugin \"FGD\" does not implement the filter extension point",
                "plugins.queueSort: exactly one queue sort plugin must be enabled, found 2 [PrioritySort, Coscheduling]"),
                strings(e));
    }

    @Test
    void podThatCanNeverFitIsReportedOnceAndNotRetried() {
        Kit k = new Kit(Kit.gpuNodes(3, 8, 16, 1), BuiltInProfiles.kubernetesDefault(), SchedulerConfig.defaults());
        // 2 GPUs on nodes with 1 GPU each: never fits.
        Kit.TestPod tooBig = k.submit(Kit.pod("too-big", 1000, 1024, 2, 1000).build(), 0);
        // Requires a label no node has.
        Kit.TestPod noMatch = k.submit(Kit.pod("no-match", 1000, 1024, 0, 0).nodeAffinity(new NodeAffinity(
                List.of(NodeSelectorTerm.of(LabelRequirement.in("zone", "mars"))), List.of())).build(), 0);
        // Fits, but not while the node is full: retried, not reported.
        Kit.TestPod first = k.submit(Kit.pod("first", 8000, 1024, 0, 0).build(), 0);
        k.sim.runUntil(3600 * SimTime.SECOND);
        assertEquals(PodPhase.PENDING, tooBig.phase());
        assertEquals(PodPhase.PENDING, noMatch.phase());
        // One attempt each: parked, never retried without a node joining.
        assertEquals(2, k.scheduler.metrics().unschedulableAttempts(), "too-big and no-match once each; first fits");
        List<io.capsim.engine.results.SchedulerResult.Unschedulable> r = k.scheduler.metrics().neverSchedulable();
        assertEquals(2, r.size());
        assertEquals("pod too-big", r.get(0).owner());
        assertEquals("0/3 nodes are available: 3 Insufficient nvidia.com/gpu. For example: NodeResourcesFit rejected n0: "
                + "Insufficient nvidia.com/gpu (requested 2000, used 0, capacity 1000)", r.get(0).reason());
        assertEquals("pod no-match", r.get(1).owner());
        assertEquals("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. For example: "
                + "NodeAffinity rejected n0: node(s) didn't match Pod's node affinity/selector", r.get(1).reason());
        assertEquals(PodPhase.RUNNING, first.phase());
    }
}
