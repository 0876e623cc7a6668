package io.capsim.engine.cluster;

import java.util.Set;

/**
 * The cluster's record of one live pod: its spec and where it is in its life. Created by {@link
 * ClusterState#createPod}; everyone reads it, only {@link ClusterState} changes it. The record is
 * dropped once the pod ends, so memory follows the pods alive, not all pods ever created.
 */
public final class Pod {

    final long id;
    final int slot;
    final PodSpec spec;
    final long createdAt;
    final long tag;
    final long[] extendedRequest; // aligned with ClusterState extended names
    final String unknownExtended;
    long nonZeroCpuMillis;
    long nonZeroMemoryMiB;
    private final boolean zeroCpuExplicit;
    private final boolean zeroMemoryExplicit;

    // In-place resize (KEP-1287): desired (the spec), allocated (admitted by the kubelet) and actual
    // (configured in the container) requests and limits; CPU and memory only change.
    Resources desiredRequests;
    Resources desiredLimits;
    Resources allocatedRequests;
    Resources allocatedLimits;
    Resources actualRequests;
    Resources actualLimits;
    ResizeStatus resizeStatus = ResizeStatus.NONE;
    long resizeStatusSince = -1;
    // What the scheduler charges the node: per resource the largest of desired (unless Infeasible),
    // allocated and actual requests.
    long countedCpuMillis;
    long countedMemoryMiB;
    long gpuModelMask; // bit per cluster GPU model id; -1 accepts all

    PodPhase phase = PodPhase.PENDING;
    int node = -1;
    long deviceMask;
    long boundAt = -1;
    long readyAt = -1;
    long endedAt = -1;
    PodEndReason endReason;

    /** Kubernetes' non-zero defaults for scoring: 100m CPU and 200 MiB for a container without a request. */
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** See {@link #DEFAULT_MILLI_CPU_REQUEST}. */
    public static final long DEFAULT_MEMORY_REQUEST_MIB = 200;

    Pod(long id, int slot, PodSpec spec, long createdAt, long tag, ClusterState cluster) {
        this.id = id;
        this.slot = slot;
        this.spec = spec;
        this.createdAt = createdAt;
        this.tag = tag;
        String[] names = cluster.extendedNamesInternal();
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
        gpuModelMask = cluster.modelMask(spec.gpuModels());
        Resources r = spec.requests();
        Set<String> zero = spec.explicitZeroRequests();
        zeroCpuExplicit = zero.contains("cpu");
        zeroMemoryExplicit = zero.contains("memory");
        desiredRequests = allocatedRequests = actualRequests = r;
        desiredLimits = allocatedLimits = actualLimits = spec.limits();
        countedCpuMillis = r.cpuMillis();
        countedMemoryMiB = r.memoryMiB();
        setNonZero();
    }

    /** Recomputes the scoring requests from the counted ones. */
    final void setNonZero() {
        nonZeroCpuMillis = countedCpuMillis == 0 && !zeroCpuExplicit ? DEFAULT_MILLI_CPU_REQUEST : countedCpuMillis;
        nonZeroMemoryMiB = countedMemoryMiB == 0 && !zeroMemoryExplicit ? DEFAULT_MEMORY_REQUEST_MIB : countedMemoryMiB;
    }

    /** Unique id, in creation order, from 0. */
    public long id() {
        return id;
    }

    /** A dense index among the live pods, reused after the pod ends. */
    public int slot() {
        return slot;
    }

    /** The pod's spec. */
    public PodSpec spec() {
        return spec;
    }

    /**
     * The pod's desired requests: {@code spec().requests()} until an in-place resize changes them
     * (the pod spec's resources are the desired resources, as in Kubernetes 1.35).
     */
    public Resources requests() {
        return desiredRequests;
    }

    /** The desired limits (see {@link #requests()}). */
    public Resources limits() {
        return desiredLimits;
    }

    /** Requests the kubelet has admitted (allocated); equal to the desired ones unless a resize is pending. */
    public Resources allocatedRequests() {
        return allocatedRequests;
    }

    /** Limits the kubelet has admitted. */
    public Resources allocatedLimits() {
        return allocatedLimits;
    }

    /** Requests the container runs with now (actuated). */
    public Resources actualRequests() {
        return actualRequests;
    }

    /** Limits the container runs with now (actuated). */
    public Resources actualLimits() {
        return actualLimits;
    }

    /** The state of the pod's resize ({@link ResizeStatus#NONE} when none is pending or in progress). */
    public ResizeStatus resizeStatus() {
        return resizeStatus;
    }

    /** When {@link #resizeStatus()} last changed, ticks, or -1. */
    public long resizeStatusSince() {
        return resizeStatusSince;
    }

    /** CPU the scheduler counts for the pod on its node: max(desired unless Infeasible, allocated, actual), millicores. */
    public long countedCpuMillis() {
        return countedCpuMillis;
    }

    /** Memory the scheduler counts for the pod on its node, MiB (see {@link #countedCpuMillis()}). */
    public long countedMemoryMiB() {
        return countedMemoryMiB;
    }

    /** The QoS class, fixed at creation (a resize may not change it). */
    public QosClass qosClass() {
        return spec.qosClass();
    }

    /** Shortcut for {@code spec().priority()}. */
    public int priority() {
        return spec.priority();
    }

    /** A number chosen by the creator (its owner's instance, for example), 0 if none. */
    public long tag() {
        return tag;
    }

    /** Time the pod was created, ticks. */
    public long createdAt() {
        return createdAt;
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

    /** Time of the bind, ticks, or -1. */
    public long boundAt() {
        return boundAt;
    }

    /** True once running and past its startup time. */
    public boolean ready() {
        return readyAt >= 0 && phase == PodPhase.RUNNING;
    }

    /** Time the pod became ready, ticks, or -1. */
    public long readyAt() {
        return readyAt;
    }

    /** Time the pod ended, ticks, or -1 while alive. */
    public long endedAt() {
        return endedAt;
    }

    /** Why the pod ended, or null while alive. */
    public PodEndReason endReason() {
        return endReason;
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

    /**
     * CPU request counted for scoring (kube-scheduler's non-zero request): the request, or 100m when
     * the pod sets none; a request explicitly set to 0 counts 0.
     */
    public long nonZeroCpuMillis() {
        return nonZeroCpuMillis;
    }

    /** Memory request counted for scoring: the request, or 200 MiB when the pod sets none (0 if set to 0). */
    public long nonZeroMemoryMiB() {
        return nonZeroMemoryMiB;
    }

    /**
     * A reference to this pod for kernel events: slot and id in one word. {@link
     * ClusterState#pod(long)} returns the pod while it lives, null after.
     */
    public long ref() {
        return ((long) (int) id << 32) | (slot & 0xffffffffL);
    }

    @Override
    public String toString() {
        return spec.name() + "#" + id + "(" + phase + (node >= 0 ? " on " + node : "") + ")";
    }
}
