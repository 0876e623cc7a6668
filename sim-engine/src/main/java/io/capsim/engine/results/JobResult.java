package io.capsim.engine.results;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What the instances of one job did. Counts are of instances submitted in the measured window:
 * {@code submitted == completed + failed + running + waiting}.
 *
 * @param name job name
 * @param parallelism pods per instance
 * @param gang whether instances are gang-scheduled
 * @param submitted instances submitted
 * @param completed of those, finished (every pod succeeded)
 * @param failed of those, failed (more pod failures than the backoff limit)
 * @param running of those, started and still running at the end
 * @param waiting of those, not yet started at the end
 * @param queueingDelayMicros time from submission to start (all pods running), microseconds
 * @param meanQueueingDelayMs exact mean of the same, ms (NaN if none started)
 * @param completionMicros time from submission to completion, microseconds
 * @param meanCompletionMs exact mean of the same, ms (NaN if none completed)
 * @param podFailures pods of these instances preempted or evicted
 * @param gangRestarts times a gang was torn down and recreated after a member failed
 * @param partialGangSeconds time gang instances ran with some but fewer than {@code minMember} pods
 *     running, summed over instances (0 when gangs never run partially)
 * @param slowdownMilli per completed instance, completion time ÷ runtime (1 when it never waited or
 *     lost work), in thousandths
 * @param gpuHoursAllocated GPU-hours the instances' pods held, from bind to end (or to the end of
 *     the run)
 * @param gpuHoursUseful GPU-hours of work kept: pods that completed, and work saved by checkpoints
 *     of pods that did not
 * @param gpuHoursLost GPU-hours of work thrown away when a pod or gang failed: the time since its
 *     last completed checkpoint (all of its run without checkpoints)
 */
public record JobResult(
        String name,
        int parallelism,
        boolean gang,
        long submitted,
        long completed,
        long failed,
        long running,
        long waiting,
        Histogram queueingDelayMicros,
        double meanQueueingDelayMs,
        Histogram completionMicros,
        double meanCompletionMs,
        long podFailures,
        long gangRestarts,
        double partialGangSeconds,
        Histogram slowdownMilli,
        double gpuHoursAllocated,
        double gpuHoursUseful,
        double gpuHoursLost) {

    public JobResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slowdownMilli, "slowdownMilli");
        if (submitted != completed + failed + running + waiting) {
            throw new IllegalArgumentException("job counts do not add up for " + name);
        }
    }
}
