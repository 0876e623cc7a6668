package io.capsim.engine.sched;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.Diagnosis;
import io.capsim.engine.sched.api.Rejection;
import io.capsim.engine.sched.api.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a pod found no node in a cycle: per node, the outcome and the first filter that rejected it
 * (Kubernetes' {@code Diagnosis} / {@code NodeToStatusMap}). Valid only during the cycle's
 * PostFilter call and until the next cycle; explanations are computed on demand.
 */
final class FrameworkDiagnosis implements Diagnosis {

    private final Framework framework;
    private final ClusterView cluster;
    private final Code[] codes;
    private final int[] failedPlugin;
    private CycleState state;
    private Pod pod;
    private Status preFilterStatus;

    FrameworkDiagnosis(Framework framework, ClusterView cluster, Code[] codes, int[] failedPlugin) {
        this.framework = framework;
        this.cluster = cluster;
        this.codes = codes;
        this.failedPlugin = failedPlugin;
    }

    void reset(CycleState state, Pod pod, Status preFilterStatus) {
        this.state = state;
        this.pod = pod;
        this.preFilterStatus = preFilterStatus;
    }

    /** The PreFilter failure that stopped the cycle before filtering, or null. */
    @Override
    public Status preFilterStatus() {
        return preFilterStatus;
    }

    /** Number of nodes. */
    @Override
    public int nodeCount() {
        return cluster.size();
    }

    /** Outcome for node {@code i}: a failure code, or SUCCESS if not reached. */
    @Override
    public Code code(int i) {
        return codes[i];
    }

    /** True if every node rejected the pod as unresolvable (preemption cannot help). */
    @Override
    public boolean allUnresolvable() {
        if (preFilterStatus != null) {
            return preFilterStatus.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
        }
        for (int i = 0; i < cluster.size(); i++) {
            if (codes[i] != Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
                return false;
            }
        }
        return cluster.size() > 0;
    }

    /** The rejection of node {@code i}, or null if it was not rejected by a filter. */
    @Override
    public Rejection explain(int i) {
        if (codes[i] == Code.SUCCESS || failedPlugin[i] < 0) {
            return null;
        }
        return framework.filters[failedPlugin[i]].explain(state, pod, i);
    }

    /**
     * A Kubernetes-style summary, for example {@code 0/3 nodes are available: 2 Insufficient
     * nvidia.com/gpu, 1 node(s) didn't match Pod's node affinity/selector.} followed by one
     * detailed rejection.
     */
    @Override
    public String summary() {
        if (preFilterStatus != null) {
            return preFilterStatus.plugin() + ": " + preFilterStatus.message();
        }
        int n = cluster.size();
        if (cluster.liveNodeCount() == 0) { // none, or every one removed (a cluster autoscaler's scale-down)
            return "0/0 nodes are available: the cluster has no nodes";
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<Rejection> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Rejection r = explain(i);
            if (r != null) {
                if (counts.merge(r.reason(), 1, Integer::sum) == 1) {
                    examples.add(r);
                }
            }
        }
        // removed nodes (a cluster autoscaler's) explain nothing: count the live ones, as kube-scheduler does
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "0/%d nodes are available:", cluster.liveNodeCount()));
        String sep = " ";
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            sb.append(sep).append(e.getValue()).append(' ').append(e.getKey());
            sep = ", ";
        }
        sb.append('.');
        if (!examples.isEmpty()) {
            sb.append(" For example: ").append(examples.get(0));
        }
        return sb.toString();
    }

    /**
     * The plugin to blame for the failure, as kube-scheduler's unschedulable-pods metric names it:
     * the PreFilter (or other point) plugin that failed, else the filter that rejected the most
     * nodes (first in filter order on ties).
     */
    String blamedPlugin() {
        if (preFilterStatus != null) {
            return preFilterStatus.plugin().isEmpty() ? "unknown" : preFilterStatus.plugin();
        }
        int n = cluster.size();
        int[] counts = new int[framework.filters.length];
        for (int i = 0; i < n; i++) {
            if (codes[i] != Code.SUCCESS && failedPlugin[i] >= 0) {
                counts[failedPlugin[i]]++;
            }
        }
        int best = -1;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] > 0 && (best < 0 || counts[j] > counts[best])) {
                best = j;
            }
        }
        return best < 0 ? "none" : framework.filters[best].name();
    }
}
