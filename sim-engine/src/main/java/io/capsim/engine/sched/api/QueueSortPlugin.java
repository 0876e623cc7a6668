package io.capsim.engine.sched.api;

/** Orders the active queue. A profile has exactly one. */
public interface QueueSortPlugin extends Plugin {

    /** True if {@code a} should be scheduled before {@code b}; a strict order. */
    boolean less(QueuedPodInfo a, QueuedPodInfo b);
}
