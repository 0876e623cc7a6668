package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/** Told when a pod is assumed on a node, and when that is undone. */
public interface ReservePlugin extends Plugin {

    /** Reserves; a failure undoes the placement. */
    Status reserve(CycleState state, Pod pod, int node);

    /** Undoes {@link #reserve}; must be idempotent. */
    void unreserve(Pod pod, int node);
}
