package io.capsim.engine.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.api.ApiServer;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.ResizeStatus;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sizing.CpuRecommendation;
import io.capsim.engine.sizing.VerticalSizing;
import io.capsim.engine.sizing.VerticalSizing.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VPA's update modes against the kubelet, on one node and a Deployment of two 1-core replicas
 * whose pods each use a constant CPU; pods are placed by hand (first node with room, in creation
 * order) as the scheduler would place them. Recommender: target p90, bounds p50 and p95, no margin,
 * so every bound equals the constant use.
 */
class VerticalPodAutoscalerTest {

    private static final long S = SimTime.SECOND;

    private final Simulator sim = new Simulator();
    private ClusterState cluster;
    private ReplicaSetController rs;
    private VerticalPodAutoscaler vpa;
    private Kubelet kubelet;

    private void start(long nodeMillis, Mode mode, double usedCores) {
        cluster = new ClusterState(List.of(NodeSpec.of("n0", nodeMillis, 8192, 0, "")));
        ApiServer api = new ApiServer(sim, cluster);
        ControllerManager m = new ControllerManager(sim, cluster, api, new RandomStreams(1));
        kubelet = new Kubelet();
        m.add(kubelet);
        PodSpec template = PodSpec.builder("web").requests(Resources.of(1000, 512)).build();
        rs = new ReplicaSetController(List.of(new ReplicaSetController.Target("web", 2, template, 0)));
        m.add(rs);
        VerticalSizing d = VerticalSizing.defaults(mode);
        VerticalSizing s = new VerticalSizing(mode, VerticalSizing.Recommender.PERCENTILE, 90, 50, 95, 0, d.windowTicks(),
                d.sampleTicks(), d.updateTicks(), d.minCpuMillis(), d.maxCpuMillis(), d.actuationTicks(),
                d.deferredTimeoutTicks(), d.inProgressTimeoutTicks(), d.evictionTolerance(), d.queueThreshold(),
                d.queueStep());
        vpa = new VerticalPodAutoscaler(List.of(new VerticalPodAutoscaler.Target("web", s, template.requests(),
                template.limits())), new VerticalPodAutoscaler.Signals() {
                    @Override
                    public List<Pod> pods(String deployment) {
                        return rs.pods(deployment);
                    }

                    @Override
                    public double cpuMilliTicks(String deployment, Pod pod, long now) {
                        return pod.ready() ? usedCores * 1000 * (now - pod.readyAt()) : Double.NaN;
                    }

                    @Override
                    public double waitingPerReplica(String deployment) {
                        return 0;
                    }
                }, rs::setResources);
        m.add(vpa);
        // A stand-in scheduler: binds each new pod at once where it fits.
        cluster.addListener(new io.capsim.engine.cluster.ClusterListener() {
            @Override
            public void podCreated(Pod pod) {
                sim.scheduleAfter(0, (kind, arg) -> place(), 0, 0);
            }

            @Override
            public void podEnded(Pod pod) {
                sim.scheduleAfter(0, (kind, arg) -> place(), 0, 0);
            }
        });
    }

    private void place() {
        for (Pod p : List.copyOf(cluster.pods())) {
            if (p.phase() == PodPhase.PENDING && cluster.fits(p, 0)) {
                cluster.assume(p, 0, 0);
                cluster.bind(p, sim.now());
            }
        }
    }

    private List<Pod> pods() {
        return rs.pods("web");
    }

    @Test
    void inPlaceResizesEveryPodToTheRecommendation() {
        // Each pod uses 1.8 cores: target 1800m. 1000m + 1800m and then 1800m + 1800m fit 4000m.
        start(4000, Mode.IN_PLACE, 1.8);
        sim.runUntil(3 * 60 * S);
        for (Pod p : pods()) {
            assertEquals(1800, p.actualRequests().cpuMillis(), p.toString());
            assertEquals(ResizeStatus.NONE, p.resizeStatus());
        }
        assertEquals(new CpuRecommendation(1800, 1800, 1800), vpa.recommendation("web"));
        assertEquals(0, vpa.evictions("web"));
        assertEquals(2, kubelet.counts("web").completed());
    }

    @Test
    void inPlaceOrRecreateEvictsAResizeDeferredLongerThanFiveMinutes() {
        // On 3000m the second resize (1800m + 1800m) is Deferred; InPlace would leave it so, but
        // InPlaceOrRecreate evicts the pod once it has been Deferred over 5 minutes. Its replacement
        // starts at the target, 1800m, and waits for room (1800m + 1800m > 3000m).
        start(3000, Mode.IN_PLACE_OR_RECREATE, 1.8);
        sim.runUntil(2 * 60 * S);
        long deferred = pods().stream().filter(p -> p.resizeStatus() == ResizeStatus.DEFERRED).count();
        assertEquals(1, deferred);
        assertEquals(0, vpa.evictions("web"));
        sim.runUntil(8 * 60 * S);
        assertEquals(1, vpa.evictions("web"));
        assertEquals(1, rs.counts("web").evicted());
        Pod replacement = pods().get(pods().size() - 1);
        assertEquals(1800, replacement.requests().cpuMillis());
        assertEquals(PodPhase.PENDING, replacement.phase());
        assertEquals(1, kubelet.counts("web").deferred());
    }

    @Test
    void inPlaceOrRecreateEvictsAnInfeasibleResize() {
        // 5 cores used: target 5000m > the node's 4000m: Infeasible, so the pod is evicted at the
        // next update (the eviction tolerance lets one of two go at a time).
        start(4000, Mode.IN_PLACE_OR_RECREATE, 5.0);
        sim.runUntil(90 * S);
        assertEquals(2, kubelet.counts("web").infeasible());
        sim.runUntil(150 * S);
        assertTrue(vpa.evictions("web") >= 1, "evictions " + vpa.evictions("web"));
    }

    @Test
    void recreateEvictsAndTheReplacementStartsAtTheTarget() {
        start(4000, Mode.RECREATE, 1.8);
        sim.runUntil(5 * 60 * S);
        assertEquals(2, vpa.evictions("web"));
        for (Pod p : pods()) {
            assertEquals(1800, p.requests().cpuMillis());
            assertEquals(1800, p.actualRequests().cpuMillis());
        }
        assertEquals(0, kubelet.counts("web").requested(), "Recreate never resizes in place");
    }

    @Test
    void offOnlyRecommends() {
        start(4000, Mode.OFF, 1.8);
        sim.runUntil(5 * 60 * S);
        assertEquals(new CpuRecommendation(1800, 1800, 1800), vpa.recommendation("web"));
        for (Pod p : pods()) {
            assertEquals(1000, p.requests().cpuMillis());
        }
    }

    @Test
    void theRecommendationIsPercentilesTimesTheMarginWithinTheBounds() {
        // Samples 1..10 cores. Nearest rank: p50 = 5, p90 = 9, p95 = 10; x 1.15 = 5750m, 10350m,
        // 11500m; maxAllowed 11000m caps the upper bound.
        VerticalSizing d = VerticalSizing.defaults(Mode.IN_PLACE);
        VerticalSizing s = new VerticalSizing(Mode.IN_PLACE, VerticalSizing.Recommender.PERCENTILE, 90, 50, 95, 0.15,
                d.windowTicks(), d.sampleTicks(), d.updateTicks(), 100, 11_000, d.actuationTicks(),
                d.deferredTimeoutTicks(), d.inProgressTimeoutTicks(), 0.5, 4, 1.5);
        double[] samples = {10, 3, 1, 7, 5, 2, 9, 4, 8, 6};
        assertEquals(new CpuRecommendation(5750, 10350, 11000), CpuRecommendation.of(samples, samples.length, s));
        assertTrue(new CpuRecommendation(5750, 10350, 11000).contains(6000));
        assertTrue(!new CpuRecommendation(5750, 10350, 11000).contains(5000));
    }
}
