package io.capsim.engine.sched;

import io.capsim.engine.cluster.Pod;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.results.LatencyRecorder;
import io.capsim.engine.results.SchedulerResult;
import io.capsim.engine.results.TimeWeighted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a scheduler counts. Creation-to-bind times go through the engine's {@link LatencyRecorder}
 * (microseconds of virtual time, 3 significant digits). Everything is reset when the measured window
 * starts ({@link #startMeasuring}).
 */
public final class SchedulerMetrics {

    /** Creation-to-bind times are mostly scheduling cycles (milliseconds): counts for 16 ms at first. */
    private static final long BIND_FIRST_RANGE_MICROS = 1L << 14;
    LatencyRecorder creationToBind = new LatencyRecorder(BIND_FIRST_RANGE_MICROS);
    long cycles;
    long attempts;
    long unschedulableAttempts;
    final Map<String, long[]> unschedulableByPlugin = new TreeMap<>();
    long binds;
    long preemptions;
    long victims;
    long lostWorkTicks;
    long gangRejections;
    private final TimeWeighted pending = new TimeWeighted();
    private long pendingMax;
    private final Map<String, SchedulerResult.Unschedulable> never = new LinkedHashMap<>();
    private long bindsSinceStart;
    private double bindTicksSinceStart;

    void recordBindLatency(long ticks) {
        creationToBind.recordTicks(Math.max(0, ticks));
        bindsSinceStart++;
        bindTicksSinceStart += Math.max(0, ticks);
    }

    /** Pods bound since the run began, warm-up included (never reset). */
    public long bindsSinceStart() {
        return bindsSinceStart;
    }

    /** Sum of the creation-to-bind times of those pods, ticks (never reset). */
    public double bindTicksSinceStart() {
        return bindTicksSinceStart;
    }

    void pendingChanged(long now, int count) {
        pending.set(now, count);
        pendingMax = Math.max(pendingMax, count);
    }

    void unschedulable(String plugin) {
        unschedulableAttempts++;
        unschedulableByPlugin.computeIfAbsent(plugin, k -> new long[1])[0]++;
    }

    void neverSchedulable(Pod pod, long now, String reason) {
        String owner = pod.spec().owner().kind() == io.capsim.engine.cluster.Owner.Kind.NONE
                ? "pod " + pod.spec().name() : pod.spec().owner().toString();
        SchedulerResult.Unschedulable u = never.get(owner);
        never.put(owner, u == null ? new SchedulerResult.Unschedulable(owner, true, 1, SimTime.toSeconds(now), reason)
                : new SchedulerResult.Unschedulable(owner, true, u.pods() + 1, u.firstSeconds(), u.reason()));
    }

    /** Starts the measured window: what was counted before is forgotten (never-schedulable reports are kept). */
    public void startMeasuring(long now) {
        creationToBind = new LatencyRecorder(BIND_FIRST_RANGE_MICROS);
        cycles = 0;
        attempts = 0;
        unschedulableAttempts = 0;
        unschedulableByPlugin.clear();
        binds = 0;
        preemptions = 0;
        victims = 0;
        lostWorkTicks = 0;
        gangRejections = 0;
        pending.reset(now);
        pendingMax = (long) pending.value();
    }

    /** Scheduling cycles run so far. */
    public long cycles() {
        return cycles;
    }

    /** Completed binds so far. */
    public long binds() {
        return binds;
    }

    /** Pods deleted by preemption so far. */
    public long victims() {
        return victims;
    }

    /** Attempts that ended with the pod unschedulable so far. */
    public long unschedulableAttempts() {
        return unschedulableAttempts;
    }

    /** Preemptions so far. */
    public long preemptions() {
        return preemptions;
    }

    /** Gang rejections so far. */
    public long gangRejections() {
        return gangRejections;
    }

    /** The creation-to-bind histogram so far (a snapshot). */
    public org.HdrHistogram.Histogram creationToBindMicros() {
        return creationToBind.histogram();
    }

    /** Owners with never-schedulable pods, so far. */
    public List<SchedulerResult.Unschedulable> neverSchedulable() {
        return List.copyOf(never.values());
    }

    SchedulerResult result(List<String> profiles, long now, List<SchedulerResult.Unschedulable> pendingAtEnd) {
        Map<String, Long> byPlugin = new TreeMap<>();
        unschedulableByPlugin.forEach((k, v) -> byPlugin.put(k, v[0]));
        List<SchedulerResult.Unschedulable> u = new ArrayList<>(never.values());
        u.addAll(pendingAtEnd);
        return new SchedulerResult(profiles, creationToBind.histogram(), creationToBind.meanMillis(),
                pending.average(now), pendingMax, cycles, attempts, unschedulableAttempts, byPlugin, binds, preemptions,
                victims, SimTime.toSeconds(lostWorkTicks), gangRejections, u);
    }
}
