package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/** A pod in the scheduling queue, as QueueSort plugins compare it (Kubernetes' {@code QueuedPodInfo}). */
public interface QueuedPodInfo {

    /** The pod. */
    Pod pod();

    /** Time the pod last entered the active queue, ticks. */
    long timestamp();

    /** Time of the pod's first scheduling attempt, ticks (its creation time until then). */
    long initialAttemptTimestamp();

    /** Scheduling attempts that failed so far. */
    int attempts();
}
