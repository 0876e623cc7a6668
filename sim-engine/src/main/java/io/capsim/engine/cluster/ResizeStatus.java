package io.capsim.engine.cluster;

/**
 * Where a pod's in-place resize stands, as the kubelet reports it in Kubernetes 1.35 (the pod
 * conditions {@code PodResizePending} and {@code PodResizeInProgress} and their reasons).
 */
public enum ResizeStatus {
    /** No resize pending or in progress: desired, allocated and actual resources agree. */
    NONE,
    /** {@code PodResizePending}, reason {@code Deferred}: it would fit the node, but not now; retried. */
    DEFERRED,
    /** {@code PodResizePending}, reason {@code Infeasible}: more than the node could ever hold; never retried. */
    INFEASIBLE,
    /** {@code PodResizeInProgress}: admitted (allocated), being actuated. */
    IN_PROGRESS,
    /**
     * {@code PodResizeInProgress} with reason {@code Error}: admitted, but actuation failed (a memory
     * limit below the memory in use); retried on the next pod sync.
     */
    ERROR;

    /** True while pending ({@link #DEFERRED} or {@link #INFEASIBLE}). */
    public boolean pending() {
        return this == DEFERRED || this == INFEASIBLE;
    }
}
