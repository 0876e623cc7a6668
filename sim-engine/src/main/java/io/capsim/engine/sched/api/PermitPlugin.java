package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/** Allows, rejects or holds an assumed pod before it is bound (gangs wait here). */
public interface PermitPlugin extends Plugin {

    /**
     * @return {@link Status#SUCCESS}, a failure (the placement is undone) or {@link
     *     Status#waitFor} (the pod holds its resources until {@link SchedulerHandle#allow} or
     *     {@link SchedulerHandle#reject}, or the wait times out, which rejects it)
     */
    Status permit(CycleState state, Pod pod, int node);
}
