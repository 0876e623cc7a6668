package io.capsim.engine.sched;

import java.util.List;

/** What plugins may ask of the scheduler they serve (Kubernetes' {@code framework.Handle}). */
public interface SchedulerHandle {

    /** The cluster state (read it; change it only through this handle). */
    ClusterState cluster();

    /** Current virtual time, ticks. */
    long now();

    /** Runs every filter plugin of the profile for the pod on a node, as the cycle does. */
    Code runFilters(CycleState state, PodInfo pod, int node);

    /**
     * Evicts a running pod to make room for {@code preemptor}: its resources are freed at once, and
     * it goes back to the queue to restart later, paying its restart cost when it runs again.
     */
    void evict(PodInfo victim, PodInfo preemptor);

    /** Pods holding resources while waiting at Permit, in the order they started waiting. */
    List<PodInfo> waitingPods();

    /** Lets a waiting pod proceed to binding. */
    void allow(PodInfo waiting);

    /** Rejects a waiting pod: its resources are freed and it goes back to the queue. */
    void reject(PodInfo waiting, String plugin, String reason);

    /** Every pod submitted so far, by id. */
    List<PodInfo> pods();
}
