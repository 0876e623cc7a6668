package io.capsim.engine.api;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodSpec;

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

    /** Adds a node now (or brings back the removed node of that name); returns its index. */
    int addNode(NodeSpec node);

    /**
     * Removes an empty node now (the cluster autoscaler's scale-down, after draining it).
     *
     * @throws IllegalStateException if pods are still on it or it is removed already
     */
    void removeNode(int node);
}
