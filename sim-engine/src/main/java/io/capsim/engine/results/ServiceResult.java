package io.capsim.engine.results;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What one service did in the measured window. Counts are of requests that arrived in the window:
 * {@code arrived == completed + rejected + unfinished}.
 *
 * @param name service name
 * @param replicasRequested replicas the scenario asked for
 * @param replicasPlaced replicas that found room on a node
 * @param concurrency slots per replica
 * @param arrived requests that arrived in the window
 * @param completed of those, finished before the end
 * @param rejected of those, refused (queue full, or no replica placed)
 * @param unfinished of those, still waiting or in service at the end
 * @param responseMicros response time (wait + service) of the completed requests, microseconds
 * @param waitMicros waiting time before service of the requests that started, microseconds
 * @param meanResponseMs exact mean response time, ms (NaN if none completed)
 * @param meanWaitMs exact mean waiting time, ms (NaN if none started)
 * @param slotUtilization time-average fraction of placed slots busy
 * @param meanQueueLength time-average number of requests waiting
 * @param meanInService time-average number of requests in service
 */
public record ServiceResult(
        String name,
        int replicasRequested,
        int replicasPlaced,
        int concurrency,
        long arrived,
        long completed,
        long rejected,
        long unfinished,
        Histogram responseMicros,
        Histogram waitMicros,
        double meanResponseMs,
        double meanWaitMs,
        double slotUtilization,
        double meanQueueLength,
        double meanInService) {

    public ServiceResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(responseMicros, "responseMicros");
        Objects.requireNonNull(waitMicros, "waitMicros");
        if (arrived != completed + rejected + unfinished) {
            throw new IllegalArgumentException("counts do not add up for " + name + ": " + arrived + " != "
                    + completed + " + " + rejected + " + " + unfinished);
        }
    }
}
