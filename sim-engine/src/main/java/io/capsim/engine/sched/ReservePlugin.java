package io.capsim.engine.sched;

/** Told when a pod is assumed on a node, and when that is undone. */
public interface ReservePlugin extends Plugin {

    /** Reserves; a failure undoes the placement. */
    Status reserve(CycleState state, PodInfo pod, int node);

    /** Undoes {@link #reserve}; must be idempotent. */
    void unreserve(PodInfo pod, int node);
}
