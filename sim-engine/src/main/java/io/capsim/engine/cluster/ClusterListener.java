package io.capsim.engine.cluster;

/**
 * Told of changes to the cluster, synchronously and in registration order, at the simulated time
 * they happen. A listener must not change the cluster from these calls except as its own contract
 * says; controllers schedule their reconciliation for later instead.
 */
public interface ClusterListener {

    /** A pod was created (it is PENDING). */
    default void podCreated(Pod pod) {}

    /** A pod's node allocation changed (assumed, forgotten, bound or ended on node {@code node}). */
    default void allocationChanged(int node) {}

    /** A pod was bound to its node and started (it is RUNNING, not yet ready). */
    default void podBound(Pod pod) {}

    /** A running pod became ready. */
    default void podReady(Pod pod) {}

    /**
     * A pod ended ({@link Pod#endReason()} says why); its node allocation is already released. The
     * pod is forgotten by the cluster after this call.
     */
    default void podEnded(Pod pod) {}

    /**
     * A pod's desired or allocated resources or its resize status changed (an in-place resize was
     * asked for, admitted, deferred, found infeasible); its node's allocation may have changed too.
     */
    default void podResourcesChanged(Pod pod) {}

    /** A pod's actual resources changed: an in-place resize was actuated (its container runs with them now). */
    default void podResized(Pod pod) {}

    /** A ready pod's container restarts (a resize with {@code RestartContainer}): not ready until it is again. */
    default void podUnready(Pod pod) {}

    /** A node joined (index {@code node}), or a removed node came back at its index. */
    default void nodeAdded(int node) {}

    /** An empty node left the cluster (index {@code node}; {@link ClusterView#nodeRemoved} is now true). */
    default void nodeRemoved(int node) {}
}
