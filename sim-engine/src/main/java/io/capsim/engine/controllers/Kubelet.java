package io.capsim.engine.controllers;

import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodPhase;

/**
 * The kubelets of all nodes, as one controller: a bound pod becomes ready after its startup time
 * ({@code PodSpec.startupTicks}: image pull and start-up) and, if it has a duration, exits
 * successfully that long after it started. Keyed by {@link Pod#ref()}.
 */
public final class Kubelet implements Controller, ClusterListener {

    /** Registered name. */
    public static final String NAME = "kubelet";

    private ControllerContext ctx;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(ControllerContext context) {
        this.ctx = context;
        context.watch(this);
    }

    @Override
    public void podBound(Pod pod) {
        ctx.enqueueAfter(pod.ref(), pod.spec().startupTicks());
    }

    @Override
    public long reconcile(long ref) {
        Pod pod = ctx.cluster().pod(ref);
        if (pod == null || pod.phase() != PodPhase.RUNNING) {
            return NO_REQUEUE;
        }
        long now = ctx.now();
        long readyAt = pod.boundAt() + pod.spec().startupTicks();
        if (!pod.ready()) {
            if (now < readyAt) {
                return readyAt - now;
            }
            ctx.api().markReady(pod);
            if (pod.phase() != PodPhase.RUNNING) {
                return NO_REQUEUE; // a listener deleted it
            }
        }
        long duration = pod.spec().durationTicks();
        if (duration < 0) {
            return NO_REQUEUE;
        }
        long end = readyAt + duration;
        if (now < end) {
            return end - now;
        }
        ctx.api().completePod(pod);
        return NO_REQUEUE;
    }
}
