package io.capsim.engine.sched.config;

import io.capsim.engine.kernel.SimTime;

/**
 * Scheduler-wide settings: the top level of KubeSchedulerConfiguration, plus the simulated cost of
 * scheduling and the tie-break.
 *
 * @param cycleCostTicks simulated time one scheduling cycle takes, ticks, at least 0; the next
 *     cycle starts no earlier, so this bounds the scheduler's throughput
 * @param bindCostTicks simulated time from the end of a cycle to a completed bind, ticks, at least 0
 * @param podInitialBackoffTicks first backoff of an unschedulable pod, ticks, at least 0
 *     ({@code podInitialBackoffSeconds}, default 1 s)
 * @param podMaxBackoffTicks longest backoff, ticks, at least the initial backoff
 *     ({@code podMaxBackoffSeconds}, default 10 s)
 * @param maxUnschedulableTicks time after which an unschedulable pod is retried even without a
 *     cluster event, ticks, at least 1; {@link Long#MAX_VALUE} never retries without an event
 *     (kube-scheduler's {@code podMaxInUnschedulablePodsDuration}, 5 min)
 * @param percentageOfNodesToScore the top-level {@code percentageOfNodesToScore}, in [0, 100]: 0
 *     is kube-scheduler's adaptive default; a profile's own value overrides it
 * @param tieBreak how the node is chosen among nodes with the same best total score
 */
public record SchedulerConfig(
        long cycleCostTicks,
        long bindCostTicks,
        long podInitialBackoffTicks,
        long podMaxBackoffTicks,
        long maxUnschedulableTicks,
        int percentageOfNodesToScore,
        TieBreak tieBreak) {

    /** Choice among equally scored nodes. */
    public enum TieBreak {
        /** Uniformly at random (kube-scheduler's {@code selectHost}, reservoir sampling). */
        RANDOM,
        /**
         * The node whose name sorts first, as the FGD paper's simulator (hkust-adsl
         * kubernetes-scheduler-simulator) patches {@code selectHost} "for reproducibility".
         */
        LOWEST_NAME,
        /**
         * The node first in a random order of all nodes, fixed for the run (drawn from the stream
         * {@code sched/select-host}; nodes added later get their place at random too): the FGD
         * paper's simulator gives every node a random name prefix per seed ({@code "%04d-"} of a
         * random permutation, {@code syncClusterResourceList}) before its lowest-name tie-break.
         */
        RANDOM_ORDER
    }

    public SchedulerConfig {
        if (cycleCostTicks < 0 || bindCostTicks < 0) {
            throw new IllegalArgumentException("cycle and bind costs must be >= 0");
        }
        if (podInitialBackoffTicks < 0 || podMaxBackoffTicks < podInitialBackoffTicks) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial (" + podInitialBackoffTicks
                    + ") <= max (" + podMaxBackoffTicks + ")");
        }
        if (maxUnschedulableTicks < 1) {
            throw new IllegalArgumentException("maxUnschedulableTicks " + maxUnschedulableTicks + " < 1");
        }
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("percentageOfNodesToScore " + percentageOfNodesToScore + " is not in [0, 100]");
        }
        java.util.Objects.requireNonNull(tieBreak, "tieBreak");
    }

    /**
     * kube-scheduler's defaults (backoff 1 s to 10 s, unschedulable pods retried after 5 min,
     * adaptive percentage of nodes to score), a cycle cost of 1 ms, no bind cost, random tie-break.
     */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(SimTime.MILLISECOND, 0, SimTime.SECOND, 10 * SimTime.SECOND,
                300 * SimTime.SECOND, 0, TieBreak.RANDOM);
    }

    /** The same with another tie-break. */
    public SchedulerConfig withTieBreak(TieBreak t) {
        return new SchedulerConfig(cycleCostTicks, bindCostTicks, podInitialBackoffTicks, podMaxBackoffTicks,
                maxUnschedulableTicks, percentageOfNodesToScore, t);
    }

    /** The same with another cycle cost. */
    public SchedulerConfig withCycleCost(long ticks) {
        return new SchedulerConfig(ticks, bindCostTicks, podInitialBackoffTicks, podMaxBackoffTicks,
                maxUnschedulableTicks, percentageOfNodesToScore, tieBreak);
    }

    /** The same with another retry-without-event time. */
    public SchedulerConfig withMaxUnschedulable(long ticks) {
        return new SchedulerConfig(cycleCostTicks, bindCostTicks, podInitialBackoffTicks, podMaxBackoffTicks,
                ticks, percentageOfNodesToScore, tieBreak);
    }

    /** The same with another global percentage of nodes to score. */
    public SchedulerConfig withPercentageOfNodesToScore(int percent) {
        return new SchedulerConfig(cycleCostTicks, bindCostTicks, podInitialBackoffTicks, podMaxBackoffTicks,
                maxUnschedulableTicks, percent, tieBreak);
    }

    /** Backoff after {@code attempts} failed attempts: initial * 2^(attempts-1), capped at max. */
    public long backoff(long attempts) {
        long b = podInitialBackoffTicks;
        for (long k = 1; k < attempts && b < podMaxBackoffTicks; k++) {
            b = b > podMaxBackoffTicks / 2 ? podMaxBackoffTicks : b * 2;
        }
        return Math.min(b, podMaxBackoffTicks);
    }
}
