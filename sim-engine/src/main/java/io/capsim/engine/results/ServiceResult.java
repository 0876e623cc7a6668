package io.capsim.engine.results;

import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What one service did in the measured window. Counts are of requests that arrived in the window:
 * {@code arrived == completed + rejected + failed + unfinished}.
 *
 * @param name service name
 * @param engine replica engine name
 * @param routing router name
 * @param replicasDesired replicas the scenario asks for
 * @param replicasReadyMean time-average number of ready replicas
 * @param replicasReadyAtEnd ready replicas at the end
 * @param readyByPool time-average ready replicas per node pool, sorted by pool name
 * @param podsCreated replica pods created (initial replicas and replacements)
 * @param replicasPreempted replicas deleted by scheduler preemption
 * @param replicasEvicted replicas evicted from their node
 * @param concurrency slots per replica
 * @param arrived requests that arrived in the window
 * @param completed of those, finished before the end
 * @param rejected of those, refused (queue full)
 * @param failed of those, lost with their replica (with {@code onReplicaLoss: fail})
 * @param retried times a request was sent again after losing its replica
 * @param unfinished of those, still waiting or in service at the end
 * @param responseMicros response time (wait + service) of the completed requests, microseconds
 * @param waitMicros waiting time before service of the requests that started, microseconds
 * @param meanResponseMs exact mean response time, ms (NaN if none completed)
 * @param meanWaitMs exact mean waiting time, ms (NaN if none started)
 * @param slotUtilization time-average requests in service over time-average slots of ready replicas
 * @param meanQueueLength time-average number of requests waiting
 * @param meanInService time-average number of requests in service
 * @param cpuUsedMillis time-average CPU the ready replicas used, millicores
 * @param memoryUsedMiB time-average memory the ready replicas used, MiB
 * @param gpuUsed time-average GPUs busy
 * @param autoscaling what the service's HorizontalPodAutoscaler did, or null without one
 * @param llm LLM measurements ({@code continuous-batching} engine), or null for other engines
 * @param resize what in-place resizing and vertical sizing did, or null for a service without {@code sizing}
 * @param client what the clients did (timeouts, retries, abandoned), or null without a client spec;
 *     its abandoned requests are among {@code arrived} beside completed, rejected, failed and unfinished
 */
public record ServiceResult(
        String name,
        String engine,
        String routing,
        int replicasDesired,
        double replicasReadyMean,
        int replicasReadyAtEnd,
        Map<String, Double> readyByPool,
        long podsCreated,
        long replicasPreempted,
        long replicasEvicted,
        int concurrency,
        long arrived,
        long completed,
        long rejected,
        long failed,
        long retried,
        long unfinished,
        Histogram responseMicros,
        Histogram waitMicros,
        double meanResponseMs,
        double meanWaitMs,
        double slotUtilization,
        double meanQueueLength,
        double meanInService,
        double cpuUsedMillis,
        double memoryUsedMiB,
        double gpuUsed,
        AutoscalingResult autoscaling,
        LlmResult llm,
        ResizeResult resize,
        ClientResult client) {

    public ServiceResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(responseMicros, "responseMicros");
        Objects.requireNonNull(waitMicros, "waitMicros");
        readyByPool = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(readyByPool));
        long abandoned = client == null ? 0 : client.abandoned();
        if (arrived != completed + rejected + failed + abandoned + unfinished) {
            throw new IllegalArgumentException("counts do not add up for " + name + ": " + arrived + " != "
                    + completed + " + " + rejected + " + " + failed + " + " + abandoned + " + " + unfinished);
        }
    }

    /** A result without resize figures. */
    public ServiceResult(String name, String engine, String routing, int replicasDesired, double replicasReadyMean,
            int replicasReadyAtEnd, Map<String, Double> readyByPool, long podsCreated, long replicasPreempted,
            long replicasEvicted, int concurrency, long arrived, long completed, long rejected, long failed,
            long retried, long unfinished, Histogram responseMicros, Histogram waitMicros, double meanResponseMs,
            double meanWaitMs, double slotUtilization, double meanQueueLength, double meanInService,
            double cpuUsedMillis, double memoryUsedMiB, double gpuUsed, AutoscalingResult autoscaling, LlmResult llm) {
        this(name, engine, routing, replicasDesired, replicasReadyMean, replicasReadyAtEnd, readyByPool, podsCreated,
                replicasPreempted, replicasEvicted, concurrency, arrived, completed, rejected, failed, retried,
                unfinished, responseMicros, waitMicros, meanResponseMs, meanWaitMs, slotUtilization, meanQueueLength,
                meanInService, cpuUsedMillis, memoryUsedMiB, gpuUsed, autoscaling, llm, null, null);
    }

    /** The same result with resize figures. */
    public ServiceResult withResize(ResizeResult r) {
        return new ServiceResult(name, engine, routing, replicasDesired, replicasReadyMean, replicasReadyAtEnd,
                readyByPool, podsCreated, replicasPreempted, replicasEvicted, concurrency, arrived, completed, rejected,
                failed, retried, unfinished, responseMicros, waitMicros, meanResponseMs, meanWaitMs, slotUtilization,
                meanQueueLength, meanInService, cpuUsedMillis, memoryUsedMiB, gpuUsed, autoscaling, llm, r, client);
    }

    /** A result without LLM measurements. */
    public ServiceResult(String name, String engine, String routing, int replicasDesired, double replicasReadyMean,
            int replicasReadyAtEnd, Map<String, Double> readyByPool, long podsCreated, long replicasPreempted,
            long replicasEvicted, int concurrency, long arrived, long completed, long rejected, long failed,
            long retried, long unfinished, Histogram responseMicros, Histogram waitMicros, double meanResponseMs,
            double meanWaitMs, double slotUtilization, double meanQueueLength, double meanInService,
            double cpuUsedMillis, double memoryUsedMiB, double gpuUsed, AutoscalingResult autoscaling) {
        this(name, engine, routing, replicasDesired, replicasReadyMean, replicasReadyAtEnd, readyByPool, podsCreated,
                replicasPreempted, replicasEvicted, concurrency, arrived, completed, rejected, failed, retried,
                unfinished, responseMicros, waitMicros, meanResponseMs, meanWaitMs, slotUtilization, meanQueueLength,
                meanInService, cpuUsedMillis, memoryUsedMiB, gpuUsed, autoscaling, null, null, null);
    }
}
