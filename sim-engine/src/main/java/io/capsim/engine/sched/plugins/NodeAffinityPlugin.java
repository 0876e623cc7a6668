package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodeAffinity;
import io.capsim.engine.cluster.NodeSelectorTerm;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.FilterPlugin;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.Rejection;
import io.capsim.engine.sched.api.ScorePlugin;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' NodeAffinity (registered as {@code NodeAffinity}): filters on the pod's {@code
 * nodeSelector} and required node affinity (unresolvable: labels do not change), scores the sum of
 * matching preferred terms' weights, normalised so the best node gets 100.
 *
 * <p>Label syntax is checked as kube-scheduler parses selectors ({@code labels.NewRequirement}, see
 * {@link LabelSyntax}): a required term holding a requirement with an invalid key or value never
 * matches, though another term still may ({@code nodeaffinity.LazyErrorNodeSelector}); a
 * preferred term with invalid syntax adds nothing. (kube-scheduler fails the whole cycle with an
 * error on such a preferred term; the API server rejects both kinds at pod creation, as capsim's
 * scenario reader does.)
 */
public final class NodeAffinityPlugin implements FilterPlugin, ScorePlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.NODE_AFFINITY, c -> new NodeAffinityPlugin(c.handle().cluster()));

    private final ClusterView cluster;
    // Syntax check of the last pod's terms, so nodes are matched without re-checking strings.
    private PodSpec checked;
    private boolean allValid;
    private boolean[] requiredValid = new boolean[4];
    private boolean[] preferredValid = new boolean[4];

    private NodeAffinityPlugin(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return BuiltInPlugins.NODE_AFFINITY;
    }

    private void check(PodSpec p) {
        if (p == checked) {
            return;
        }
        NodeAffinity a = p.nodeAffinity();
        List<NodeSelectorTerm> req = a.required();
        List<NodeAffinity.Preferred> pref = a.preferred();
        if (requiredValid.length < req.size()) {
            requiredValid = new boolean[req.size()];
        }
        if (preferredValid.length < pref.size()) {
            preferredValid = new boolean[pref.size()];
        }
        boolean all = true;
        for (int i = 0; i < req.size(); i++) {
            requiredValid[i] = LabelSyntax.valid(req.get(i));
            all &= requiredValid[i];
        }
        for (int i = 0; i < pref.size(); i++) {
            preferredValid[i] = LabelSyntax.valid(pref.get(i).term());
            all &= preferredValid[i];
        }
        allValid = all;
        checked = p;
    }

    /**
     * True if the node carries the pod's {@code nodeSelector} labels and matches one of its required
     * terms whose syntax is valid (for plugins that honour node affinity, such as
     * PodTopologySpread's {@code nodeAffinityPolicy}).
     */
    static boolean selectorMatches(PodSpec pod, NodeSpec node) {
        Map<String, String> labels = node.labels();
        for (Map.Entry<String, String> e : pod.nodeSelector().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        List<NodeSelectorTerm> req = pod.nodeAffinity().required();
        if (req.isEmpty()) {
            return true;
        }
        for (int i = 0; i < req.size(); i++) {
            if (LabelSyntax.valid(req.get(i)) && req.get(i).matches(labels)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(PodSpec pod, NodeSpec node) {
        Map<String, String> labels = node.labels();
        for (Map.Entry<String, String> e : pod.nodeSelector().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        List<NodeSelectorTerm> req = pod.nodeAffinity().required();
        if (req.isEmpty()) {
            return true;
        }
        if (allValid) {
            return pod.nodeAffinity().requiredMatches(labels);
        }
        for (int i = 0; i < req.size(); i++) {
            if (requiredValid[i] && req.get(i).matches(labels)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Code filter(CycleState state, Pod pod, int node) {
        PodSpec p = pod.spec();
        if (p.nodeSelector().isEmpty() && p.nodeAffinity().required().isEmpty()) {
            return Code.SUCCESS;
        }
        check(p);
        return matches(p, cluster.node(node)) ? Code.SUCCESS : Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    @Override
    public Rejection explain(CycleState state, Pod pod, int node) {
        return Rejection.of(name(), cluster.node(node).name(), "node(s) didn't match Pod's node affinity/selector");
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        PodSpec p = pod.spec();
        List<NodeAffinity.Preferred> pref = p.nodeAffinity().preferred();
        if (pref.isEmpty()) {
            return 0;
        }
        check(p);
        Map<String, String> labels = cluster.node(node).labels();
        if (allValid) {
            return p.nodeAffinity().preferredWeight(labels);
        }
        long s = 0;
        for (int i = 0; i < pref.size(); i++) {
            if (preferredValid[i] && pref.get(i).term().matches(labels)) {
                s += pref.get(i).weight();
            }
        }
        return s;
    }

    @Override
    public void normalize(CycleState state, Pod pod, int[] nodes, long[] scores, int count) {
        Normalize.defaultNormalize(scores, count, false);
    }
}
