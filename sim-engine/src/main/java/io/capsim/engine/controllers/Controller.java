package io.capsim.engine.controllers;

/**
 * A level-triggered reconciler, one per concern, in the shape of controller-runtime's {@code
 * Reconciler}: it looks at the state it owns, acts through the {@link
 * io.capsim.engine.api.ClusterApi}, and asks to be woken later. A controller never calls another;
 * it reacts to cluster events by enqueueing keys of its own objects ({@link
 * ControllerContext#enqueue}), which the {@link ControllerManager} hands back to {@link
 * #reconcile} as kernel events at the same instant, after the event that caused them.
 */
public interface Controller {

    /** Returned by {@link #reconcile} when the controller does not need to be woken for this key. */
    long NO_REQUEUE = -1;

    /** Registered name, for example {@code replicaset}. */
    String name();

    /** Wires the controller before the run starts: subscribe to cluster events, enqueue initial keys. */
    void start(ControllerContext context);

    /**
     * Brings the object {@code key} toward its desired state.
     *
     * @return ticks after which to reconcile {@code key} again, or {@link #NO_REQUEUE}
     */
    long reconcile(long key);
}
