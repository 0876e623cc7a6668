package io.capsim.engine.sched.api;

/** Outcome codes of extension points, as Kubernetes' {@code framework.Code}. */
public enum Code {
    /** Passed. */
    SUCCESS,
    /** Does not fit now; may fit after pods leave or are preempted. */
    UNSCHEDULABLE,
    /** Cannot fit whatever happens to other pods (preemption does not help). */
    UNSCHEDULABLE_AND_UNRESOLVABLE,
    /** Permit: hold the pod until allowed, rejected or timed out. */
    WAIT,
    /** The plugin does not apply (Bind: let the next binder bind). */
    SKIP,
    /** An internal error. */
    ERROR
}
