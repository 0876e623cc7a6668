package io.capsim.engine.results;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What the scheduler did in the measured window.
 *
 * @param profiles scheduler profile names, in configuration order
 * @param creationToBindMicros time from a pod's creation to its bind, microseconds of virtual time
 *     (pods bound in the window)
 * @param meanCreationToBindMs exact mean of the same, ms (NaN if no bind)
 * @param pendingPodsMean time-average number of pending pods (queued, backing off or unschedulable)
 * @param pendingPodsMax largest number of pending pods
 * @param cycles scheduling cycles run
 * @param attempts scheduling attempts (one per cycle that popped a pod)
 * @param unschedulableAttempts attempts that ended with the pod unschedulable
 * @param unschedulableByPlugin those attempts by the plugin blamed (the PreFilter that failed, or the
 *     filter that rejected most nodes), sorted by name
 * @param binds completed binds
 * @param preemptions scheduling attempts that preempted pods
 * @param victims pods deleted by preemption
 * @param lostPodSeconds run time of preempted pods thrown away, pod-seconds
 * @param gangRejections times a gang's waiting members were rejected together
 * @param unschedulable owners with pods that found no node: never schedulable on this cluster, or
 *     still pending at the end
 */
public record SchedulerResult(
        List<String> profiles,
        Histogram creationToBindMicros,
        double meanCreationToBindMs,
        double pendingPodsMean,
        long pendingPodsMax,
        long cycles,
        long attempts,
        long unschedulableAttempts,
        Map<String, Long> unschedulableByPlugin,
        long binds,
        long preemptions,
        long victims,
        double lostPodSeconds,
        long gangRejections,
        List<Unschedulable> unschedulable) {

    public SchedulerResult {
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(creationToBindMicros, "creationToBindMicros");
        unschedulableByPlugin = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unschedulableByPlugin));
        unschedulable = List.copyOf(unschedulable);
    }

    /**
     * Pods of one owner that found no node, reported once per owner and kind.
     *
     * @param owner the owner, as {@code service web}, {@code job train} or {@code pod name}
     * @param neverSchedulable true if no node of the cluster could ever hold them (parked); false
     *     for pods still pending at the end for want of room
     * @param pods how many pods of the owner
     * @param firstSeconds when the first was found so, seconds
     * @param reason Kubernetes-style reason ({@code 0/3 nodes are available: ...}) of the first: for a
     *     parked pod, its failed cycle's; for a pod pending at the end, the filters' verdict on the
     *     cluster as the run ends (or that nodes fit it and it waits in the queue)
     */
    public record Unschedulable(String owner, boolean neverSchedulable, long pods, double firstSeconds, String reason) {}
}
