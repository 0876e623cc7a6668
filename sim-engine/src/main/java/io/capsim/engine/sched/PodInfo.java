package io.capsim.engine.sched;

import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;

/**
 * The scheduler's record of one pod: its spec and its mutable scheduling state. Created by {@link
 * Scheduler#submit}; plugins read it, only the scheduler changes it.
 */
public final class PodInfo {

    final int id;
    final PodSpec spec;
    final long createdAt;
    final long[] extendedRequest; // aligned with ClusterState extended names
    final boolean requestsUnknownExtended;
    final String unknownExtended;
    long gpuModelMask; // bit per cluster GPU model id; -1 accepts all

    PodPhase phase = PodPhase.PENDING;
    boolean arrived;
    int node = -1;
    long deviceMask;
    long queueTimestamp;
    long attempts;
    long backoffUntil;
    int heapIndex = -1;
    int unschedIndex = -1;
    int generation;
    int restarts;
    long runStartedAt = -1;
    long boundAt = -1;
    long boundCycle = -1;
    long permitDeadline;

    PodInfo(int id, PodSpec spec, long createdAt, ClusterState cluster) {
        this.id = id;
        this.spec = spec;
        this.createdAt = createdAt;
        String[] names = cluster.extendedNames();
        extendedRequest = new long[names.length];
        String unknown = null;
        for (var e : spec.requests().extended().entrySet()) {
            int k = cluster.extendedIndex(e.getKey());
            if (k < 0) {
                if (e.getValue() > 0 && unknown == null) {
                    unknown = e.getKey();
                }
            } else {
                extendedRequest[k] = e.getValue();
            }
        }
        unknownExtended = unknown;
        requestsUnknownExtended = unknown != null;
        gpuModelMask = cluster.modelMask(spec.gpuModels());
    }

    /** Dense id, in submission order, from 0. */
    public int id() {
        return id;
    }

    /** The pod's spec. */
    public PodSpec spec() {
        return spec;
    }

    /** Shortcut for {@code spec().requests()}. */
    public Resources requests() {
        return spec.requests();
    }

    /** Shortcut for {@code spec().priority()}. */
    public int priority() {
        return spec.priority();
    }

    /** Time the pod was submitted, ticks. */
    public long createdAt() {
        return createdAt;
    }

    /** True once the pod's creation time has come (it is then known to the queue). */
    public boolean arrived() {
        return arrived;
    }

    /** Current phase. */
    public PodPhase phase() {
        return phase;
    }

    /** Node index the pod is assumed or bound on, or -1. */
    public int node() {
        return node;
    }

    /** GPU devices (bit i = device i of the node) the pod holds; 0 when none. */
    public long deviceMask() {
        return deviceMask;
    }

    /** Time the pod last entered the active queue (the Kubernetes queue timestamp), ticks. */
    public long queueTimestamp() {
        return queueTimestamp;
    }

    /** Scheduling attempts that failed so far. */
    public long attempts() {
        return attempts;
    }

    /** Times the pod was preempted and restarted. */
    public int restarts() {
        return restarts;
    }

    /** Time the current run started, ticks, or -1 when not running. */
    public long runStartedAt() {
        return runStartedAt;
    }

    /** Time of the last bind, ticks, or -1. */
    public long boundAt() {
        return boundAt;
    }

    /** Scheduling cycle in which the last bind was decided, or -1. */
    public long boundCycle() {
        return boundCycle;
    }

    /** Request of the extended resource with cluster index {@code k}. */
    public long extendedRequest(int k) {
        return extendedRequest[k];
    }

    /** Name of an extended resource the pod requests that no node offers, or null. */
    public String unknownExtendedResource() {
        return unknownExtended;
    }

    /** Bit mask of the cluster GPU model ids the pod accepts ({@code -1}: all). */
    public long gpuModelMask() {
        return gpuModelMask;
    }

    @Override
    public String toString() {
        return spec.name() + "#" + id + "(" + phase + (node >= 0 ? " on " + node : "") + ")";
    }
}
