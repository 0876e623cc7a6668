package io.capsim.engine.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.api.ApiServer;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.controllers.ClusterAutoscaler.Expander;
import io.capsim.engine.controllers.ScaleUp.BestOption;
import io.capsim.engine.controllers.ScaleUp.Option;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster autoscaler's decisions on hand-worked tables: the expander, the estimate, unneeded nodes. */
class ClusterAutoscalerTest {

    private static final NodePoolSpec SMALL = NodePoolSpec.cpu("small", 0, 4000, 16384);
    private static final NodePoolSpec LARGE = NodePoolSpec.cpu("large", 0, 16000, 65536);
    private static final List<NodeSpec> TEMPLATES = List.of(SMALL.node(0), LARGE.node(0));

    static Stream<Arguments> expanderCases() {
        return Stream.of(
                // 6 pods of 1 CPU / 2 GiB. small: 2 nodes (8 CPU, 32 GiB): waste 2/8 + 20/32 = 0.875;
                // large: 1 node (16 CPU, 64 GiB): 10/16 + 52/64 = 1.4375. least-waste keeps small.
                Arguments.of("least-waste, fewer idle small nodes", Expander.LEAST_WASTE,
                        List.of(new Option(0, 2, 6, 6000, 12288), new Option(1, 1, 6, 6000, 12288)), List.of(0, 0),
                        List.of(0)),
                // 14 pods of 1 CPU / 4 GiB. small: 4 nodes (16 CPU, 64 GiB): 2/16 + 8/64 = 0.25; large: 1
                // node, the same 0.25: a tie, both kept for the random draw.
                Arguments.of("least-waste tie", Expander.LEAST_WASTE,
                        List.of(new Option(0, 4, 14, 14000, 57344), new Option(1, 1, 14, 14000, 57344)), List.of(0, 0),
                        List.of(0, 1)),
                // 3 pods of 4 CPU / 1 GiB. small: 3 nodes: 0/12 + 45/48 = 0.9375; large: 1 node: 4/16 + 61/64 =
                // 1.203: small.
                Arguments.of("least-waste, CPU-bound pods", Expander.LEAST_WASTE,
                        List.of(new Option(0, 3, 3, 12000, 3072), new Option(1, 1, 3, 12000, 3072)), List.of(0, 0),
                        List.of(0)),
                // priority: the higher number wins whatever the waste.
                Arguments.of("priority", Expander.PRIORITY,
                        List.of(new Option(0, 2, 6, 6000, 12288), new Option(1, 1, 6, 6000, 12288)), List.of(10, 20),
                        List.of(1)),
                // random: every option is kept for the draw.
                Arguments.of("random", Expander.RANDOM,
                        List.of(new Option(0, 2, 6, 6000, 12288), new Option(1, 1, 6, 6000, 12288)), List.of(0, 0),
                        List.of(0, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expanderCases")
    void theExpanderKeepsTheOptionsWorkedOutAbove(String name, Expander e, List<Option> options,
            List<Integer> priorities, List<Integer> kept) {
        List<Integer> groups = BestOption.best(e, options, TEMPLATES, priorities).stream().map(Option::group).toList();
        assertEquals(kept, groups);
    }

    @Test
    void wasteIsIdleCpuShareplusIdleMemoryShare() {
        // 2 small nodes (8000 m, 32768 MiB) holding 6000 m and 12288 MiB: 0.25 + 0.625.
        assertEquals(0.875, BestOption.waste(new Option(0, 2, 6, 6000, 12288), SMALL.node(0)), 1e-12);
    }

    @Test
    void theEstimatePacksFirstFitDecreasingUpToTheRoomLeft() {
        ClusterState c = new ClusterState(List.of());
        List<Pod> pods = new ArrayList<>();
        // 6 pods of 1 CPU and one of 3 CPU on 4-CPU nodes: the 3-CPU pod first (node 1 with 1 CPU
        // left), then 1-CPU pods: one on node 1, four on node 2, one on node 3: 3 nodes, 7 pods.
        pods.add(c.createPod(pod("big", 3000, 1024, Owner.replicaSet("a")), 0, 0));
        for (int k = 0; k < 6; k++) {
            pods.add(c.createPod(pod("p" + k, 1000, 1024, Owner.replicaSet("a")), 0, 0));
        }
        Option o = ScaleUp.estimate(0, SMALL.node(0), pods, 10);
        assertEquals(new Option(0, 3, 7, 9000, 7168), o);
        // With room for 2 nodes: the 3-CPU pod and five 1-CPU pods (one and four): 8000 m, 6 pods.
        assertEquals(new Option(0, 2, 6, 8000, 6144), ScaleUp.estimate(0, SMALL.node(0), pods, 2));
        // A pod bigger than the template is left out; none at all gives no option.
        Pod huge = c.createPod(pod("huge", 5000, 1024, Owner.replicaSet("a")), 0, 0);
        assertEquals(null, ScaleUp.estimate(0, SMALL.node(0), List.of(huge), 10));
    }

    /** A managed pool of four 4-CPU / 16 GiB nodes, threshold 0.5. */
    private static final class Fixture {
        final Simulator sim = new Simulator();
        final NodePoolSpec pool = NodePoolSpec.cpu("p", 4, 4000, 16384);
        final ClusterState cluster = new ClusterState(pool.nodes());
        final ClusterAutoscaler ca;

        Fixture(int min) {
            this(min, 30);
        }

        Fixture(int min, int nonEmptyCandidates) {
            ControllerManager m = new ControllerManager(sim, cluster, new ApiServer(sim, cluster), new RandomStreams(1));
            ca = new ClusterAutoscaler(new ClusterAutoscaler.Spec(
                    List.of(new ClusterAutoscaler.NodeGroup(pool, min, 8, 0, 0)), 10 * SimTime.SECOND,
                    600 * SimTime.SECOND, 600 * SimTime.SECOND, 10 * SimTime.SECOND, 0.5, 0.5, 900 * SimTime.SECOND,
                    Expander.LEAST_WASTE, -10, 10, true, nonEmptyCandidates));
            m.add(ca);
        }

        void place(int node, long cpu, long mem, Owner owner) {
            Pod p = cluster.createPod(pod("x" + cluster.podCount(), cpu, mem, owner), 0, 0);
            cluster.assume(p, node, 0);
            cluster.bind(p, 0);
        }
    }

    static Stream<Arguments> unneededCases() {
        Owner rs = Owner.replicaSet("a");
        return Stream.of(
                // Utilization (max of CPU and memory share): n0 0.75, n1 0.25, n2 0, n3 0.375. Candidates
                // below 0.5 by utilization: n2, n1, n3. n2 is empty: unneeded. n1's 1000 m pod fits n0
                // (1000 m free): unneeded, n0 now full and a destination. n3's 1500 m pod fits nowhere
                // (n0 full, n1 and n2 going): needed.
                Arguments.of("empty and movable nodes", new long[][] {{0, 3000, 1024}, {1, 1000, 1024}, {3, 1500, 1024}},
                        rs, List.of(2, 1)),
                // n0 uses 10% of CPU but 60% of memory: utilization 0.6, not a candidate. n1..n3 empty.
                Arguments.of("memory counts", new long[][] {{0, 400, 9830}}, rs, List.of(1, 2, 3)),
                // A pod without a controller blocks its node: n0 stays although it is at 0.25.
                Arguments.of("a bare pod blocks", new long[][] {{0, 1000, 1024}}, Owner.NONE, List.of(1, 2, 3)),
                // n0 and n1 at 0.25 each, n2 at 0.75, n3 at 0.75. n0 first (name order on the tie): its pod
                // goes to n1 (first fit), which then received a pod and is not removed in the same pass.
                Arguments.of("a destination stays", new long[][] {{0, 1000, 1024}, {1, 1000, 1024}, {2, 3000, 1024},
                    {3, 3000, 1024}}, rs, List.of(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unneededCases")
    void unneededNodesAreTheOnesWorkedOutAbove(String name, long[][] pods, Owner owner, List<Integer> expected) {
        Fixture f = new Fixture(0);
        for (long[] p : pods) {
            f.place((int) p[0], p[1], p[2], owner);
        }
        assertEquals(expected, f.ca.unneeded());
    }

    @Test
    void atMostTheConfiguredNonEmptyNodesAreTriedPerLoop() {
        // n0 0.25, n1 0.75, n2 0.25, n3 0.75. Candidates n0, n2 (name order on the tie). n0's pod goes
        // to n1; n2's to n3 (n1 is full): both unneeded. With one non-empty candidate per loop, n2 is
        // not tried.
        for (int cap : new int[] {30, 1}) {
            Fixture f = new Fixture(0, cap);
            Owner rs = Owner.replicaSet("a");
            f.place(0, 1000, 1024, rs);
            f.place(1, 3000, 1024, rs);
            f.place(2, 1000, 1024, rs);
            f.place(3, 3000, 1024, rs);
            assertEquals(cap == 30 ? List.of(0, 2) : List.of(0), f.ca.unneeded(), "cap " + cap);
        }
    }

    @Test
    void gpuNodesAreJudgedByTheirGpus() {
        NodePoolSpec gpu = new NodePoolSpec("g", 1, 8000, 32768, 2, "T4", 0, Map.of(), List.of(), Map.of(), List.of(), 0,
                1.0);
        ClusterState c = new ClusterState(gpu.nodes());
        // 7 of 8 CPUs requested, no GPU: utilization 0 (GPU share), although CPU is at 0.875.
        Pod p = c.createPod(pod("cpu-heavy", 7000, 1024, Owner.replicaSet("a")), 0, 0);
        c.assume(p, 0, 0);
        assertEquals(0.0, ScaleDown.utilization(c, 0), 0);
        // One of two whole GPUs: 0.5.
        Pod q = c.createPod(PodSpec.builder("gpu").requests(Resources.of(500, 1024, 1, 1000)).build(), 0, 0);
        c.assume(q, 0, c.defaultDevices(0, q.requests()));
        assertEquals(0.5, ScaleDown.utilization(c, 0), 0);
    }

    @Test
    void aRemovedNodeFitsNothingUntilItIsAddedBack() {
        Fixture f = new Fixture(0);
        long cpu = f.cluster.cpuCapacityTotal();
        f.cluster.removeNode(3);
        assertTrue(f.cluster.nodeRemoved(3));
        assertEquals(3, f.cluster.liveNodeCount());
        assertEquals(cpu - 4000, f.cluster.cpuCapacityTotal());
        Pod p = f.cluster.createPod(pod("p", 100, 100, Owner.replicaSet("a")), 0, 0);
        assertFalse(f.cluster.fits(p, 3));
        assertTrue(f.cluster.node(3).labels().isEmpty(), "a removed node is in no topology domain");
        assertThrows(IllegalStateException.class, () -> f.cluster.removeNode(3));
        assertEquals(3, f.cluster.addNode(f.pool.node(3)));
        assertEquals(cpu, f.cluster.cpuCapacityTotal());
        assertTrue(f.cluster.fits(p, 3));
        f.cluster.assume(p, 3, 0);
        assertThrows(IllegalStateException.class, () -> f.cluster.removeNode(3), "a node with pods is drained first");
    }

    private static PodSpec pod(String name, long cpu, long mem, Owner owner) {
        return PodSpec.builder(name).requests(Resources.of(cpu, mem)).owner(owner).build();
    }
}
