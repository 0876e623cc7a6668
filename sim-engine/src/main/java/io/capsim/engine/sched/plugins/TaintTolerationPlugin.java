package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.Taint;
import io.capsim.engine.cluster.TaintEffect;
import io.capsim.engine.cluster.Toleration;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.FilterPlugin;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.Rejection;
import io.capsim.engine.sched.api.ScorePlugin;

/**
 * Kubernetes' TaintToleration: a node with a NoSchedule or NoExecute taint the pod does not
 * tolerate is filtered out (unresolvable); nodes are scored by the number of untolerated
 * PreferNoSchedule taints, fewer being better (reverse-normalised).
 */
public final class TaintTolerationPlugin implements FilterPlugin, ScorePlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.TAINT_TOLERATION, c -> new TaintTolerationPlugin(c.handle().cluster()));

    private final ClusterView cluster;
    // Per node (node specs never change once added): KNOWN, then HARD if it has a NoSchedule or
    // NoExecute taint, PREFER if it has a PreferNoSchedule taint; most nodes have neither.
    private byte[] kinds = new byte[0];
    private static final byte KNOWN = 1;
    private static final byte HARD = 2;
    private static final byte PREFER = 4;

    private TaintTolerationPlugin(ClusterView cluster) {
        this.cluster = cluster;
    }

    private int kinds(int node) {
        if (node >= kinds.length) {
            kinds = java.util.Arrays.copyOf(kinds, Math.max(cluster.size(), node + 1));
        }
        byte k = kinds[node];
        if (k == 0) {
            k = KNOWN;
            for (Taint t : cluster.node(node).taints()) {
                k |= t.effect() == TaintEffect.PREFER_NO_SCHEDULE ? PREFER : HARD;
            }
            kinds[node] = k;
        }
        return k;
    }

    @Override
    public String name() {
        return BuiltInPlugins.TAINT_TOLERATION;
    }

    private Taint firstUntolerated(Pod pod, int node) {
        return Toleration.firstUntolerated(cluster.node(node).taints(), pod.spec().tolerations());
    }

    @Override
    public Code filter(CycleState state, Pod pod, int node) {
        if ((kinds(node) & HARD) == 0) {
            return Code.SUCCESS;
        }
        return firstUntolerated(pod, node) == null ? Code.SUCCESS : Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    @Override
    public Rejection explain(CycleState state, Pod pod, int node) {
        Taint t = firstUntolerated(pod, node);
        String what = t == null ? "" : " {" + t.key() + (t.value().isEmpty() ? "" : "=" + t.value()) + "}";
        return Rejection.of(name(), cluster.node(node).name(), "node(s) had untolerated taint" + what);
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        if ((kinds(node) & PREFER) == 0) {
            return 0;
        }
        long c = 0;
        for (Taint t : cluster.node(node).taints()) {
            if (t.effect() == TaintEffect.PREFER_NO_SCHEDULE && !Toleration.anyTolerates(pod.spec().tolerations(), t)) {
                c++;
            }
        }
        return c;
    }

    @Override
    public void normalize(CycleState state, Pod pod, int[] nodes, long[] scores, int count) {
        Normalize.defaultNormalize(scores, count, true);
    }
}
