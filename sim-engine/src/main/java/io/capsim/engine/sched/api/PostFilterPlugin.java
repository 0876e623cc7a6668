package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/** Runs when no node passes the filters; DefaultPreemption makes room here. */
public interface PostFilterPlugin extends Plugin {

    /**
     * @param diagnosis why each node was rejected
     * @return {@link Status#SUCCESS} if the plugin made the pod schedulable (the pod is retried at
     *     once); otherwise a failure
     */
    Status postFilter(CycleState state, Pod pod, Diagnosis diagnosis);
}
