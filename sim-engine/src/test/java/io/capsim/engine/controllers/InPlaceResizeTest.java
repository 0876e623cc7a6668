package io.capsim.engine.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.api.ApiServer;
import io.capsim.engine.api.ResizeAnswer;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.ResizePolicy;
import io.capsim.engine.cluster.ResizeStatus;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each outcome of an in-place resize under the kubelet's 1.35 rules (KEP-1287), on one node of
 * 4 CPUs and 8 GiB with pods placed by hand; actuation takes 1 s, the retry ticker 3 min.
 */
class InPlaceResizeTest {

    private static final long S = SimTime.SECOND;

    private final Simulator sim = new Simulator();
    private final ClusterState cluster = new ClusterState(List.of(NodeSpec.of("n0", 4000, 8192, 0, "")));
    private final ApiServer api = new ApiServer(sim, cluster);
    private final Map<Pod, Double> memoryInUse = new HashMap<>();
    private final Kubelet kubelet = new Kubelet(Kubelet.ResizeSettings.DEFAULT, p -> memoryInUse.getOrDefault(p, 0.0));

    InPlaceResizeTest() {
        ControllerManager m = new ControllerManager(sim, cluster, api, new RandomStreams(1));
        m.add(kubelet);
    }

    /** A Burstable pod (CPU request, memory request and limit) bound on n0 and ready. */
    private Pod pod(String name, long cpu, long mem, int priority) {
        return place(PodSpec.builder(name).requests(Resources.of(cpu, mem)).limits(Resources.of(0, mem))
                .priority(priority).owner(Owner.replicaSet("svc")).build());
    }

    private Pod place(PodSpec spec) {
        Pod p = cluster.createPod(spec, 0, sim.now());
        cluster.assume(p, 0, 0);
        cluster.bind(p, sim.now());
        run(0);
        return p;
    }

    private void run(long ticks) {
        sim.runUntil(sim.now() + ticks);
    }

    private ResizeAnswer resizeCpu(Pod p, long cpu) {
        return api.resizePod(p, Resources.of(cpu, p.requests().memoryMiB()), p.limits());
    }

    @Test
    void aResizeThatFitsIsAdmittedThenActuatedAfterTheActuationTime() {
        Pod a = pod("a", 1000, 1024, 0);
        pod("b", 1000, 1024, 0);
        assertEquals(ResizeAnswer.ACCEPTED, resizeCpu(a, 2000));
        run(0);
        // Others' allocated 1000m + desired 2000m <= 4000m: admitted, in progress, not yet actual.
        assertEquals(ResizeStatus.IN_PROGRESS, a.resizeStatus());
        assertEquals(2000, a.allocatedRequests().cpuMillis());
        assertEquals(1000, a.actualRequests().cpuMillis());
        run(S);
        assertEquals(ResizeStatus.NONE, a.resizeStatus());
        assertEquals(2000, a.actualRequests().cpuMillis());
        assertEquals(3000, cluster.cpuUsed(0));
        Kubelet.Counts c = kubelet.counts("svc");
        assertEquals(1, c.requested());
        assertEquals(1, c.completed());
        assertEquals(0, c.deferred());
    }

    @Test
    void aDeferredResizeIsAdmittedWhenAPodLeaves() {
        Pod a = pod("a", 2000, 1024, 0);
        Pod b = pod("b", 2000, 1024, 0);
        resizeCpu(a, 3000);
        run(0);
        // 2000m (b) + 3000m > 4000m, but 3000m fits the node: Deferred, and retried.
        assertEquals(ResizeStatus.DEFERRED, a.resizeStatus());
        assertEquals(2000, a.allocatedRequests().cpuMillis());
        run(100 * S); // the periodic retry (3 min) has not come yet, and nothing changed
        assertEquals(ResizeStatus.DEFERRED, a.resizeStatus());
        api.deletePod(b, PodEndReason.DELETED);
        run(0);
        assertEquals(ResizeStatus.IN_PROGRESS, a.resizeStatus());
        run(S);
        assertEquals(3000, a.actualRequests().cpuMillis());
        Kubelet.Counts c = kubelet.counts("svc");
        assertEquals(1, c.deferred());
        assertEquals(1, c.completed());
        assertEquals(1, c.deferredWaitSeconds().length);
        assertEquals(100.0, c.deferredWaitSeconds()[0], 1e-9);
    }

    @Test
    void aDeferredResizeIsAdmittedWhenAnotherPodShrinks() {
        Pod a = pod("a", 2000, 1024, 0);
        Pod b = pod("b", 2000, 1024, 0);
        resizeCpu(a, 3000);
        run(0);
        assertEquals(ResizeStatus.DEFERRED, a.resizeStatus());
        // b shrinks: the kubelet evaluates b first (it increases nothing) and allocates 1000m to it,
        // after which a fits the other pods' allocated 1000m + 3000m: both are admitted at once.
        resizeCpu(b, 1000);
        run(0);
        assertEquals(ResizeStatus.IN_PROGRESS, b.resizeStatus());
        assertEquals(ResizeStatus.IN_PROGRESS, a.resizeStatus());
        // Until b's shrink is actuated the scheduler still counts b's actual 2000m: 5000m on 4000m.
        assertEquals(5000, cluster.cpuUsed(0));
        run(S);
        assertEquals(3000, a.actualRequests().cpuMillis());
        assertEquals(4000, cluster.cpuUsed(0));
    }

    @Test
    void aResizeBeyondTheNodeIsInfeasibleAndNeverRetried() {
        Pod a = pod("a", 1000, 1024, 0);
        Pod b = pod("b", 1000, 1024, 0);
        resizeCpu(a, 5000);
        run(0);
        assertEquals(ResizeStatus.INFEASIBLE, a.resizeStatus());
        // The scheduler ignores an infeasible desired: a counts its allocated 1000m.
        assertEquals(1000, a.countedCpuMillis());
        assertEquals(2000, cluster.cpuUsed(0));
        api.deletePod(b, PodEndReason.DELETED);
        run(10 * 60 * S);
        assertEquals(ResizeStatus.INFEASIBLE, a.resizeStatus());
        assertEquals(1000, a.allocatedRequests().cpuMillis());
        assertEquals(1, kubelet.counts("svc").infeasible());
        // A new desired clears it and is evaluated afresh.
        resizeCpu(a, 3000);
        run(S);
        assertEquals(3000, a.actualRequests().cpuMillis());
        assertEquals(ResizeStatus.NONE, a.resizeStatus());
    }

    @Test
    void theQosClassMayNotChangeAndOnlyCpuAndMemoryResize() {
        Pod g = place(PodSpec.builder("g").requests(Resources.of(1000, 1024)).limits(Resources.of(1000, 1024)).build());
        Pod gpu = place(PodSpec.builder("gpu").requests(Resources.of(500, 512)).build());
        // Guaranteed -> Burstable (request below the limit): refused, nothing changes.
        assertEquals(ResizeAnswer.QOS_CHANGE, api.resizePod(g, Resources.of(500, 1024), Resources.of(1000, 1024)));
        assertEquals(1000, g.requests().cpuMillis());
        // Guaranteed stays Guaranteed when requests and limits move together.
        assertEquals(ResizeAnswer.ACCEPTED, api.resizePod(g, Resources.of(1500, 1024), Resources.of(1500, 1024)));
        assertEquals(ResizeAnswer.LIMIT_BELOW_REQUEST,
                api.resizePod(g, Resources.of(2000, 1024), Resources.of(1500, 1024)));
        assertEquals(ResizeAnswer.NOT_RESIZABLE,
                api.resizePod(gpu, Resources.of(500, 512).withExtended("example.com/fpga", 1), Resources.NONE));
        assertEquals(ResizeAnswer.NOT_RESIZABLE, api.resizePod(gpu, Resources.of(500, 512, 1, 1000), Resources.NONE));
        // Burstable -> BestEffort (no request left): refused.
        assertEquals(ResizeAnswer.QOS_CHANGE, api.resizePod(gpu, Resources.NONE, Resources.NONE));
        Pod pending = cluster.createPod(PodSpec.builder("p").requests(Resources.of(100, 100)).build(), 0, sim.now());
        assertEquals(ResizeAnswer.NOT_RUNNING, api.resizePod(pending, Resources.of(200, 100), Resources.NONE));
    }

    @Test
    void aMemoryLimitBelowUsageStaysInProgressWithErrorUntilUsageFalls() {
        Pod a = pod("a", 1000, 2048, 0);
        memoryInUse.put(a, 1500.0);
        api.resizePod(a, Resources.of(1000, 1024), Resources.of(0, 1024));
        run(0);
        assertEquals(ResizeStatus.IN_PROGRESS, a.resizeStatus());
        run(S);
        // 1500 MiB in use > the new 1024 MiB limit: not applied; in progress with reason Error.
        assertEquals(ResizeStatus.ERROR, a.resizeStatus());
        assertEquals(2048, a.actualLimits().memoryMiB());
        assertEquals(1024, a.allocatedLimits().memoryMiB());
        // The scheduler counts the larger actual request meanwhile.
        assertEquals(2048, a.countedMemoryMiB());
        memoryInUse.put(a, 900.0);
        run(60 * S); // the next pod sync
        assertEquals(ResizeStatus.NONE, a.resizeStatus());
        assertEquals(1024, a.actualLimits().memoryMiB());
        assertEquals(1, kubelet.counts("svc").errored());
        assertEquals(1, kubelet.counts("svc").completed());
    }

    @Test
    void theSchedulerCountsTheLargestOfDesiredAllocatedAndActual() {
        Pod a = pod("a", 2000, 1024, 0);
        pod("b", 1000, 1024, 0);
        // Shrink: allocated 1000m at once, actual 2000m until actuated: counted 2000m.
        resizeCpu(a, 1000);
        run(0);
        assertEquals(ResizeStatus.IN_PROGRESS, a.resizeStatus());
        assertEquals(2000, a.countedCpuMillis());
        assertEquals(3000, cluster.cpuUsed(0));
        run(S);
        assertEquals(1000, a.countedCpuMillis());
        assertEquals(2000, cluster.cpuUsed(0));
        // Grow past the room: deferred, its desired 3500m is counted, so a new 500m pod no longer fits.
        resizeCpu(a, 3500);
        run(0);
        assertEquals(ResizeStatus.DEFERRED, a.resizeStatus());
        assertEquals(3500, a.countedCpuMillis());
        assertEquals(4500, cluster.cpuUsed(0));
        Pod c = cluster.createPod(PodSpec.builder("c").requests(Resources.of(500, 100)).build(), 0, sim.now());
        assertFalse(cluster.fits(c, 0));
        // Infeasible: the desired is no longer counted.
        resizeCpu(a, 4500);
        run(0);
        assertEquals(ResizeStatus.INFEASIBLE, a.resizeStatus());
        assertEquals(1000, a.countedCpuMillis());
        assertTrue(cluster.fits(c, 0));
    }

    @Test
    void deferredResizesAreRetriedInOrderAndOneThatDoesNotFitBlocksNone() {
        // 4000m node: a (high priority) 1000m, b (low) 1000m, filler 2000m. a asks +2000m, b +500m:
        // both deferred. The filler shrinks to 1000m (2000m of room left after it completes... less
        // a's and b's own): a is tried first (higher priority), does not fit (1000 + 1000 + 3000 >
        // 4000); b still fits after it (1000 + 1000 + 1500 <= 4000) and is admitted.
        Pod a = pod("a", 1000, 512, 100);
        Pod b = pod("b", 1000, 512, 0);
        Pod filler = pod("filler", 2000, 512, 0);
        resizeCpu(a, 3000);
        resizeCpu(b, 1500);
        run(0);
        assertEquals(ResizeStatus.DEFERRED, a.resizeStatus());
        assertEquals(ResizeStatus.DEFERRED, b.resizeStatus());
        resizeCpu(filler, 1000);
        run(2 * S);
        assertEquals(ResizeStatus.DEFERRED, a.resizeStatus());
        assertEquals(ResizeStatus.NONE, b.resizeStatus());
        assertEquals(1500, b.actualRequests().cpuMillis());
    }

    @Test
    void theRetryOrderFollowsTheKubeletTable() {
        // Node with room; pods built to differ in one key at a time. pendingSince is given per pod.
        //   pod  increases  priority  QoS         pending since
        //   p1   yes        0         Burstable   10
        //   p2   no         0         Burstable   50   -> first: a non-increasing resize
        //   p3   yes        10        Burstable   40   -> second: highest priority among increases
        //   p4   yes        0         Guaranteed  30   -> third: Guaranteed before Burstable
        //   p5   yes        0         Burstable   5    -> fourth: longest pending among the rest
        //   p1                                          -> fifth
        Pod p1 = pod("p1", 100, 100, 0);
        Pod p2 = pod("p2", 100, 100, 0);
        Pod p3 = pod("p3", 100, 100, 10);
        Pod p4 = place(PodSpec.builder("p4").requests(Resources.of(100, 100)).limits(Resources.of(100, 100)).build());
        Pod p5 = pod("p5", 100, 100, 0);
        cluster.setDesiredResources(p1, Resources.of(200, 100), p1.limits(), 0);
        cluster.setDesiredResources(p2, Resources.of(50, 100), p2.limits(), 0);
        cluster.setDesiredResources(p3, Resources.of(200, 100), p3.limits(), 0);
        cluster.setDesiredResources(p4, Resources.of(200, 200), Resources.of(200, 200), 0);
        cluster.setDesiredResources(p5, Resources.of(200, 100), p5.limits(), 0);
        Map<Pod, Long> since = Map.of(p1, 10L, p2, 50L, p3, 40L, p4, 30L, p5, 5L);
        assertEquals(List.of(p2, p3, p4, p5, p1), Kubelet.retryOrder(List.of(p1, p2, p3, p4, p5), since::get));
    }

    @Test
    void aRestartContainerPolicyRestartsTheContainerOnThatResourceOnly() {
        PodSpec spec = PodSpec.builder("r").requests(Resources.of(1000, 1024)).limits(Resources.of(0, 1024))
                .startupTicks(5 * S).resizePolicy(new ResizePolicy(false, true)).owner(Owner.replicaSet("svc")).build();
        Pod r = place(spec);
        run(5 * S);
        assertTrue(r.ready());
        resizeCpu(r, 1500); // CPU: NotRequired
        run(S);
        assertTrue(r.ready());
        api.resizePod(r, Resources.of(2000, 2048), Resources.of(0, 2048)); // memory changes too: restart wins
        run(S);
        assertFalse(r.ready());
        assertEquals(1, kubelet.counts("svc").restarts());
        run(5 * S);
        assertTrue(r.ready());
        assertEquals(2048, r.actualLimits().memoryMiB());
    }
}
