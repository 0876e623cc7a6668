package io.capsim.engine.cluster;

/** Why a pod ended. */
public enum PodEndReason {
    /** It ran for its duration and exited successfully. */
    SUCCEEDED,
    /** The scheduler's preemption deleted it to make room for a higher-priority pod. */
    PREEMPTED,
    /** Evicted from its node (node removal or drain). */
    EVICTED,
    /** Deleted by its controller (scale-down, job teardown) or withdrawn while pending. */
    DELETED
}
