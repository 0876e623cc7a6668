package io.capsim.engine.cluster;

import java.util.Collection;
import java.util.List;

/**
 * A read-only view of the cluster: nodes, what is allocated on each (down to the milli-GPU of each
 * device) and the live pods. Scheduling plugins, controllers and replica engines read the cluster
 * through it; only the scheduler runtime and the cluster API change it. Node accessors take a node
 * index in [0, {@link #size()}) and allocate nothing.
 */
public interface ClusterView {

    /** Number of nodes. */
    int size();

    /** Spec of node {@code i}. */
    NodeSpec node(int i);

    /** Index of the node named {@code name}, or -1. */
    int nodeIndex(String name);

    /** Position of node {@code i}'s name in the sorted order of all node names, from 0. */
    int nameRank(int i);

    /** Allocatable CPU of node {@code i}, millicores. */
    long cpuCapacity(int i);

    /** Allocatable memory of node {@code i}, MiB. */
    long memoryCapacity(int i);

    /** CPU requested by pods assumed or bound on node {@code i}, millicores. */
    long cpuUsed(int i);

    /** Memory requested by pods assumed or bound on node {@code i}, MiB. */
    long memoryUsed(int i);

    /**
     * CPU requested on node {@code i} counting 100m for each pod that requests none
     * (kube-scheduler's {@code NonZeroRequested}), millicores.
     */
    long nonZeroCpuUsed(int i);

    /** Memory requested on node {@code i} counting 200 MiB for each pod that requests none, MiB. */
    long nonZeroMemoryUsed(int i);

    /** GPU devices of node {@code i}. */
    int gpuCount(int i);

    /** Free milli-GPU of device {@code d} of node {@code i}, in [0, 1000]. */
    int gpuFree(int i, int d);

    /** Free milli-GPU summed over node {@code i}'s devices. */
    long gpuMilliFree(int i);

    /** Allocated milli-GPU summed over node {@code i}'s devices. */
    long gpuMilliUsed(int i);

    /**
     * The flattened per-device free milli-GPU array; node {@code i}'s devices are at {@link
     * #gpuOffset(int)} .. + {@link #gpuCount(int)}. Read-only for callers; valid until a node is added.
     */
    int[] gpuFreeArray();

    /** Offset of node {@code i}'s devices in {@link #gpuFreeArray()}. */
    int gpuOffset(int i);

    /** Interned GPU model id of node {@code i}, or -1 without GPUs. */
    int gpuModelId(int i);

    /** GPU model names by id. */
    List<String> gpuModels();

    /** Bit mask of the model ids in {@code accepted}; -1 (all) when empty. Unknown models add no bit. */
    long modelMask(Collection<String> accepted);

    /** Extended-resource names, by index (a copy). */
    String[] extendedNames();

    /** Number of extended resources. */
    int extendedCount();

    /** Index of an extended resource name, or -1. */
    int extendedIndex(String name);

    /** Allocatable amount of extended resource {@code k} on node {@code i}. */
    long extendedCapacity(int i, int k);

    /** Allocated amount of extended resource {@code k} on node {@code i}. */
    long extendedUsed(int i, int k);

    /** Relative speed of node {@code i} (1.0 = reference). */
    double speed(int i);

    /**
     * True if node {@code i} was removed from the cluster (scaled down): it keeps its index but
     * has no capacity or labels and fits no pod.
     */
    default boolean nodeRemoved(int i) {
        return false;
    }

    /** Nodes in the cluster now: {@link #size()} less the removed ones. */
    default int liveNodeCount() {
        return size();
    }

    /** Incremented on every change to node {@code i}'s allocation; lets plugins cache per-node values. */
    int version(int i);

    /** Pods assumed or bound on node {@code i}; read-only view. */
    List<Pod> podsOn(int i);

    /**
     * The lowest priority among the pods assumed or bound on node {@code i}, or {@link
     * Integer#MAX_VALUE} if there are none: lets preemption pass over a node with no pod it could
     * evict without walking its pods.
     */
    int lowestPriorityOn(int i);

    /** Total allocatable CPU, millicores. */
    long cpuCapacityTotal();

    /** Total allocatable memory, MiB. */
    long memoryCapacityTotal();

    /** Total GPU, milli-GPU. */
    long gpuMilliCapacityTotal();

    /** CPU allocated across the cluster, millicores. */
    long cpuUsedTotal();

    /** Memory allocated across the cluster, MiB. */
    long memoryUsedTotal();

    /** GPU allocated across the cluster, milli-GPU. */
    long gpuMilliUsedTotal();

    /** Devices of node {@code i} that have at least {@code milli} free. */
    int devicesWithFree(int i, int milli);

    /**
     * The devices a request would take on node {@code i} under the default policy: the
     * lowest-indexed whole free devices for a whole-GPU request, or the best-fitting device (least
     * free milli-GPU that still fits, lowest index on ties) for a share.
     *
     * @return a device mask, 0 if the request takes no GPU, or -1 if it does not fit
     */
    long defaultDevices(int i, Resources request);

    /** True if the pod's requests fit in what node {@code i} has free, GPUs counted per device. */
    boolean fits(Pod pod, int i);

    /**
     * The topology domain of every node for a label key: element {@code i} is a small id of node
     * {@code i}'s value for {@code key}, or -1 if the node lacks the label. Ids are dense from 0 in
     * order of first appearance. Cached; valid until a node is added. Read-only for callers.
     */
    int[] topologyDomains(String key);

    /** Number of distinct values of {@code key} among the nodes (the ids of {@link #topologyDomains}). */
    int topologyDomainCount(String key);

    /** The live pods, in no particular order; read-only view, valid until the next change. */
    Collection<Pod> pods();

    /** Number of live pods. */
    int podCount();

    /** Live pods (pending or placed) of the gang {@code group}; read-only view, empty if none. */
    List<Pod> podGroupMembers(String group);

    /** Creation time of the first live member of the gang {@code group}, or -1 if it has none. */
    long podGroupCreatedAt(String group);

    /** Placed pods (assumed or running) that have inter-pod affinity or anti-affinity terms; read-only. */
    Collection<Pod> placedPodsWithAffinity();

    /** The pod a {@link Pod#ref()} refers to while it lives, or null. */
    Pod pod(long ref);
}
