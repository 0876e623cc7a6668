package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.FilterPlugin;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.Rejection;
import io.capsim.engine.sched.api.ScorePlugin;
import java.util.Map;

/**
 * Kubernetes' NodeAffinity (registered as {@code NodeAffinity}): filters on the pod's {@code
 * nodeSelector} and required node affinity (unresolvable: labels do not change), scores the sum of
 * matching preferred terms' weights, normalised so the best node gets 100.
 */
public final class NodeAffinityPlugin implements FilterPlugin, ScorePlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.NODE_AFFINITY, c -> new NodeAffinityPlugin(c.handle().cluster()));

    private final ClusterView cluster;

    private NodeAffinityPlugin(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return BuiltInPlugins.NODE_AFFINITY;
    }

    static boolean selectorMatches(PodSpec pod, NodeSpec node) {
        Map<String, String> labels = node.labels();
        for (Map.Entry<String, String> e : pod.nodeSelector().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return pod.nodeAffinity().requiredMatches(labels);
    }

    @Override
    public Code filter(CycleState state, Pod pod, int node) {
        PodSpec p = pod.spec();
        if (p.nodeSelector().isEmpty() && p.nodeAffinity().required().isEmpty()) {
            return Code.SUCCESS;
        }
        return selectorMatches(p, cluster.node(node)) ? Code.SUCCESS : Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    @Override
    public Rejection explain(CycleState state, Pod pod, int node) {
        return Rejection.of(name(), cluster.node(node).name(), "node(s) didn't match Pod's node affinity/selector");
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        if (pod.spec().nodeAffinity().preferred().isEmpty()) {
            return 0;
        }
        return pod.spec().nodeAffinity().preferredWeight(cluster.node(node).labels());
    }

    @Override
    public void normalize(CycleState state, Pod pod, int[] nodes, long[] scores, int count) {
        Normalize.defaultNormalize(scores, count, false);
    }
}
