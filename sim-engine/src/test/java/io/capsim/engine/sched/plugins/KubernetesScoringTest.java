package io.capsim.engine.sched.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.cluster.LabelRequirement;
import io.capsim.engine.cluster.NodeAffinity;
import io.capsim.engine.cluster.NodeSelectorTerm;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.Status;
import io.capsim.engine.sched.config.PluginConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * kube-scheduler's arithmetic of NodeResourcesFit, NodeResourcesBalancedAllocation and NodeAffinity
 * on small clusters, in the style of {@code least_allocated_test.go}, {@code
 * balanced_allocation_test.go} and {@code node_affinity_test.go}: each case names the Kubernetes
 * rule it checks, with the expected score worked out by hand above it (Go integer division
 * truncates; "old" gives what capsim scored before it followed the rule, where that differs).
 *
 * <p>The cluster: n0 with 4000m CPU, 8000 MiB, 2 GPUs, holding p1 (1000m, 2000 MiB, one whole GPU)
 * and p2 (no requests at all); n1 with 4000m, 8000 MiB and no GPU, empty; n2 like n1 holding z0
 * (CPU and memory explicitly 0); n3 with 4000m and 4000 MiB holding u0 (no requests).
 */
class KubernetesScoringTest {

    private static final ResourceWeight CPU = new ResourceWeight("cpu", 1);
    private static final ResourceWeight MEM = new ResourceWeight("memory", 1);
    private static final ResourceWeight GPU = new ResourceWeight(ResourceWeight.GPU, 1);

    private static List<NodeSpec> nodes() {
        return List.of(NodeSpec.of("n0", 4000, 8000, 2, "T4"), NodeSpec.of("n1", 4000, 8000, 0, ""),
                NodeSpec.of("n2", 4000, 8000, 0, ""), NodeSpec.of("n3", 4000, 4000, 0, ""));
    }

    /** Every default plugin, with these args. */
    private static PluginKit kit(List<PluginConfig> config) {
        SchedulerProfile p = new SchedulerProfile("k", BuiltInProfiles.kubernetesDefaults(), config, 100);
        PluginKit k = new PluginKit(nodes(), p, TargetWorkload.EMPTY);
        k.place(PodSpec.builder("p1").requests(Resources.of(1000, 2000, 1, 1000)).build(), 0, 0b01);
        k.place(PodSpec.builder("p2").build(), 0, 0);
        k.place(PodSpec.builder("z0").explicitZeroRequests(Set.of("cpu", "memory")).build(), 2, 0);
        k.place(PodSpec.builder("u0").build(), 3, 0);
        return k;
    }

    private static PluginConfig fit(ScoringStrategy.Type type, List<ScoringStrategy.ShapePoint> shape,
            ResourceWeight... resources) {
        return new PluginConfig(BuiltInPlugins.NODE_RESOURCES_FIT,
                new NodeResourcesFit.Args(new ScoringStrategy(type, List.of(resources), shape)));
    }

    private static long fitScore(PluginKit k, PodSpec spec, int node) {
        NodeResourcesFit fit = (NodeResourcesFit) k.scheduler.framework().plugin(BuiltInPlugins.NODE_RESOURCES_FIT);
        return fit.score(k.state, k.pod(spec), node);
    }

    private static PodSpec pod(String name, long cpu, long mem) {
        return PodSpec.builder(name).requests(Resources.of(cpu, mem)).build();
    }

    @Test
    void leastAllocatedLeavesOutUnrequestedGpusAndCountsDefaultsForPodsWithoutRequests() {
        PluginKit k = kit(List.of(fit(ScoringStrategy.Type.LEAST_ALLOCATED, List.of(), CPU, GPU)));
        record Case(String name, PodSpec pod, int node, long expected) {}
        List<Case> cases = List.of(
                // n0: cpu NonZeroRequested 1000 (p1) + 100 (p2 sets none) + 1000 = 2100 -> (4000-2100)*100/4000
                // = 47; nvidia.com/gpu: the pod requests none, left out -> 47 (old: cpu 2000 -> 50, gpu 1000
                // of 2000 -> 50 -> 50)
                new Case("cpu-only pod on a GPU node", pod("q", 1000, 1000), 0, 47),
                // n1: cpu 1000 -> (4000-1000)*100/4000 = 75; gpu left out -> 75
                new Case("cpu-only pod on a CPU node", pod("q", 1000, 1000), 1, 75),
                // n0, a half-GPU pod (500m): cpu 1000+100+500 = 1600 -> 60; gpu 1000+500 of 2000 -> 25 ->
                // (60+25)/2 = 42
                new Case("gpu pod counts the gpu", PodSpec.builder("g").requests(Resources.of(500, 500, 1, 500))
                        .build(), 0, 42));
        for (Case c : cases) {
            assertEquals(c.expected(), fitScore(k, c.pod(), c.node()), c.name());
        }
    }

    @Test
    void mostAllocatedLeavesOutUnrequestedGpus() {
        PluginKit k = kit(List.of(fit(ScoringStrategy.Type.MOST_ALLOCATED, List.of(), CPU, GPU)));
        // n0: cpu 2100*100/4000 = 52; gpu left out -> 52 (old: cpu 2000 -> 50, gpu 50 -> 50)
        assertEquals(52, fitScore(k, pod("q", 1000, 1000), 0));
        // n1: 1000*100/4000 = 25
        assertEquals(25, fitScore(k, pod("q", 1000, 1000), 1));
        // n0, half-GPU pod: cpu 1600*100/4000 = 40; gpu 1500*100/2000 = 75 -> (40+75)/2 = 57
        assertEquals(57, fitScore(k, PodSpec.builder("g").requests(Resources.of(500, 500, 1, 500)).build(), 0));
    }

    @Test
    void unsetAndExplicitZeroRequestsDiffer() {
        PluginKit k = kit(List.of(fit(ScoringStrategy.Type.LEAST_ALLOCATED, List.of(), CPU, MEM)));
        record Case(String name, PodSpec pod, int node, long expected) {}
        PodSpec zero = PodSpec.builder("z").requests(Resources.of(0, 1000)).explicitZeroRequests(Set.of("cpu")).build();
        PodSpec unset = pod("u", 0, 1000);
        List<Case> cases = List.of(
                // incoming cpu explicitly 0, on the empty n1: cpu 0 -> 100; memory 1000 -> (8000-1000)*100/8000
                // = 87 -> (100+87)/2 = 93
                new Case("incoming cpu set to 0", zero, 1, 93),
                // incoming cpu unset: counts 100m -> (4000-100)*100/4000 = 97; memory 87 -> (97+87)/2 = 92
                new Case("incoming cpu unset", unset, 1, 92),
                // n2 holds z0 with both set to 0: cpu 0+1000 -> 75; memory 0+1000 -> 87 -> 81
                new Case("node pod set to 0", pod("q", 1000, 1000), 2, 81),
                // n3 (4000 MiB) holds u0 with none set: cpu 100+1000 -> 2900*100/4000 = 72; memory 200+1000 ->
                // 2800*100/4000 = 70 -> (72+70)/2 = 71 (old, raw: 75 and 75 -> 75)
                new Case("node pod unset", pod("q", 1000, 1000), 3, 71));
        for (Case c : cases) {
            assertEquals(c.expected(), fitScore(k, c.pod(), c.node()), c.name());
        }
    }

    @Test
    void requestedToCapacityRatioLeavesOutZeroShapeScoresAndUnrequestedGpus() {
        List<ScoringStrategy.ShapePoint> packing = List.of(new ScoringStrategy.ShapePoint(0, 0),
                new ScoringStrategy.ShapePoint(100, 10));
        PluginKit k = kit(List.of(fit(ScoringStrategy.Type.REQUESTED_TO_CAPACITY_RATIO, packing, CPU, GPU)));
        // n0: cpu util 2100*100/4000 = 52 -> 0 + 100*52/100 = 52; gpu left out -> round(52/1) = 52 (old: cpu 50,
        // gpu 50 -> 50)
        assertEquals(52, fitScore(k, pod("q", 1000, 1000), 0));

        List<ScoringStrategy.ShapePoint> flatStart = List.of(new ScoringStrategy.ShapePoint(0, 0),
                new ScoringStrategy.ShapePoint(20, 0), new ScoringStrategy.ShapePoint(100, 10));
        PluginKit k2 = kit(List.of(fit(ScoringStrategy.Type.REQUESTED_TO_CAPACITY_RATIO, flatStart, CPU, MEM)));
        // n1: cpu util 1000*100/4000 = 25 -> 0 + (100-0)*(25-20)/80 = 6; memory util 1000*100/8000 = 12 -> 0,
        // left out with its weight -> round(6/1) = 6 (old: round((6+0)/2) = 3)
        assertEquals(6, fitScore(k2, pod("q", 1000, 1000), 1));
        // n1, a pod whose both utilizations stay under 20%: both scores 0 -> no resource counts -> 0
        assertEquals(0, fitScore(k2, pod("s", 400, 400), 1));
    }

    @Test
    void balancedAllocationUsesRawRequestsAndSkipsBestEffortPods() {
        PluginKit k = kit(List.of(new PluginConfig(BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION,
                new NodeResourcesBalancedAllocation.Args(List.of(CPU, MEM)))));
        NodeResourcesBalancedAllocation ba = (NodeResourcesBalancedAllocation) k.scheduler.framework()
                .plugin(BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION);
        record Case(String name, PodSpec pod, int node, long expected) {}
        List<Case> cases = List.of(
                // n1, pod with cpu 1000 and no memory request: raw fractions 1000/4000 = 0.25 and 0/8000 = 0 ->
                // std |0.25-0|/2 = 0.125 -> int(87.5) = 87 (old, with 200 MiB: 0.025 -> std 0.1125 -> 88)
                new Case("incoming zero request taken raw", pod("b", 1000, 0), 1, 87),
                // n0, requests on the node raw: cpu (1000+0+1000)/4000 = 0.5, memory (2000+0+1000)/8000 = 0.375 ->
                // std 0.0625 -> int(93.75) = 93
                new Case("node requests taken raw", pod("b", 1000, 1000), 0, 93),
                // n3 (4000 MiB) holds u0 with no requests, which counts 0 here: cpu 1000/4000 = 0.25, memory
                // 1000/4000 = 0.25 -> std 0 -> 100 (NodeResourcesFit's non-zero requests would give 1100/4000 =
                // 0.275 and 1200/4000 = 0.3 -> std 0.0125 -> 98)
                new Case("node pod without requests counts 0", pod("b", 1000, 1000), 3, 100));
        for (Case c : cases) {
            Pod p = k.pod(c.pod());
            assertEquals(Status.SUCCESS, ba.preScore(k.state, p, new int[] {0, 1}, 2), c.name());
            assertEquals(c.expected(), ba.score(k.state, p, c.node()), c.name());
        }
        // A pod requesting neither cpu nor memory is best effort: PreScore skips the plugin, and Score (should
        // it be enabled without PreScore) gives 0 everywhere (old: 200 MiB / 100m defaults -> a score).
        Pod bestEffort = k.pod(PodSpec.builder("e").build());
        assertEquals(Status.SKIP, ba.preScore(k.state, bestEffort, new int[] {0, 1}, 2));
        assertEquals(0, ba.score(k.state, bestEffort, 1));
    }

    @Test
    void balancedAllocationLeavesOutUnrequestedGpus() {
        PluginKit k = kit(List.of(new PluginConfig(BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION,
                new NodeResourcesBalancedAllocation.Args(List.of(CPU, MEM, GPU)))));
        NodeResourcesBalancedAllocation ba = (NodeResourcesBalancedAllocation) k.scheduler.framework()
                .plugin(BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION);
        // n0, cpu 2000, memory 1000, no GPU: cpu (1000+2000)/4000 = 0.75, memory (2000+1000)/8000 = 0.375, gpu left
        // out -> two resources: std 0.1875 -> int(81.25) = 81 (old, gpu 1000/2000 = 0.5 counted: population std
        // of 0.75, 0.375, 0.5 = 0.1559 -> 84)
        assertEquals(81, ba.score(k.state, k.pod(pod("b", 2000, 1000)), 0));
        // n0, a half-GPU pod (cpu 500, memory 1000): cpu 1500/4000 = 0.375, memory 3000/8000 = 0.375, gpu
        // 1500/2000 = 0.75: mean 0.5, squares 1/64 + 1/64 + 1/16 = 3/32, /3 = 1/32, std 0.1768 -> 82
        assertEquals(82, ba.score(k.state, k.pod(PodSpec.builder("g").requests(Resources.of(500, 1000, 1, 500))
                .build()), 0));
    }

    @Test
    void nodeAffinityRejectsTermsWithInvalidLabelSyntax() {
        PluginKit k = new PluginKit(List.of(NodeSpec.of("a", 1000, 1000, 0, "")
                .withLabels(Map.of("zone", "a", "example.com/disk", "ssd"))));
        NodeAffinityPlugin na = (NodeAffinityPlugin) k.scheduler.framework().plugin(BuiltInPlugins.NODE_AFFINITY);
        record Case(String name, List<NodeSelectorTerm> required, Code expected) {}
        LabelRequirement badKey = new LabelRequirement("bad key!", LabelRequirement.Operator.NOT_IN, List.of("x"));
        List<Case> cases = List.of(
                // "bad key!" is not a qualified name: kube-scheduler fails to parse the term, which then never
                // matches (old: NotIn on a missing label matched)
                new Case("invalid key", List.of(NodeSelectorTerm.of(badKey)), Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                // "a b" is not a label value: the term never matches (old: "a" is not in {"a b"} -> matched)
                new Case("invalid value", List.of(NodeSelectorTerm.of(new LabelRequirement("zone",
                        LabelRequirement.Operator.NOT_IN, List.of("a b")))), Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                // an upper-case prefix is not a DNS subdomain
                new Case("invalid prefix", List.of(NodeSelectorTerm.of(new LabelRequirement("Example.com/disk",
                        LabelRequirement.Operator.DOES_NOT_EXIST, List.of()))), Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                // two slashes
                new Case("two slashes", List.of(NodeSelectorTerm.of(new LabelRequirement("a/b/c",
                        LabelRequirement.Operator.DOES_NOT_EXIST, List.of()))), Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                // terms are ORed: the invalid one fails, the valid one matches
                new Case("another term matches", List.of(NodeSelectorTerm.of(badKey),
                        NodeSelectorTerm.of(LabelRequirement.in("zone", "a"))), Code.SUCCESS),
                // a prefixed key is valid
                new Case("valid prefixed key", List.of(NodeSelectorTerm.of(LabelRequirement.in("example.com/disk",
                        "ssd"))), Code.SUCCESS));
        for (Case c : cases) {
            Pod p = k.pod(PodSpec.builder("p").nodeAffinity(new NodeAffinity(c.required(), List.of())).build());
            assertEquals(c.expected(), na.filter(k.state, p, 0), c.name());
        }
        // Preferred: zone=a weight 30 counts; the invalid term (weight 50) adds nothing (old: 80).
        Pod pref = k.pod(PodSpec.builder("pref").nodeAffinity(new NodeAffinity(List.of(), List.of(
                new NodeAffinity.Preferred(30, NodeSelectorTerm.of(LabelRequirement.in("zone", "a"))),
                new NodeAffinity.Preferred(50, NodeSelectorTerm.of(badKey))))).build());
        assertEquals(30, na.score(k.state, pref, 0));
    }

    @Test
    void labelSyntaxFollowsKubernetesValidation() {
        for (String ok : List.of("a", "zone", "A.b_c-d", "example.com/x", "k8s.io/a.b", "x".repeat(63),
                "a".repeat(253) + "/n")) {
            assertEquals(true, LabelSyntax.validKey(ok), ok);
        }
        for (String bad : List.of("", "-a", "a-", "a b", "/a", "a/", "Ex.com/a", "a..b/c" , "x".repeat(64),
                "a".repeat(254) + "/n", "a/b/c", "é")) {
            assertEquals(false, LabelSyntax.validKey(bad), bad);
        }
        for (String ok : List.of("", "a", "1.2.3", "A_b-c")) {
            assertEquals(true, LabelSyntax.validValue(ok), ok);
        }
        for (String bad : List.of("-1", "a b", "a/b", "x".repeat(64))) {
            assertEquals(false, LabelSyntax.validValue(bad), bad);
        }
    }
}
