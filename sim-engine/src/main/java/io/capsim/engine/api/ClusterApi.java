package io.capsim.engine.api;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.ResizeStatus;
import io.capsim.engine.cluster.Resources;

/**
 * The one way controllers, the kubelet and workload sources act on the cluster (the API server of
 * the simulation): create and delete pods, report a pod ready or finished, add nodes. Each call
 * takes effect at the current simulated time and tells the cluster's listeners (the scheduler
 * queues new pods; controllers and the serving model react to pods that start, become ready or
 * end). The cluster autoscaler adds and removes nodes. Reads go through {@link #cluster()}.
 */
public interface ClusterApi {

    /** The current simulated time, ticks. */
    long now();

    /** The cluster, read-only. */
    ClusterView cluster();

    /**
     * Creates a pod now; the scheduler will place it.
     *
     * @param tag a number the creator can read back from {@link Pod#tag()}
     */
    Pod createPod(PodSpec spec, long tag);

    /**
     * Deletes a live pod now (scale-down, job teardown, eviction): it leaves its node at once
     * (capsim does not model a termination grace period).
     *
     * @param reason {@link PodEndReason#DELETED} or {@link PodEndReason#EVICTED}
     */
    void deletePod(Pod pod, PodEndReason reason);

    /** The kubelet reports a running pod ready. */
    void markReady(Pod pod);

    /** The kubelet reports that a running pod's container exited successfully. */
    void completePod(Pod pod);

    /**
     * Asks for an in-place resize of a running pod (the {@code resize} subresource): its desired
     * CPU and memory requests and limits become {@code requests} and {@code limits}, if valid. The
     * kubelet then admits it (allocated), defers it or finds it infeasible, and actuates it.
     *
     * @param requests the new requests; GPUs and extended resources must equal the pod's
     * @param limits the new limits; likewise
     * @return {@link ResizeAnswer#ACCEPTED}, or why the API server refuses it (nothing changes)
     */
    ResizeAnswer resizePod(Pod pod, Resources requests, Resources limits);

    /** The kubelet reports a pod's resize status. */
    void setResizeStatus(Pod pod, ResizeStatus status);

    /** The kubelet admits a pod's desired resources (allocated = desired). */
    void allocateResize(Pod pod);

    /** The kubelet reports a pod's allocated resources actuated (actual = allocated). */
    void actuateResize(Pod pod);

    /** The kubelet restarts a ready pod's container (a resize with {@code RestartContainer}): it is unready until marked ready. */
    void restartContainer(Pod pod);

    /** Adds a node now (or brings back the removed node of that name); returns its index. */
    int addNode(NodeSpec node);

    /**
     * Removes an empty node now (the cluster autoscaler's scale-down, after draining it).
     *
     * @throws IllegalStateException if pods are still on it or it is removed already
     */
    void removeNode(int node);
}
