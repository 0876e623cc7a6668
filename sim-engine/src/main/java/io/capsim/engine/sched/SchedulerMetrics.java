package io.capsim.engine.sched;

import java.util.ArrayList;
import java.util.List;
import io.capsim.engine.results.LatencyRecorder;
import org.HdrHistogram.Histogram;

/**
 * What a scheduler counted and sampled. Creation-to-bind times go through the engine's
 * {@link LatencyRecorder} (microseconds of virtual time, 3 significant digits, values above
 * {@link LatencyRecorder#HIGHEST_MICROS} clamped and counted).
 */
public final class SchedulerMetrics {

    final LatencyRecorder creationToBind = new LatencyRecorder();
    long cycles;
    long attempts;
    long unschedulableAttempts;
    long binds;
    long preemptionEvents;
    long victims;
    long lostWorkTicks;
    long gangRejections;
    long completed;
    final List<UnschedulableReport> neverSchedulable = new ArrayList<>();
    final TimeSeries pendingPods = new TimeSeries("pending-pods", "pods");
    final TimeSeries cpuAllocation = new TimeSeries("allocation-cpu", "ratio");
    final TimeSeries memoryAllocation = new TimeSeries("allocation-memory", "ratio");
    final TimeSeries gpuAllocation = new TimeSeries("allocation-gpu", "ratio");
    final TimeSeries gpuFragmentation = new TimeSeries("gpu-fragmentation", "GPUs");

    void recordBindLatency(long ticks) {
        creationToBind.recordTicks(Math.max(0, ticks));
    }

    /** Creation-to-bind time of every bind, microseconds of virtual time. */
    public Histogram creationToBindMicros() {
        return creationToBind.histogram();
    }

    /** Binds whose latency exceeded {@link LatencyRecorder#HIGHEST_MICROS} and were recorded as that. */
    public long clampedLatencies() {
        return creationToBind.clamped();
    }

    /** Scheduling cycles run. */
    public long cycles() {
        return cycles;
    }

    /** Scheduling attempts (one per cycle that popped a pod). */
    public long attempts() {
        return attempts;
    }

    /** Attempts that ended with the pod unschedulable. */
    public long unschedulableAttempts() {
        return unschedulableAttempts;
    }

    /** Completed binds (a restarted pod counts again). */
    public long binds() {
        return binds;
    }

    /** Cycles in which a pod preempted others. */
    public long preemptionEvents() {
        return preemptionEvents;
    }

    /** Pods evicted by preemption. */
    public long victims() {
        return victims;
    }

    /** Run time of evicted pods thrown away (work lost), ticks. */
    public long lostWorkTicks() {
        return lostWorkTicks;
    }

    /** Times a gang's waiting members were rejected together. */
    public long gangRejections() {
        return gangRejections;
    }

    /** Pods that ran to completion. */
    public long completed() {
        return completed;
    }

    /** Pods found never schedulable, each reported once. */
    public List<UnschedulableReport> neverSchedulable() {
        return List.copyOf(neverSchedulable);
    }

    /** Pending pods (queued, backing off or unschedulable) over time. */
    public TimeSeries pendingPods() {
        return pendingPods;
    }

    /** Requested / allocatable CPU over time. */
    public TimeSeries cpuAllocation() {
        return cpuAllocation;
    }

    /** Requested / allocatable memory over time. */
    public TimeSeries memoryAllocation() {
        return memoryAllocation;
    }

    /** Allocated / total GPU over time. */
    public TimeSeries gpuAllocation() {
        return gpuAllocation;
    }

    /** FGD fragmentation of the cluster over time, GPUs (NaN without a target workload). */
    public TimeSeries gpuFragmentation() {
        return gpuFragmentation;
    }
}
