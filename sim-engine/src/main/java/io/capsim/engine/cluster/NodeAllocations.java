package io.capsim.engine.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node half of the cluster state: every node's capacity and what is allocated on it, down to
 * the milli-GPU of each device, in primitive arrays indexed by node, and the pods placed on each.
 * {@link ClusterState} adds the pods' lives and the listeners.
 */
abstract class NodeAllocations implements ClusterView {

    private NodeSpec[] specs;
    private int size;
    private long[] cpuCap;
    private long[] memCap;
    private long[] cpuUsed;
    private long[] memUsed;
    private long[] nzCpuUsed;
    private long[] nzMemUsed;
    private final GpuDevices gpus;
    private int[] version;
    private double[] speed;
    private List<Pod>[] podsOn;
    // Lowest priority among the pods on each node (Integer.MAX_VALUE for none), recomputed on
    // demand after a pod of that priority leaves.
    private int[] lowestPriority;
    private boolean[] lowestPriorityStale;
    private int[] nameRank = new int[0];
    private boolean[] removed;
    private NodeSpec[] removedSpecs;
    private int liveCount;
    private final Map<String, Integer> nodeByName = new HashMap<>();

    private final ExtendedResources ext;
    private final TopologyDomains domains = new TopologyDomains();

    private long cpuCapTotal;
    private long memCapTotal;
    private long gpuMilliCapTotal;
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
        ext = new ExtendedResources(nodes);
        int cap = Math.max(4, nodes.size());
        specs = new NodeSpec[cap];
        cpuCap = new long[cap];
        memCap = new long[cap];
        cpuUsed = new long[cap];
        memUsed = new long[cap];
        nzCpuUsed = new long[cap];
        nzMemUsed = new long[cap];
        version = new int[cap];
        speed = new double[cap];
        podsOn = new List[cap];
        lowestPriority = new int[cap];
        lowestPriorityStale = new boolean[cap];
        removed = new boolean[cap];
        removedSpecs = new NodeSpec[cap];
        gpus = new GpuDevices(nodes.stream().mapToInt(NodeSpec::gpus).sum());
        for (NodeSpec n : nodes) {
            if (nodeByName.containsKey(n.name())) {
                throw new IllegalArgumentException("duplicate node name " + n.name());
            }
            add(n);
        }
        rankNames();
    }


    private void rankNames() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> specs[a].name().compareTo(specs[b].name()));
        nameRank = new int[size];
        for (int r = 0; r < size; r++) {
            nameRank[order[r]] = r;
        }
    }

    @Override
    public int nameRank(int i) {
        return nameRank[i];
    }

    @Override
    public int nodeIndex(String name) {
        Integer i = nodeByName.get(name);
        return i == null ? -1 : i;
    }

    /** Adds a node at the end, with nothing allocated; returns its index. */
    final int addNodeEntry(NodeSpec node) {
        if (nodeByName.containsKey(node.name())) {
            throw new IllegalArgumentException("duplicate node name " + node.name());
        }
        int i = add(node);
        rankNames();
        domains.clear();
        return i;
    }

    @SuppressWarnings("unchecked")
    private int add(NodeSpec n) {
        if (size == specs.length) {
            int m = size * 2;
            specs = Arrays.copyOf(specs, m);
            cpuCap = Arrays.copyOf(cpuCap, m);
            memCap = Arrays.copyOf(memCap, m);
            cpuUsed = Arrays.copyOf(cpuUsed, m);
            memUsed = Arrays.copyOf(memUsed, m);
            nzCpuUsed = Arrays.copyOf(nzCpuUsed, m);
            nzMemUsed = Arrays.copyOf(nzMemUsed, m);
            version = Arrays.copyOf(version, m);
            speed = Arrays.copyOf(speed, m);
            podsOn = Arrays.copyOf(podsOn, m);
            lowestPriority = Arrays.copyOf(lowestPriority, m);
            lowestPriorityStale = Arrays.copyOf(lowestPriorityStale, m);
            removed = Arrays.copyOf(removed, m);
            removedSpecs = Arrays.copyOf(removedSpecs, m);
        }
        int i = size++;
        specs[i] = n;
        nodeByName.put(n.name(), i);
        cpuCap[i] = n.cpuMillis();
        memCap[i] = n.memoryMiB();
        speed[i] = n.speed();
        gpus.add(i, n);
        ext.add(i, n);
        podsOn[i] = new ArrayList<>();
        lowestPriority[i] = Integer.MAX_VALUE;
        cpuCapTotal += n.cpuMillis();
        memCapTotal += n.memoryMiB();
        gpuMilliCapTotal += (long) n.gpus() * Resources.GPU_MILLI;
        liveCount++;
        return i;
    }

    /**
     * Takes an empty node out of the cluster: it keeps its index (and its name, for {@link
     * #restoreNodeEntry}), but has no capacity, no labels (so it is in no topology domain) and fits
     * nothing; the totals lose its capacity.
     *
     * @throws IllegalStateException if pods are on it or it is removed already
     */
    final void removeNodeEntry(int i) {
        if (removed[i]) {
            throw new IllegalStateException("node " + specs[i].name() + " is removed already");
        }
        if (!podsOn[i].isEmpty()) {
            throw new IllegalStateException("node " + specs[i].name() + " still has " + podsOn[i].size() + " pods");
        }
        NodeSpec n = specs[i];
        removed[i] = true;
        removedSpecs[i] = n;
        specs[i] = n.withLabels(java.util.Map.of());
        cpuCapTotal -= n.cpuMillis();
        memCapTotal -= n.memoryMiB();
        gpuMilliCapTotal -= (long) n.gpus() * Resources.GPU_MILLI;
        cpuCap[i] = 0;
        memCap[i] = 0;
        version[i]++;
        liveCount--;
        domains.clear();
    }

    /**
     * Brings a removed node back with its former spec, nothing allocated.
     *
     * @throws IllegalArgumentException if it is not removed or {@code node} differs from its former spec
     */
    final void restoreNodeEntry(int i, NodeSpec node) {
        if (!removed[i] || !removedSpecs[i].equals(node)) {
            throw new IllegalArgumentException("node " + node.name() + " is " + (removed[i] ? "removed with another spec"
                    : "in the cluster already"));
        }
        removed[i] = false;
        specs[i] = node;
        removedSpecs[i] = null;
        cpuCap[i] = node.cpuMillis();
        memCap[i] = node.memoryMiB();
        cpuCapTotal += node.cpuMillis();
        memCapTotal += node.memoryMiB();
        gpuMilliCapTotal += (long) node.gpus() * Resources.GPU_MILLI;
        version[i]++;
        liveCount++;
        domains.clear();
    }

    @Override
    public boolean nodeRemoved(int i) {
        return removed[i];
    }

    @Override
    public int liveNodeCount() {
        return liveCount;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public NodeSpec node(int i) {
        return specs[i];
    }

    @Override
    public long cpuCapacity(int i) {
        return cpuCap[i];
    }

    @Override
    public long memoryCapacity(int i) {
        return memCap[i];
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
    public int gpuCount(int i) {
        return gpus.count(i);
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
    public int gpuOffset(int i) {
        return gpus.offset(i);
    }

    @Override
    public int gpuModelId(int i) {
        return gpus.modelId(i);
    }

    @Override
    public List<String> gpuModels() {
        return gpus.models();
    }

    @Override
    public long modelMask(Collection<String> accepted) {
        return gpus.modelMask(accepted);
    }

    @Override
    public String[] extendedNames() {
        return ext.names().clone();
    }

    String[] extendedNamesInternal() {
        return ext.names();
    }

    @Override
    public int extendedCount() {
        return ext.count();
    }

    @Override
    public int extendedIndex(String name) {
        return ext.index(name);
    }

    @Override
    public long extendedCapacity(int i, int k) {
        return ext.capacity(i, k);
    }

    @Override
    public long extendedUsed(int i, int k) {
        return ext.used(i, k);
    }

    @Override
    public double speed(int i) {
        return speed[i];
    }

    @Override
    public int version(int i) {
        return version[i];
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
    public long cpuCapacityTotal() {
        return cpuCapTotal;
    }

    @Override
    public long memoryCapacityTotal() {
        return memCapTotal;
    }

    @Override
    public long gpuMilliCapacityTotal() {
        return gpuMilliCapTotal;
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
    public int devicesWithFree(int i, int milli) {
        return gpus.devicesWithFree(i, milli);
    }

    @Override
    public long defaultDevices(int i, Resources request) {
        return gpus.defaultDevices(i, request);
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

    @Override
    public int[] topologyDomains(String key) {
        return domains.of(key, specs, size);
    }

    @Override
    public int topologyDomainCount(String key) {
        return domains.count(key, specs, size);
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
