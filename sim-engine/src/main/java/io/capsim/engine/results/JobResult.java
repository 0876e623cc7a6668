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
        double partialGangSeconds) {

    public JobResult {
        Objects.requireNonNull(name, "name");
        if (submitted != completed + failed + running + waiting) {
            throw new IllegalArgumentException("job counts do not add up for " + name);
        }
    }
}
