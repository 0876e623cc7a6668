package io.capsim.engine.sizing;

import io.capsim.engine.kernel.SimTime;
import java.util.Objects;

/**
 * How a service's pods are sized vertically during a run, in the shape of a VerticalPodAutoscaler
 * (VPA 1.6): a recommender that turns recent CPU use into a target request with lower and upper
 * bounds, and an updater that acts on pods whose request leaves the bounds, as {@code
 * updatePolicy.updateMode} says. New pods start at the current target (the VPA admission
 * controller), except with {@link Mode#OFF}.
 *
 * @param mode what the updater does
 * @param recommender how the target is computed
 * @param targetPercentile percentile of the CPU usage samples in the window giving the target, (0, 100]
 * @param lowerPercentile percentile giving the lower bound, (0, targetPercentile]
 * @param upperPercentile percentile giving the upper bound, [targetPercentile, 100]
 * @param margin safety margin added to each percentile (VPA's 15%: 0.15), at least 0
 * @param windowTicks the usage samples considered, ticks back from now, at least 1
 * @param sampleTicks interval between usage samples of each pod (its mean CPU use over the interval), at least 1
 * @param updateTicks interval between recommendations and updater passes, at least 1
 * @param minCpuMillis least CPU request recommended ({@code minAllowed.cpu}), at least 1
 * @param maxCpuMillis most CPU request recommended ({@code maxAllowed.cpu}), at least minCpuMillis
 * @param actuationTicks time the runtime takes to apply an allocated in-place resize, at least 0
 * @param deferredTimeoutTicks {@link Mode#IN_PLACE_OR_RECREATE}: a resize Deferred longer than this is replaced by an eviction
 * @param inProgressTimeoutTicks {@link Mode#IN_PLACE_OR_RECREATE}: a resize in progress longer than this is replaced by an eviction
 * @param evictionTolerance share of the replicas that may be disrupted (evicted and not yet ready) at once, (0, 1]
 * @param queueThreshold {@link Recommender#QUEUE}: requests waiting per ready replica above which the target grows
 * @param queueStep {@link Recommender#QUEUE}: factor by which the target grows over the current request, above 1
 */
public record VerticalSizing(
        Mode mode,
        Recommender recommender,
        double targetPercentile,
        double lowerPercentile,
        double upperPercentile,
        double margin,
        long windowTicks,
        long sampleTicks,
        long updateTicks,
        long minCpuMillis,
        long maxCpuMillis,
        long actuationTicks,
        long deferredTimeoutTicks,
        long inProgressTimeoutTicks,
        double evictionTolerance,
        double queueThreshold,
        double queueStep) {

    /** VPA's {@code updatePolicy.updateMode}. */
    public enum Mode {
        /** Recommend only; the pods keep their requests (static sizing). */
        OFF("Off"),
        /** Evict a pod whose request leaves the bounds; its replacement starts at the target (cold start). */
        RECREATE("Recreate"),
        /**
         * Resize in place; evict instead when the resize is Infeasible, Deferred longer than
         * {@code deferredTimeout} or in progress longer than {@code inProgressTimeout}.
         */
        IN_PLACE_OR_RECREATE("InPlaceOrRecreate"),
        /** Resize in place only; never evict. */
        IN_PLACE("InPlace");

        private final String yaml;

        Mode(String yaml) {
            this.yaml = yaml;
        }

        /** The name a scenario gives, as VPA spells it. */
        public String yamlName() {
            return yaml;
        }

        /** True if the updater resizes in place. */
        public boolean inPlace() {
            return this == IN_PLACE || this == IN_PLACE_OR_RECREATE;
        }
    }

    /** How the target is computed. */
    public enum Recommender {
        /** Percentiles of the pods' CPU usage samples over the window, times 1 + margin (VPA's). */
        PERCENTILE,
        /**
         * Reactive: as {@link #PERCENTILE}, but when more than {@code queueThreshold} requests wait
         * per ready replica the target is the current request times {@code queueStep}.
         */
        QUEUE
    }

    public VerticalSizing {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(recommender, "recommender");
        if (!(targetPercentile > 0 && targetPercentile <= 100) || !(lowerPercentile > 0 && lowerPercentile <= targetPercentile)
                || !(upperPercentile >= targetPercentile && upperPercentile <= 100) || !(margin >= 0)) {
            throw new IllegalArgumentException("invalid percentiles or margin");
        }
        if (windowTicks < 1 || sampleTicks < 1 || updateTicks < 1 || minCpuMillis < 1 || maxCpuMillis < minCpuMillis
                || actuationTicks < 0 || deferredTimeoutTicks < 0 || inProgressTimeoutTicks < 0) {
            throw new IllegalArgumentException("invalid sizing intervals or bounds");
        }
        if (!(evictionTolerance > 0 && evictionTolerance <= 1) || !(queueThreshold >= 0) || !(queueStep > 1)) {
            throw new IllegalArgumentException("invalid eviction tolerance or queue settings");
        }
    }

    /**
     * VPA's defaults with the given mode: target at the 90th percentile, bounds at the 50th and
     * 95th, a 15% margin, a 10-minute window sampled every 15 s, an update every minute, CPU
     * between 10m and 1000 cores, 1 s actuation, 5 min / 1 h fallback timers, half the replicas
     * disruptable; the queue recommender's threshold 4 and step 1.5.
     */
    public static VerticalSizing defaults(Mode mode) {
        return new VerticalSizing(mode, Recommender.PERCENTILE, 90, 50, 95, 0.15, 600 * SimTime.SECOND,
                15 * SimTime.SECOND, 60 * SimTime.SECOND, 10, 1_000_000, SimTime.SECOND, 300 * SimTime.SECOND,
                3600 * SimTime.SECOND, 0.5, 4, 1.5);
    }
}
