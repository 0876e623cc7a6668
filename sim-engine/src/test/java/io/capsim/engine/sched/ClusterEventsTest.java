package io.capsim.engine.sched;

import io.capsim.engine.cluster.*;
import io.capsim.engine.sched.api.*;
import io.capsim.engine.sched.config.*;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.SimTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterEventsTest {

    private static final long S = SimTime.SECOND;

    @Test
    void addingANodeRetriesParkedAndUnschedulablePods() {
        Kit k = new Kit(Kit.gpuNodes(1, 8, 16, 1), BuiltInProfiles.kubernetesDefault(), SchedulerConfig.defaults());
        Kit.TestPod fourGpus = k.submit(Kit.pod("four", 1000, 1024, 4, 1000).build(), 0);
        Kit.TestPod filler = k.submit(Kit.pod("filler", 8000, 1024, 0, 0).build(), 0);
        Kit.TestPod waits = k.submit(Kit.pod("waits", 4000, 1024, 0, 0).build(), 0);
        k.sim.runUntil(S);
        assertEquals(PodPhase.PENDING, fourGpus.phase());
        assertEquals(PodPhase.RUNNING, filler.phase());
        assertEquals(PodPhase.PENDING, waits.phase());
        assertEquals(1, k.scheduler.metrics().neverSchedulable().size());
        k.addNode(NodeSpec.of("big", 64000, 262144, 8, "T4"));
        k.sim.runUntil(20 * S);
        assertEquals(PodPhase.RUNNING, fourGpus.phase());
        assertEquals(PodPhase.RUNNING, waits.phase());
        assertEquals(1, fourGpus.node());
        // Reported once, even though it was retried.
        assertEquals(1, k.scheduler.metrics().neverSchedulable().size());
    }

    /**
     * A removed (scaled-down) node takes no pod, not even one that requests nothing (a removed node
     * has no capacity, and the cycle passes over it before any filter), and the failure explains
     * the live nodes only; when the node is added back, the pending pod lands on it.
     */
    @Test
    void aRemovedNodeTakesNoPodUntilItIsBack() {
        NodeSpec a = NodeSpec.of("a", 1000, 1024, 0, "");
        NodeSpec b = NodeSpec.of("b", 1000, 1024, 0, "");
        Kit k = new Kit(List.of(a, b), BuiltInProfiles.kubernetesDefault(), SchedulerConfig.defaults());
        Kit.TestPod full = k.submit(Kit.pod("full", 1000, 512, 0, 0).build(), 0);
        k.sim.runUntil(S);
        int other = 1 - full.node();
        k.cluster.removeNode(other);
        Kit.TestPod nothing = k.submit(PodSpec.builder("nothing").build(), 2 * S);
        Kit.TestPod some = k.submit(Kit.pod("some", 500, 256, 0, 0).build(), 2 * S);
        k.submit(Kit.pod("huge", 1500, 256, 0, 0).build(), 2 * S); // fits no node: its failure is reported
        k.sim.runUntil(10 * S);
        assertEquals(full.node(), nothing.node(), "the BestEffort pod goes to the live node");
        assertEquals(PodPhase.PENDING, some.phase());
        assertEquals("0/1 nodes are available: 1 Insufficient cpu.", k.scheduler.metrics().neverSchedulable().get(0)
                .reason().split(" For example")[0], "the failure counts and explains the live node only (was 0/2)");
        k.addNode(other == 0 ? a : b);
        k.sim.runUntil(30 * S);
        assertEquals(PodPhase.RUNNING, some.phase());
        assertEquals(other, some.node());
    }

    /** With every node removed, the failure says the cluster has none (it said "0/0 nodes are available:."). */
    @Test
    void aClusterWithEveryNodeRemovedSaysSo() {
        NodeSpec a = NodeSpec.of("a", 1000, 1024, 0, "");
        Kit k = new Kit(List.of(a), BuiltInProfiles.kubernetesDefault(), SchedulerConfig.defaults());
        k.cluster.removeNode(0);
        k.submit(Kit.pod("some", 500, 256, 0, 0).build(), S);
        k.sim.runUntil(10 * S);
        assertEquals("0/0 nodes are available: the cluster has no nodes",
                k.scheduler.metrics().neverSchedulable().get(0).reason());
    }

    @Test
    void extendedResourcesAreCountedAndExplained() {
        NodeSpec fpga = NodeSpec.of("fpga", 8000, 16384, 0, "").withExtended(Map.of("example.com/fpga", 2L));
        NodeSpec plain = NodeSpec.of("plain", 8000, 16384, 0, "");
        Kit k = new Kit(List.of(fpga, plain), BuiltInProfiles.kubernetesDefault(), SchedulerConfig.defaults());
        Resources oneFpga = Resources.of(100, 100).withExtended("example.com/fpga", 1);
        Kit.TestPod a = k.submit(PodSpec.builder("a").requests(oneFpga).build(), 0);
        Kit.TestPod b = k.submit(PodSpec.builder("b").requests(oneFpga).build(), 0);
        Kit.TestPod c = k.submit(PodSpec.builder("c").requests(oneFpga).build(), 0);
        Kit.TestPod unknown = k.submit(PodSpec.builder("u")
                .requests(Resources.of(100, 100).withExtended("example.com/tpu", 1)).build(), 0);
        k.sim.runUntil(S);
        assertEquals(0, a.node());
        assertEquals(0, b.node());
        assertEquals(PodPhase.PENDING, c.phase());
        assertEquals(2, k.cluster.extendedUsed(0, k.cluster.extendedIndex("example.com/fpga")));
        assertEquals(PodPhase.PENDING, unknown.phase());
        assertEquals("0/2 nodes are available: 2 Insufficient example.com/tpu. For example: NodeResourcesFit rejected "
                + "fpga: Insufficient example.com/tpu (requested 1, used 0, capacity 0)",
                k.scheduler.metrics().neverSchedulable().get(0).reason());
    }
}
