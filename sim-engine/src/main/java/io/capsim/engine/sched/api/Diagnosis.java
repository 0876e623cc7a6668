package io.capsim.engine.sched.api;

/**
 * Why a pod found no node in a cycle: per node, the outcome and the first filter that rejected it
 * (Kubernetes' {@code Diagnosis} / {@code NodeToStatusMap}). Valid only during the cycle's
 * PostFilter call; explanations are computed on demand.
 */
public interface Diagnosis {

    /** The PreFilter failure that stopped the cycle before filtering, or null. */
    Status preFilterStatus();

    /** Number of nodes. */
    int nodeCount();

    /** Outcome for node {@code i}: a failure code, or SUCCESS if not reached. */
    Code code(int i);

    /** True if every node rejected the pod as unresolvable (preemption cannot help). */
    boolean allUnresolvable();

    /** The rejection of node {@code i}, or null if it was not rejected by a filter. */
    Rejection explain(int i);

    /**
     * A Kubernetes-style summary, for example {@code 0/3 nodes are available: 2 Insufficient
     * nvidia.com/gpu, 1 node(s) didn't match Pod's node affinity/selector.} followed by one
     * detailed rejection.
     */
    String summary();
}
