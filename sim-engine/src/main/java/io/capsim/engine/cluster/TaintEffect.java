package io.capsim.engine.cluster;

/** What a taint does to pods that do not tolerate it, as in Kubernetes. */
public enum TaintEffect {
    /** New pods are not scheduled on the node. */
    NO_SCHEDULE,
    /** The scheduler avoids the node (a scoring penalty), but may still use it. */
    PREFER_NO_SCHEDULE,
    /** New pods are not scheduled, and running ones are evicted (scheduling treats it as NoSchedule). */
    NO_EXECUTE
}
