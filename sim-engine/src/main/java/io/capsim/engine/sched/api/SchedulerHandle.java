package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import java.util.List;

/**
 * What a plugin can see of and ask from the scheduler that runs it (Kubernetes' {@code
 * framework.Handle}). The one way plugins reach the scheduler: no plugin needs to know the
 * scheduler's class.
 */
public interface SchedulerHandle {

    /** The cluster, read-only. */
    ClusterView cluster();

    /** The current simulated time, ticks. */
    long now();

    /** Runs the profile's filters for {@code pod} on {@code node}; the first failure's code, or SUCCESS. */
    Code runFilters(CycleState state, Pod pod, int node);

    /**
     * Takes a placed pod off its node for a what-if (preemption's victim selection) without
     * deleting it; {@link #reattach} must put it back before the plugin returns.
     *
     * @return the pod's GPU device mask, for {@link #reattach}
     */
    long detach(Pod pod);

    /** Puts back a pod taken off by {@link #detach}. */
    void reattach(Pod pod, int node, long deviceMask);

    /**
     * Deletes a running lower-priority pod to make room for {@code preemptor} (its end reason is
     * PREEMPTED; its owner's controller decides what follows).
     */
    void preempt(Pod victim, Pod preemptor);

    /** Pods waiting at Permit, in the order they started waiting; read-only. */
    List<Pod> waitingPods();

    /** Lets a pod waiting at Permit go on to bind. */
    void allow(Pod waiting);

    /** Rejects an assumed pod (waiting at Permit or in its Permit call): its placement is undone. */
    void reject(Pod waiting, String plugin, String reason);

    /** Counts one preemption (called once per preemptor that evicted victims). */
    void recordPreemption();

    /** Counts one rejection of a gang's waiting members. */
    void recordGangRejection();
}
