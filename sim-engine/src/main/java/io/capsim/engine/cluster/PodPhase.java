package io.capsim.engine.cluster;

/**
 * Where a pod is in its life. Kubernetes reports ASSUMED pods as Pending (the scheduler has
 * reserved room but not yet bound them) and SUCCEEDED and DELETED pods disappear; capsim keeps the
 * distinction for its metrics.
 */
public enum PodPhase {
    /** Created, waiting for the scheduler. */
    PENDING,
    /** Resources reserved on a node by the scheduler; waiting at Permit or for the bind to complete. */
    ASSUMED,
    /** Bound to its node and started by the kubelet; serves once {@link Pod#ready()}. */
    RUNNING,
    /** Its container exited successfully (terminal). */
    SUCCEEDED,
    /** Deleted before it finished: see {@link Pod#endReason()} (terminal). */
    DELETED;

    /** True for SUCCEEDED and DELETED. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == DELETED;
    }
}
