package io.capsim.engine.sched;

/** Where a pod is in its life. */
public enum PodPhase {
    /** Submitted and waiting in the scheduling queue. */
    PENDING,
    /** Resources assumed on a node; waiting at Permit or for the bind to complete. */
    ASSUMED,
    /** Bound and running. */
    RUNNING,
    /** Ran to completion. */
    SUCCEEDED,
    /** Can never be scheduled on this cluster (reported once, not retried). */
    UNSCHEDULABLE,
    /** Deleted before it was bound. */
    DELETED
}
