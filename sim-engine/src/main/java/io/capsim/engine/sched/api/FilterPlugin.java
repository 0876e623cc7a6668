package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/**
 * Decides whether a pod can run on a node. Called for each node in each cycle, so it returns an
 * enum constant and allocates nothing; {@link #explain} is called only to report why.
 */
public interface FilterPlugin extends Plugin {

    /**
     * @return {@link Code#SUCCESS}, {@link Code#UNSCHEDULABLE} (may fit once other pods leave) or
     *     {@link Code#UNSCHEDULABLE_AND_UNRESOLVABLE} (never fits on this node)
     */
    Code filter(CycleState state, Pod pod, int node);

    /** Why {@link #filter} rejects the node (it must have returned a failure for the same state). */
    Rejection explain(CycleState state, Pod pod, int node);
}
