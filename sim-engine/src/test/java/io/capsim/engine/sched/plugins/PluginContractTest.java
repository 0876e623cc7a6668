package io.capsim.engine.sched.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.Taint;
import io.capsim.engine.cluster.TaintEffect;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.ExtensionPoint;
import io.capsim.engine.sched.api.FilterPlugin;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.PluginSet;
import io.capsim.engine.sched.config.Plugins;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.Rejection;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.api.ScorePlugin;
import io.capsim.engine.cluster.TargetWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every built-in filter and score plugin keeps, checked on a varied cluster with
 * varied pods: a filter that rejects explains itself (naming itself and the node) and gives the
 * same answer twice; scores lie in [0, 100] after normalisation and are pure (same state, same
 * score), except RandomScore, whose scores only need to lie in range (FgdPaperRandom's score is
 * pure within a cycle: its draw happens at PreScore).
 */
class PluginContractTest {

    private static List<NodeSpec> nodes() {
        List<NodeSpec> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int gpus = new int[] {0, 1, 2, 4, 8}[i % 5];
            NodeSpec n = NodeSpec.of("n" + i, 4000L + 4000 * (i % 4), 8192L * (1 + i % 3), gpus, gpus > 0 ? (i % 2 == 0 ? "T4" : "V100") : "")
                    .withLabels(Map.of("zone", i % 2 == 0 ? "a" : "b"));
            if (i % 4 == 3) {
                n = n.withTaints(List.of(new Taint("spot", "", i % 8 == 3 ? TaintEffect.NO_SCHEDULE : TaintEffect.PREFER_NO_SCHEDULE)));
            }
            out.add(n);
        }
        return out;
    }

    private static List<PodSpec> pods(SplittableRandom r, int n) {
        List<PodSpec> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int gpus = new int[] {0, 1, 1, 2, 4, 8}[r.nextInt(6)];
            int milli = gpus == 1 && r.nextBoolean() ? 100 * (1 + r.nextInt(9)) : gpus == 0 ? 0 : 1000;
            PodSpec.Builder b = PodSpec.builder("p" + k).requests(Resources.of(500L * (1 + r.nextInt(12)), 512L * (1 + r.nextInt(20)), gpus, milli));
            if (r.nextInt(4) == 0) {
                b.nodeSelector(Map.of("zone", "a"));
            }
            if (r.nextInt(5) == 0) {
                b.gpuModels(Set.of("T4"));
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void builtInFiltersAndScoresKeepTheContract() {
        List<String> scoreNames = List.of(BuiltInPlugins.NODE_RESOURCES_FIT, BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION,
                BuiltInPlugins.NODE_AFFINITY, BuiltInPlugins.TAINT_TOLERATION, BuiltInPlugins.GPU_SHARE_PACKING, BuiltInPlugins.FGD,
                BuiltInPlugins.RANDOM_SCORE, BuiltInPlugins.FGD_PAPER_BEST_FIT, BuiltInPlugins.FGD_PAPER_GPU_PACKING,
                BuiltInPlugins.FGD_PAPER_GPU_CLUSTERING, BuiltInPlugins.FGD_PAPER_DOT_PRODUCT,
                BuiltInPlugins.FGD_PAPER_RANDOM);
        List<PluginRef> refs = scoreNames.stream().map(PluginRef::of).toList();
        SchedulerProfile p = new SchedulerProfile("all", BuiltInProfiles.kubernetesDefaults().overlay(new Plugins(PluginSet.EMPTY,
                Map.of(ExtensionPoint.SCORE, new PluginSet(refs, List.of())))), List.of(), 100);
        SplittableRandom r = new SplittableRandom(5);
        List<PodSpec> mix = pods(r, 40);
        PluginKit k = new PluginKit(nodes(), p, TargetWorkload.fromPods(mix, 1.0, true));
        // Fill part of the cluster with pods placed where they fit.
        for (PodSpec s : pods(r, 30)) {
            Pod pi = k.pod(s);
            for (int n = 0; n < k.cluster.size(); n++) {
                if (k.cluster.fits(pi, n) && k.cluster.defaultDevices(n, s.requests()) != -1
                        && (s.requests().gpus() == 0 || k.cluster.gpuCount(n) > 0)) {
                    k.cluster.assume(pi, n, k.cluster.defaultDevices(n, s.requests()));
                    break;
                }
            }
        }
        int rejections = 0;
        for (PodSpec s : mix) {
            Pod pod = k.pod(s);
            for (String name : k.scheduler.framework().enabled(ExtensionPoint.FILTER)) {
                FilterPlugin f = (FilterPlugin) k.scheduler.framework().plugin(name);
                for (int n = 0; n < k.cluster.size(); n++) {
                    Code c = f.filter(k.state, pod, n);
                    assertEquals(c, f.filter(k.state, pod, n), name);
                    if (c != Code.SUCCESS) {
                        rejections++;
                        Rejection why = f.explain(k.state, pod, n);
                        assertNotNull(why, name);
                        assertEquals(name, why.plugin());
                        assertEquals(k.cluster.node(n).name(), why.node());
                        assertTrue(!why.reason().isEmpty());
                    }
                }
            }
            int[] all = new int[k.cluster.size()];
            for (int n = 0; n < all.length; n++) {
                all[n] = n;
            }
            for (String name : scoreNames) {
                ScorePlugin sp = (ScorePlugin) k.scheduler.framework().plugin(name);
                long[] scores = new long[all.length];
                for (int n = 0; n < all.length; n++) {
                    if (k.scheduler.handle().runFilters(k.state, pod, n) != Code.SUCCESS) {
                        continue;
                    }
                    scores[n] = sp.score(k.state, pod, n);
                    if (!name.equals(BuiltInPlugins.RANDOM_SCORE)) {
                        assertEquals(scores[n], sp.score(k.state, pod, n), name + " is not pure");
                    }
                }
                sp.normalize(k.state, pod, all, scores, all.length);
                for (long v : scores) {
                    assertTrue(v >= 0 && v <= ScorePlugin.MAX_SCORE, name + " scored " + v);
                }
            }
        }
        assertTrue(rejections > 50, "the fixture should make filters reject: " + rejections);
    }
}
