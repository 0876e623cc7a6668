package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/** Binds a permitted pod to its node. The first binder that does not return SKIP binds. */
public interface BindPlugin extends Plugin {

    /** {@link Status#SUCCESS}, {@link Status#SKIP} or a failure (the placement is undone). */
    Status bind(Pod pod, int node);
}
