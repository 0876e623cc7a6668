package io.capsim.engine.results;

import java.util.Arrays;

/**
 * What in-place resizing and vertical sizing did to one service's pods in the measured window.
 *
 * @param requested resizes asked for (each change of a pod's desired resources the kubelet saw)
 * @param completed resizes actuated (the container runs with the new resources)
 * @param deferred resizes that the kubelet deferred at least once ({@code PodResizePending}, Deferred)
 * @param infeasible resizes found infeasible ({@code PodResizePending}, Infeasible)
 * @param errored resizes whose actuation failed at least once ({@code PodResizeInProgress}, Error)
 * @param refused resizes the API server refused (QoS class change, a non-resizable resource)
 * @param restarts container restarts for a resize ({@code RestartContainer})
 * @param evictions pods evicted by the vertical sizing policy (Recreate, or InPlaceOrRecreate's fallback)
 * @param deferredWaitSeconds how long each deferral lasted, seconds, in the order they ended
 * @param allocatedCoreHours CPU requests allocated to the service's pods, integrated over the window, core-hours
 * @param usedCoreHours CPU the service's replicas used over the window, core-hours
 */
public record ResizeResult(long requested, long completed, long deferred, long infeasible, long errored, long refused,
        long restarts, long evictions, double[] deferredWaitSeconds, double allocatedCoreHours, double usedCoreHours) {

    public ResizeResult {
        deferredWaitSeconds = deferredWaitSeconds.clone();
    }

    /** The {@code p}-th percentile (0..100) of the deferral waits, seconds (nearest rank), or NaN if none. */
    public double deferredWaitPercentile(double p) {
        if (deferredWaitSeconds.length == 0) {
            return Double.NaN;
        }
        double[] s = deferredWaitSeconds.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    @Override
    public double[] deferredWaitSeconds() {
        return deferredWaitSeconds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResizeResult r && requested == r.requested && completed == r.completed
                && deferred == r.deferred && infeasible == r.infeasible && errored == r.errored && refused == r.refused
                && restarts == r.restarts && evictions == r.evictions
                && Arrays.equals(deferredWaitSeconds, r.deferredWaitSeconds)
                && Double.compare(allocatedCoreHours, r.allocatedCoreHours) == 0
                && Double.compare(usedCoreHours, r.usedCoreHours) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(requested) * 31 + Arrays.hashCode(deferredWaitSeconds);
    }

    @Override
    public String toString() {
        return "ResizeResult[requested=" + requested + ", completed=" + completed + ", deferred=" + deferred
                + ", infeasible=" + infeasible + ", errored=" + errored + ", refused=" + refused + ", restarts="
                + restarts + ", evictions=" + evictions + ", waits=" + deferredWaitSeconds.length + "]";
    }
}
