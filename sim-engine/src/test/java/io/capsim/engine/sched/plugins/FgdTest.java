package io.capsim.engine.sched.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.Fragmentation;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.cluster.TargetWorkload;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FgdTest {

    // Target workload: 50% CPU-only pods (4 cores), 30% half-GPU pods (2 cores), 20% one-GPU pods (8 cores).
    static final TargetWorkload WORKLOAD = TargetWorkload.of(List.of(
            new TargetWorkload.Shape(4000, 0, 0, Set.of(), 0.5),
            new TargetWorkload.Shape(2000, 1, 500, Set.of(), 0.3),
            new TargetWorkload.Shape(8000, 1, 1000, Set.of(), 0.2)));

    @Test
    void fragmentationFollowsThePaperDefinition() {
        ClusterState c = new ClusterState(List.of(NodeSpec.of("n", 16000, 65536, 2, "T4")));
        Fragmentation f = new Fragmentation(WORKLOAD, c);
        record Case(String name, long cpuFree, int[] free, double expectedMilli) {}
        List<Case> cases = List.of(
                // all free (2000): CPU-only pods see all of it (0.5*2000); both GPU shapes fit, every device is
                // usable -> 0. Total 1000.
                new Case("empty", 16000, new int[] {1000, 1000}, 1000),
                // free 400 and 1000: CPU-only 0.5*1400 = 700; half-GPU fits on device 1, device 0 (400 < 500) is
                // a fragment: 0.3*400 = 120; one-GPU fits on device 1, device 0 (400 < 1000) fragment: 0.2*400 = 80.
                // Total 900.
                new Case("one device partly used", 16000, new int[] {400, 1000}, 900),
                // CPU free 4000: the one-GPU shape lacks CPU (8000) -> all 1400 is fragment for it: 0.2*1400 = 280;
                // half-GPU still fits: 0.3*400 = 120; CPU-only 700. Total 1100.
                new Case("short of cpu", 4000, new int[] {400, 1000}, 1100),
                // free 400 and 300: no GPU shape fits any device -> all 700 for every shape. Total 700.
                new Case("only slivers", 16000, new int[] {400, 300}, 700),
                // nothing free: no fragmentation.
                new Case("full", 16000, new int[] {0, 0}, 0));
        for (Case k : cases) {
            assertEquals(k.expectedMilli(), f.fragMilli(k.cpuFree(), k.free(), 0, k.free().length, 0), 1e-9, k.name());
        }
    }

    @Test
    void modelNotAcceptedCountsAllFreeGpu() {
        TargetWorkload v100Only = TargetWorkload.of(List.of(new TargetWorkload.Shape(1000, 1, 500, Set.of("V100"), 1.0)));
        ClusterState c = new ClusterState(List.of(NodeSpec.of("t4", 16000, 65536, 2, "T4"), NodeSpec.of("v", 16000, 65536, 2, "V100")));
        Fragmentation f = new Fragmentation(v100Only, c);
        assertEquals(2000, f.nodeFragMilli(0), 1e-9);
        assertEquals(0, f.nodeFragMilli(1), 1e-9);
    }

    @Test
    void scoreIsSigmoidOfFragmentationDecrease() {
        // decrease of 0 -> 50; decrease of 1 GPU -> floor(100/(1+e^-1)) = 73; increase of 1 GPU -> 26.
        assertEquals(50, Fgd.scoreOf(1000, 1000));
        assertEquals(73, Fgd.scoreOf(2000, 1000));
        assertEquals(26, Fgd.scoreOf(1000, 2000));
    }

    @Test
    void fgdPutsAShareWhereItLeavesLeastFragmentAndPicksTheDevice() {
        // Two nodes with 2 GPUs, 16 cores. Node a: device 0 has 500 free (a half-GPU pod runs there).
        // A half-GPU pod (2 cores) on a, device 0: before 0.5*1500 + 0 (both shapes fit; device 0 at 500 is a
        // fragment only for the one-GPU shape: 0.2*500 = 100) = 850; after: free {0, 1000}, cpu 12000:
        // 0.5*1000 = 500 -> decrease 350 -> score 58. On a, device 1: after {500, 500}: 0.5*1000 + one-GPU fits no
        // device -> 0.2*1000 = 200 -> 700, decrease 150. On b (empty): before 1000, after {500, 1000}: 0.5*1500
        // + 0.2*500 = 850, decrease 150 -> score 53.
        SchedulerProfile p = BuiltInProfiles.fgd();
        PluginKit k = new PluginKit(List.of(NodeSpec.of("a", 16000, 65536, 2, "T4"), NodeSpec.of("b", 16000, 65536, 2, "T4")),
                p, WORKLOAD);
        k.place(PodSpec.builder("x").requests(Resources.of(2000, 1024, 1, 500)).build(), 0, 0b01);
        Fgd fgd = (Fgd) k.scheduler.framework().plugin(BuiltInPlugins.FGD);
        Pod half = k.pod(PodSpec.builder("h").requests(Resources.of(2000, 1024, 1, 500)).build());
        assertEquals(58, fgd.score(k.state, half, 0));
        assertEquals(0b01, fgd.selectDevices(k.state, half, 0));
        assertEquals(53, fgd.score(k.state, half, 1));
    }
}
