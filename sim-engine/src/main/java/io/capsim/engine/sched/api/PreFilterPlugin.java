package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/** Checks a pod once per cycle before the nodes are filtered. */
public interface PreFilterPlugin extends Plugin {

    /** {@link Status#SUCCESS} to go on; anything else makes the pod unschedulable in this cycle. */
    Status preFilter(CycleState state, Pod pod);
}
