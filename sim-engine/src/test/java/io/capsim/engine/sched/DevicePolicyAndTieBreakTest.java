package io.capsim.engine.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.DeviceSelector;
import io.capsim.engine.sched.api.ExtensionPoint;
import io.capsim.engine.sched.config.PluginConfig;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.PluginSet;
import io.capsim.engine.sched.config.Plugins;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.GpuSelection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * GPU selection as a policy of its own ({@link GpuSelection} at reserve, in preference to a score
 * plugin's choice) and the tie-break that gives every node a random place per seed, as the FGD
 * paper's simulator does.
 */
class DevicePolicyAndTieBreakTest {

    /**
     * Target workload for FGD: half the pods ask for 500 milli-GPU, half for 200 (1 core each).
     * Node g (3 GPUs, 64 cores) with free {100, 200, 350}; a 150 share fits devices 1 and 2:
     * <ul>
     *   <li>before: 650 free; the 500 shape fits no device -> 0.5 * 650 = 325; the 200 shape fits devices 1, 2
     *       -> device 0's 100 is a fragment: 0.5 * 100 = 50 -> F0 = 375;
     *   <li>device 1 -> {100, 50, 350}: 0.5 * 500 + 0.5 * 150 = 325 -> 100 * sigmoid(50/1000) = 51.25 -> 51;
     *   <li>device 2 -> {100, 200, 200}: 0.5 * 500 + 0.5 * 100 = 300 -> 100 * sigmoid(75/1000) = 51.87 -> 51.
     * </ul>
     * The scores tie, so FGD takes the lowest index, device 1, as the paper's simulator does (the
     * smaller F1 would give device 2). Best fit (least free that fits) is device 1 too; worst fit is
     * device 2.
     */
    private static final TargetWorkload WORKLOAD = TargetWorkload.of(List.of(
            new TargetWorkload.Shape(1000, 1, 500, Set.of(), 0.5),
            new TargetWorkload.Shape(1000, 1, 200, Set.of(), 0.5)));

    /** Pods placed by hand name no profile. */
    private static final String MANUAL = "placed-by-hand";

    private static SchedulerProfile profile(String name, List<PluginRef> scores, String gpuPolicy) {
        Plugins p = new Plugins(PluginSet.EMPTY, Map.of(
                ExtensionPoint.QUEUE_SORT, PluginSet.enable(BuiltInPlugins.PRIORITY_SORT),
                ExtensionPoint.FILTER, PluginSet.enable(BuiltInPlugins.NODE_RESOURCES_FIT),
                ExtensionPoint.SCORE, new PluginSet(scores, List.of()),
                ExtensionPoint.BIND, PluginSet.enable(BuiltInPlugins.DEFAULT_BINDER)));
        List<PluginConfig> cfg = List.of();
        if (gpuPolicy != null) {
            p = p.with(ExtensionPoint.RESERVE, PluginSet.enable(BuiltInPlugins.GPU_SELECTION));
            cfg = List.of(new PluginConfig(BuiltInPlugins.GPU_SELECTION, new GpuSelection.Args(gpuPolicy)));
        }
        return new SchedulerProfile(name, p, cfg, 100);
    }

    /** Schedules one 150 share on node g under the profile; the device mask it got. */
    private static long placeShare(SchedulerProfile profile) {
        ClusterState c = new ClusterState(List.of(NodeSpec.of("g", 64000, 65536, 3, "T4")));
        Simulator sim = new Simulator();
        new Scheduler(sim, c, profile, SchedulerConfig.defaults(), new RandomStreams(1), WORKLOAD,
                BuiltInPlugins.registry());
        int[] used = {900, 800, 650};
        for (int d = 0; d < 3; d++) {
            Pod u = c.createPod(PodSpec.builder("u" + d).requests(Resources.of(1000, 1024, 1, used[d]))
                    .schedulerName(MANUAL).build(), 0, 0);
            c.assume(u, 0, 1L << d);
        }
        Pod p = c.createPod(PodSpec.builder("s").requests(Resources.of(1000, 1024, 1, 150))
                .schedulerName(profile.schedulerName()).build(), 0, sim.now());
        sim.run();
        assertEquals(0, p.node(), "placed");
        return p.deviceMask();
    }

    @Test
    void gpuSelectionPolicyDecidesTheDeviceWhateverTheScorePlugin() {
        List<PluginRef> fit = List.of(PluginRef.of(BuiltInPlugins.NODE_RESOURCES_FIT));
        assertEquals(0b010, placeShare(profile("default", fit, null)), "default: best fit");
        assertEquals(0b010, placeShare(profile("bf", fit, "BestFit")));
        assertEquals(0b100, placeShare(profile("wf", fit, "WorstFit")));
        assertEquals(0b010, placeShare(profile("fgdsel", fit, "FGD")), "FGD's tie goes to the lowest index");
        List<PluginRef> fgd = List.of(PluginRef.of(BuiltInPlugins.FGD));
        assertEquals(0b010, placeShare(profile("fgd", fgd, null)), "FGD's own choice");
        assertEquals(0b100, placeShare(profile("fgdwf", fgd, "WorstFit")), "the policy wins over FGD's choice");
    }

    @Test
    void randomGpuSelectionIsUniformOverFittingDevices() {
        ClusterState c = new ClusterState(List.of(NodeSpec.of("g", 64000, 65536, 4, "T4")));
        Simulator sim = new Simulator();
        Scheduler s = new Scheduler(sim, c, profile("rnd", List.of(), "Random"), SchedulerConfig.defaults(),
                new RandomStreams(5), TargetWorkload.EMPTY, BuiltInPlugins.registry());
        int[] used = {700, 0, 300, 500}; // free {300, 1000, 700, 500}: a 400 share fits devices 1, 2, 3
        for (int d = 0; d < 4; d++) {
            if (used[d] > 0) {
                Pod u = c.createPod(PodSpec.builder("u" + d).requests(Resources.of(1000, 1024, 1, used[d]))
                        .schedulerName(MANUAL).build(), 0, 0);
                c.assume(u, 0, 1L << d);
            }
        }
        DeviceSelector sel = (DeviceSelector) s.framework().plugin(BuiltInPlugins.GPU_SELECTION);
        Pod p = c.createPod(PodSpec.builder("s").requests(Resources.of(1000, 1024, 1, 400)).schedulerName(MANUAL)
                .build(), 0, 0);
        int[] hits = new int[4];
        int n = 3000;
        for (int k = 0; k < n; k++) {
            hits[Long.numberOfTrailingZeros(sel.selectDevices(new CycleState(), p, 0))]++;
        }
        assertEquals(0, hits[0], "device 0 has 300 free, too little");
        // Each of 3 devices with probability 1/3: 1000 +/- 120 is 4.6 standard deviations (25.8).
        for (int d = 1; d < 4; d++) {
            assertTrue(Math.abs(hits[d] - n / 3) < 120, "device " + d + ": " + hits[d]);
        }
        // Whole GPUs take the lowest-indexed free devices under every policy.
        Pod whole = c.createPod(PodSpec.builder("w").requests(Resources.of(1000, 1024, 1, 1000)).schedulerName(MANUAL)
                .build(), 0, 0);
        assertEquals(0b0010, sel.selectDevices(new CycleState(), whole, 0));
    }

    /** Ten equal nodes, no score plugin: every node ties. Returns the node each of five pods lands on. */
    private static List<Integer> placements(SchedulerConfig.TieBreak tieBreak, long seed) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(NodeSpec.of("n" + i, 8000, 8192, 0, ""));
        }
        ClusterState c = new ClusterState(nodes);
        Simulator sim = new Simulator();
        new Scheduler(sim, c, profile("tie", List.of(), null), SchedulerConfig.defaults().withTieBreak(tieBreak),
                new RandomStreams(seed), TargetWorkload.EMPTY, BuiltInPlugins.registry());
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            Pod p = c.createPod(PodSpec.builder("p" + k).requests(Resources.of(1000, 1024)).schedulerName("tie")
                    .build(), 0, sim.now());
            sim.run();
            out.add(p.node());
        }
        return out;
    }

    @Test
    void randomOrderTieBreakIsAFixedRandomNodeOrderPerSeed() {
        assertEquals(List.of(0, 0, 0, 0, 0), placements(SchedulerConfig.TieBreak.LOWEST_NAME, 1));
        int[] first = new int[10];
        Set<List<Integer>> randomSpreads = new HashSet<>();
        for (long seed = 1; seed <= 200; seed++) {
            List<Integer> r = placements(SchedulerConfig.TieBreak.RANDOM_ORDER, seed);
            // The same node wins every tie within a run (a fixed order), as the lowest name does...
            assertEquals(5, r.stream().filter(x -> x.equals(r.get(0))).count(), "seed " + seed + ": " + r);
            assertEquals(r, placements(SchedulerConfig.TieBreak.RANDOM_ORDER, seed), "same seed, same order");
            first[r.get(0)]++;
            randomSpreads.add(placements(SchedulerConfig.TieBreak.RANDOM, seed));
        }
        // ...but which node that is varies with the seed, uniformly: 200 seeds over 10 nodes, 20 each (sd 4.2);
        // at most 45 is 5.9 sd.
        for (int n = 0; n < 10; n++) {
            assertTrue(first[n] > 0 && first[n] < 45, "node " + n + " first " + first[n] + " times");
        }
        // kube-scheduler's random tie-break picks anew at every tie.
        assertTrue(randomSpreads.stream().anyMatch(r -> new HashSet<>(r).size() > 1));
    }
}
