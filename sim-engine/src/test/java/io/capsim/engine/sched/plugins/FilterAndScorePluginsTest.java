package io.capsim.engine.sched.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.LabelRequirement;
import io.capsim.engine.cluster.NodeAffinity;
import io.capsim.engine.cluster.NodeSelectorTerm;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.Taint;
import io.capsim.engine.cluster.TaintEffect;
import io.capsim.engine.cluster.Toleration;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.Rejection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterAndScorePluginsTest {

    private static NodeSpec node(String name, long cpu, long mem, int gpus, String model) {
        return NodeSpec.of(name, cpu, mem, gpus, model);
    }

    @Test
    void nodeResourcesFitFilterTable() {
        PluginKit k = new PluginKit(List.of(node("a", 4000, 8192, 2, "T4"), node("b", 4000, 8192, 0, "")));
        NodeResourcesFit fit = (NodeResourcesFit) k.scheduler.framework().plugin(BuiltInPlugins.NODE_RESOURCES_FIT);
        // a: 1 GPU fully used, the other at 600 milli used; 3000m CPU used.
        k.place(PodSpec.builder("x").requests(Resources.of(2000, 1024, 1, 1000)).build(), 0, 0b01);
        k.place(PodSpec.builder("y").requests(Resources.of(1000, 1024, 1, 600)).build(), 0, 0b10);
        record Case(String name, Resources req, Set<String> models, int node, Code expected) {}
        List<Case> cases = List.of(
                new Case("share fits the 400 left", Resources.of(500, 100, 1, 400), Set.of(), 0, Code.SUCCESS),
                new Case("share of 500 fits no device", Resources.of(500, 100, 1, 500), Set.of(), 0, Code.UNSCHEDULABLE),
                new Case("whole GPU: none free", Resources.of(500, 100, 1, 1000), Set.of(), 0, Code.UNSCHEDULABLE),
                new Case("three GPUs on a two-GPU node", Resources.of(500, 100, 3, 1000), Set.of(), 0,
                        Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new Case("cpu: 1001m with 1000m free", Resources.of(1001, 100), Set.of(), 0, Code.UNSCHEDULABLE),
                new Case("cpu above capacity", Resources.of(4001, 100), Set.of(), 0, Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new Case("wrong GPU model", Resources.of(100, 100, 1, 100), Set.of("A100"), 0, Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new Case("right GPU model", Resources.of(100, 100, 1, 100), Set.of("T4", "A100"), 0, Code.SUCCESS),
                new Case("GPU pod on CPU node", Resources.of(100, 100, 1, 100), Set.of(), 1, Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                new Case("CPU pod on CPU node", Resources.of(4000, 8192), Set.of(), 1, Code.SUCCESS));
        for (Case c : cases) {
            Pod p = k.pod(PodSpec.builder(c.name()).requests(c.req()).gpuModels(c.models()).build());
            assertEquals(c.expected(), fit.filter(k.state, p, c.node()), c.name());
        }
        Pod cpu = k.pod(PodSpec.builder("big").requests(Resources.of(1001, 100)).build());
        assertEquals(new Rejection("NodeResourcesFit", "a", "Insufficient cpu", "cpu", 1001, 3000, 4000),
                fit.explain(k.state, cpu, 0));

        // Extended resources: a node offering 2 example.com/fpga, one in use; another request of 2
        // does not fit; one for a resource no node offers fits nowhere.
        PluginKit e = new PluginKit(List.of(node("f", 4000, 8192, 0, "").withExtended(Map.of("example.com/fpga", 2L))));
        NodeResourcesFit efit = (NodeResourcesFit) e.scheduler.framework().plugin(BuiltInPlugins.NODE_RESOURCES_FIT);
        e.place(PodSpec.builder("holder").requests(Resources.of(100, 100).withExtended("example.com/fpga", 1)).build(), 0, 0);
        Pod two = e.pod(PodSpec.builder("two").requests(Resources.of(100, 100).withExtended("example.com/fpga", 2)).build());
        assertEquals(Code.UNSCHEDULABLE, efit.filter(e.state, two, 0));
        assertEquals(new Rejection("NodeResourcesFit", "f", "Insufficient example.com/fpga", "example.com/fpga", 2, 1, 2),
                efit.explain(e.state, two, 0));
        Pod unknown = e.pod(PodSpec.builder("u").requests(Resources.of(100, 100).withExtended("example.com/asic", 1)).build());
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, efit.filter(e.state, unknown, 0));
        assertEquals("Insufficient example.com/asic", efit.explain(e.state, unknown, 0).reason());
    }

    @Test
    void nodeResourcesFitAgreesWithTheClusterAsPodsComeAndGo() {
        // The filter reads GPUs from a per-node summary it caches by node version (largest free
        // share, idle devices); it must answer as ClusterView.fits after every placement and removal.
        PluginKit k = new PluginKit(List.of(node("g0", 8000, 16384, 0, ""), node("g1", 8000, 16384, 1, "T4"),
                node("g2", 16000, 32768, 2, "T4"), node("g4", 32000, 65536, 4, "T4"), node("g8", 64000, 131072, 8, "T4")));
        NodeResourcesFit fit = (NodeResourcesFit) k.scheduler.framework().plugin(BuiltInPlugins.NODE_RESOURCES_FIT);
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        List<Pod> placed = new java.util.ArrayList<>();
        int checked = 0;
        int agreedFits = 0;
        for (int step = 0; step < 600; step++) {
            int gpus = new int[] {0, 1, 1, 1, 2, 4, 8}[r.nextInt(7)];
            int milli = gpus == 1 && r.nextBoolean() ? 100 * (1 + r.nextInt(9)) : gpus == 0 ? 0 : 1000;
            Pod p = k.pod(PodSpec.builder("p" + step).requests(Resources.of(250L * (1 + r.nextInt(8)),
                    512L * (1 + r.nextInt(8)), gpus, milli)).build());
            int target = -1;
            for (int n = 0; n < k.cluster.size(); n++) {
                boolean fits = k.cluster.fits(p, n);
                assertEquals(fits, fit.filter(k.state, p, n) == Code.SUCCESS, p.spec().name() + " on node " + n);
                checked++;
                if (fits) {
                    agreedFits++;
                    if (target < 0 && k.cluster.defaultDevices(n, p.requests()) != -1) {
                        target = n;
                    }
                }
            }
            if (target >= 0 && r.nextInt(3) > 0) {
                k.cluster.assume(p, target, k.cluster.defaultDevices(target, p.requests()));
                placed.add(p);
            } else if (!placed.isEmpty()) {
                k.cluster.forget(placed.remove(r.nextInt(placed.size())));
            }
        }
        assertEquals(3000, checked);
        assertTrue(agreedFits > 300 && agreedFits < 2700, "both answers exercised: " + agreedFits);
    }

    @Test
    void nodeAffinityAndSelector() {
        PluginKit k = new PluginKit(List.of(
                node("a", 1000, 1000, 0, "").withLabels(Map.of("zone", "x", "disk", "ssd")),
                node("b", 1000, 1000, 0, "").withLabels(Map.of("zone", "y"))));
        NodeAffinityPlugin na = (NodeAffinityPlugin) k.scheduler.framework().plugin(BuiltInPlugins.NODE_AFFINITY);
        Pod sel = k.pod(PodSpec.builder("sel").nodeSelector(Map.of("zone", "y")).build());
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, na.filter(k.state, sel, 0));
        assertEquals(Code.SUCCESS, na.filter(k.state, sel, 1));
        Pod req = k.pod(PodSpec.builder("req").nodeAffinity(new NodeAffinity(List.of(
                NodeSelectorTerm.of(new LabelRequirement("disk", LabelRequirement.Operator.EXISTS, List.of())),
                NodeSelectorTerm.of(LabelRequirement.in("zone", "z"))), List.of())).build());
        assertEquals(Code.SUCCESS, na.filter(k.state, req, 0));
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, na.filter(k.state, req, 1));
        // Preferred: zone=y weight 30, disk exists weight 10 -> raw a=10, b=30 -> normalised a=33, b=100.
        Pod pref = k.pod(PodSpec.builder("pref").nodeAffinity(new NodeAffinity(List.of(), List.of(
                new NodeAffinity.Preferred(30, NodeSelectorTerm.of(LabelRequirement.in("zone", "y"))),
                new NodeAffinity.Preferred(10, NodeSelectorTerm.of(
                        new LabelRequirement("disk", LabelRequirement.Operator.EXISTS, List.of())))))).build());
        long[] s = {na.score(k.state, pref, 0), na.score(k.state, pref, 1)};
        assertEquals(10, s[0]);
        assertEquals(30, s[1]);
        na.normalize(k.state, pref, new int[] {0, 1}, s, 2);
        assertEquals(33, s[0]);
        assertEquals(100, s[1]);
    }

    @Test
    void taintToleration() {
        PluginKit k = new PluginKit(List.of(
                node("gpu", 1000, 1000, 0, "").withTaints(List.of(new Taint("gpu", "true", TaintEffect.NO_SCHEDULE))),
                node("soft", 1000, 1000, 0, "").withTaints(List.of(
                        new Taint("a", "", TaintEffect.PREFER_NO_SCHEDULE), new Taint("b", "", TaintEffect.PREFER_NO_SCHEDULE))),
                node("plain", 1000, 1000, 0, "")));
        TaintTolerationPlugin tt = (TaintTolerationPlugin) k.scheduler.framework().plugin(BuiltInPlugins.TAINT_TOLERATION);
        Pod none = k.pod(PodSpec.builder("none").build());
        Pod tol = k.pod(PodSpec.builder("tol").tolerations(List.of(
                Toleration.equal("gpu", "true", TaintEffect.NO_SCHEDULE), Toleration.exists("a"))).build());
        Pod wrongValue = k.pod(PodSpec.builder("wrong").tolerations(List.of(
                Toleration.equal("gpu", "false", TaintEffect.NO_SCHEDULE))).build());
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, tt.filter(k.state, none, 0));
        assertEquals(Code.SUCCESS, tt.filter(k.state, tol, 0));
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, tt.filter(k.state, wrongValue, 0));
        assertEquals(Code.SUCCESS, tt.filter(k.state, none, 1));
        // Untolerated PreferNoSchedule taints: none -> soft 2, plain 0 -> reversed: soft 0, plain 100.
        long[] s = {tt.score(k.state, none, 1), tt.score(k.state, none, 2)};
        tt.normalize(k.state, none, new int[] {1, 2}, s, 2);
        assertEquals(0, s[0]);
        assertEquals(100, s[1]);
        // tol tolerates a: soft has 1 -> 0, plain 0 -> 100.
        long[] t = {tt.score(k.state, tol, 1), tt.score(k.state, tol, 2)};
        assertEquals(1, t[0]);
    }

    @Test
    void gpuSharePackingPicksBestFittingDevice() {
        io.capsim.engine.sched.config.SchedulerProfile profile = new io.capsim.engine.sched.config.SchedulerProfile("gs",
                BuiltInProfiles.kubernetesDefaults().overlay(io.capsim.engine.sched.config.Plugins.multiPoint(
                        io.capsim.engine.sched.config.PluginSet.enable(BuiltInPlugins.GPU_SHARE_PACKING))), List.of(), 100);
        PluginKit k = new PluginKit(List.of(node("a", 64000, 65536, 4, "T4"), node("b", 64000, 65536, 4, "T4")), profile,
                io.capsim.engine.cluster.TargetWorkload.EMPTY);
        GpuSharePacking gs = (GpuSharePacking) k.scheduler.framework().plugin(BuiltInPlugins.GPU_SHARE_PACKING);
        // a: devices free 1000, 300, 600, 1000; b: all free.
        k.place(PodSpec.builder("p1").requests(Resources.of(100, 100, 1, 700)).build(), 0, 0b0010);
        k.place(PodSpec.builder("p2").requests(Resources.of(100, 100, 1, 400)).build(), 0, 0b0100);
        Pod share = k.pod(PodSpec.builder("s").requests(Resources.of(100, 100, 1, 250)).build());
        // Best fit on a: device 1 (300 free, leftover 50) -> 100*(1000-50)/1000 = 95; on b: leftover 750 -> 25.
        assertEquals(0b0010, gs.selectDevices(k.state, share, 0));
        assertEquals(95, gs.score(k.state, share, 0));
        assertEquals(25, gs.score(k.state, share, 1));
        assertEquals(0, GpuSharePacking.shareScore(200, 250));
        // Whole GPUs take the lowest free devices: a -> devices 0 and 3; score = GPU allocation after:
        // a: (700+400+2000)*100/4000 = 77, b: 2000*100/4000 = 50.
        Pod big = k.pod(PodSpec.builder("w").requests(Resources.of(100, 100, 2, 1000)).build());
        assertEquals(0b1001, gs.selectDevices(k.state, big, 0));
        assertEquals(77, gs.score(k.state, big, 0));
        assertEquals(50, gs.score(k.state, big, 1));
        // CPU-only pods are neutral.
        assertEquals(0, gs.score(k.state, k.pod(PodSpec.builder("c").requests(Resources.of(100, 100)).build()), 0));
    }
}
