package io.capsim.engine.cluster;

/** Whether a pending pod may preempt lower-priority pods (Kubernetes PriorityClass field). */
public enum PreemptionPolicy {
    PREEMPT_LOWER_PRIORITY,
    NEVER
}
