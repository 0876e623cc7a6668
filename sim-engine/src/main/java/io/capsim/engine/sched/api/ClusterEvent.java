package io.capsim.engine.sched.api;

/** Cluster changes that may make unschedulable pods schedulable (Kubernetes' ClusterEvent). */
public enum ClusterEvent {
    /** A pod left its node (finished, was preempted or was unreserved). */
    POD_DELETED,
    /** A node joined. */
    NODE_ADDED
}
