package io.capsim.engine.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What is allocated on the nodes of {@link NodeTable}: CPU and memory requested (as counted and
 * with kube-scheduler's non-zero defaults), down to the milli-GPU of each device and the extended
 * resources, in primitive arrays indexed by node, with the pods placed on each and their lowest
 * priority; the fit check, placing and unplacing. {@link ClusterState} adds the pods' lives and the
 * listeners.
 */
abstract class NodeAllocations extends NodeTable {

    private long[] cpuUsed;
    private long[] memUsed;
    private long[] nzCpuUsed;
    private long[] nzMemUsed;
    private List<Pod>[] podsOn;
    // Lowest priority among the pods on each node (Integer.MAX_VALUE for none), recomputed on
    // demand after a pod of that priority leaves.
    private int[] lowestPriority;
    private boolean[] lowestPriorityStale;

    private long cpuUsedTotal;
    private long memUsedTotal;
    private long gpuMilliUsedTotal;

    final Set<Pod> placedWithAffinity = new LinkedHashSet<>();

    /**
     * Nodes in order (node index = list index), nothing allocated.
     *
     * @throws IllegalArgumentException if two nodes share a name or there are more than 64 GPU models
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    NodeAllocations(List<NodeSpec> nodes) {
        super(nodes);
        int cap = specs.length;
        cpuUsed = new long[cap];
        memUsed = new long[cap];
        nzCpuUsed = new long[cap];
        nzMemUsed = new long[cap];
        podsOn = new List[cap];
        lowestPriority = new int[cap];
        lowestPriorityStale = new boolean[cap];
        for (NodeSpec n : nodes) {
            add(n);
        }
        rankNames();
    }

    /** Adds a node at the end, with nothing allocated; returns its index. */
    final int addNodeEntry(NodeSpec node) {
        int i = add(node);
        rankNames();
        clearDomains();
        return i;
    }

    @SuppressWarnings("unchecked")
    private int add(NodeSpec n) {
        int i = appendNode(n);
        if (i == cpuUsed.length) {
            int m = specs.length;
            cpuUsed = Arrays.copyOf(cpuUsed, m);
            memUsed = Arrays.copyOf(memUsed, m);
            nzCpuUsed = Arrays.copyOf(nzCpuUsed, m);
            nzMemUsed = Arrays.copyOf(nzMemUsed, m);
            podsOn = Arrays.copyOf(podsOn, m);
            lowestPriority = Arrays.copyOf(lowestPriority, m);
            lowestPriorityStale = Arrays.copyOf(lowestPriorityStale, m);
        }
        podsOn[i] = new ArrayList<>();
        lowestPriority[i] = Integer.MAX_VALUE;
        return i;
    }

    /**
     * Takes an empty node out of the cluster ({@link #retireNode}).
     *
     * @throws IllegalStateException if pods are on it or it is removed already
     */
    final void removeNodeEntry(int i) {
        if (!removed[i] && !podsOn[i].isEmpty()) {
            throw new IllegalStateException("node " + specs[i].name() + " still has " + podsOn[i].size() + " pods");
        }
        retireNode(i);
    }

    @Override
    public long cpuUsed(int i) {
        return cpuUsed[i];
    }

    @Override
    public long memoryUsed(int i) {
        return memUsed[i];
    }

    @Override
    public long nonZeroCpuUsed(int i) {
        return nzCpuUsed[i];
    }

    @Override
    public long nonZeroMemoryUsed(int i) {
        return nzMemUsed[i];
    }

    @Override
    public int gpuFree(int i, int d) {
        return gpus.free(i, d);
    }

    @Override
    public long gpuMilliFree(int i) {
        return gpus.milliFree(i);
    }

    @Override
    public long gpuMilliUsed(int i) {
        return (long) gpus.count(i) * Resources.GPU_MILLI - gpus.milliFree(i);
    }

    @Override
    public int[] gpuFreeArray() {
        return gpus.freeArray();
    }

    @Override
    public int devicesWithFree(int i, int milli) {
        return gpus.devicesWithFree(i, milli);
    }

    @Override
    public long defaultDevices(int i, Resources request) {
        return gpus.defaultDevices(i, request);
    }

    @Override
    public long extendedUsed(int i, int k) {
        return ext.used(i, k);
    }

    @Override
    public List<Pod> podsOn(int i) {
        return Collections.unmodifiableList(podsOn[i]);
    }

    @Override
    public int lowestPriorityOn(int i) {
        if (lowestPriorityStale[i]) {
            int low = Integer.MAX_VALUE;
            for (Pod p : podsOn[i]) {
                low = Math.min(low, p.priority());
            }
            lowestPriority[i] = low;
            lowestPriorityStale[i] = false;
        }
        return lowestPriority[i];
    }

    @Override
    public long cpuUsedTotal() {
        return cpuUsedTotal;
    }

    @Override
    public long memoryUsedTotal() {
        return memUsedTotal;
    }

    @Override
    public long gpuMilliUsedTotal() {
        return gpuMilliUsedTotal;
    }

    @Override
    public boolean fits(Pod pod, int i) {
        if (removed[i]) {
            return false;
        }
        Resources r = pod.spec.requests();
        if (cpuUsed[i] + pod.countedCpuMillis > cpuCap[i] || memUsed[i] + pod.countedMemoryMiB > memCap[i]) {
            return false;
        }
        if (pod.unknownExtended != null) {
            return false;
        }
        if (!ext.fits(i, pod.extendedRequest)) {
            return false;
        }
        return r.gpus() == 0 || gpus.has(i, r.gpus(), r.gpuMilliPerGpu());
    }

    final void place(Pod pod, int i, long deviceMask) {
        place(pod, i, deviceMask, true);
    }

    /** Places a pod; {@code check} false puts back a pod that was there (its node may be over-committed by a resize). */
    final void place(Pod pod, int i, long deviceMask, boolean check) {
        if (pod.node >= 0) {
            throw new IllegalStateException(pod + " is already on node " + pod.node);
        }
        Resources r = pod.spec.requests();
        if (check && !fits(pod, i)) {
            throw new IllegalStateException(pod + " does not fit on " + specs[i].name());
        }
        gpus.take(i, deviceMask, r.gpus(), r.gpuMilliPerGpu(), pod, specs[i].name());
        cpuUsed[i] += pod.countedCpuMillis;
        memUsed[i] += pod.countedMemoryMiB;
        nzCpuUsed[i] += pod.nonZeroCpuMillis;
        nzMemUsed[i] += pod.nonZeroMemoryMiB;
        ext.allocate(i, pod.extendedRequest, 1);
        cpuUsedTotal += pod.countedCpuMillis;
        memUsedTotal += pod.countedMemoryMiB;
        gpuMilliUsedTotal += r.gpuMilliTotal();
        version[i]++;
        pod.node = i;
        pod.deviceMask = deviceMask;
        podsOn[i].add(pod);
        if (pod.priority() < lowestPriority[i]) {
            lowestPriority[i] = pod.priority();
        }
        if (pod.spec.hasPodAffinityTerms()) {
            placedWithAffinity.add(pod);
        }
    }

    /**
     * Sets what the scheduler charges for a pod (placed or not) to {@code cpu} and {@code mem},
     * moving the node's totals by the difference; a placed pod's node may then show more requested
     * than it has (a resize the kubelet deferred is counted, as kube-scheduler counts it).
     *
     * @return true if the pod is placed and its node's totals changed
     */
    final boolean recount(Pod pod, long cpu, long mem) {
        long dc = cpu - pod.countedCpuMillis;
        long dm = mem - pod.countedMemoryMiB;
        pod.countedCpuMillis = cpu;
        pod.countedMemoryMiB = mem;
        int i = pod.node;
        if (i < 0) {
            pod.setNonZero();
            return false;
        }
        long nzc = pod.nonZeroCpuMillis;
        long nzm = pod.nonZeroMemoryMiB;
        pod.setNonZero();
        if (dc == 0 && dm == 0) {
            return false;
        }
        cpuUsed[i] += dc;
        memUsed[i] += dm;
        nzCpuUsed[i] += pod.nonZeroCpuMillis - nzc;
        nzMemUsed[i] += pod.nonZeroMemoryMiB - nzm;
        cpuUsedTotal += dc;
        memUsedTotal += dm;
        version[i]++;
        return true;
    }

    final void unplace(Pod pod) {
        int i = pod.node;
        if (i < 0) {
            throw new IllegalStateException(pod + " is not on a node");
        }
        Resources r = pod.spec.requests();
        gpus.give(i, pod.deviceMask, r.gpuMilliPerGpu());
        cpuUsed[i] -= pod.countedCpuMillis;
        memUsed[i] -= pod.countedMemoryMiB;
        nzCpuUsed[i] -= pod.nonZeroCpuMillis;
        nzMemUsed[i] -= pod.nonZeroMemoryMiB;
        ext.allocate(i, pod.extendedRequest, -1);
        cpuUsedTotal -= pod.countedCpuMillis;
        memUsedTotal -= pod.countedMemoryMiB;
        gpuMilliUsedTotal -= r.gpuMilliTotal();
        version[i]++;
        podsOn[i].remove(pod);
        if (pod.priority() == lowestPriority[i]) {
            lowestPriorityStale[i] = true;
        }
        placedWithAffinity.remove(pod);
        pod.node = -1;
        pod.deviceMask = 0;
    }
}
