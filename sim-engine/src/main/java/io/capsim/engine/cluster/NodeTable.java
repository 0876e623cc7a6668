package io.capsim.engine.cluster;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of the cluster state and what they offer, in primitive arrays indexed by node: each
 * node's spec, name (with its rank in name order), capacity, speed and version, its GPU devices and
 * extended resources ({@link GpuDevices}, {@link ExtendedResources}), the topology domains and the
 * cluster's total capacity. Nodes join at the end, leave keeping their index, and come back.
 * {@link NodeAllocations} adds what is allocated on them.
 *
 * <p>The arrays are package-private so that the allocation checks of the subclass read them
 * directly (the scheduler asks once per node and plugin).
 */
abstract class NodeTable implements ClusterView {

    NodeSpec[] specs;
    private int size;
    long[] cpuCap;
    long[] memCap;
    /** Bumped on every change of a node's capacity or allocation. */
    int[] version;
    private double[] speed;
    boolean[] removed;
    private NodeSpec[] removedSpecs;
    private int[] nameRank = new int[0];
    private int liveCount;
    private final Map<String, Integer> nodeByName = new HashMap<>();

    final GpuDevices gpus;
    final ExtendedResources ext;
    private final TopologyDomains domains = new TopologyDomains();

    private long cpuCapTotal;
    private long memCapTotal;
    private long gpuMilliCapTotal;

    /**
     * Room for {@code nodes} (their extended resource names and GPU devices); the subclass adds
     * them with {@link #appendNode} and then calls {@link #rankNames}.
     */
    NodeTable(List<NodeSpec> nodes) {
        ext = new ExtendedResources(nodes);
        int cap = Math.max(4, nodes.size());
        specs = new NodeSpec[cap];
        cpuCap = new long[cap];
        memCap = new long[cap];
        version = new int[cap];
        speed = new double[cap];
        removed = new boolean[cap];
        removedSpecs = new NodeSpec[cap];
        gpus = new GpuDevices(nodes.stream().mapToInt(NodeSpec::gpus).sum());
    }

    /** Ranks the nodes by name ({@link #nameRank}); call after nodes were added. */
    final void rankNames() {
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

    /** Forgets the topology domains (a node joined, left or came back). */
    final void clearDomains() {
        domains.clear();
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

    /**
     * Adds a node at the end, growing the arrays (to {@code specs.length}) when full; returns its index.
     *
     * @throws IllegalArgumentException if a node has its name already
     */
    final int appendNode(NodeSpec n) {
        if (nodeByName.containsKey(n.name())) {
            throw new IllegalArgumentException("duplicate node name " + n.name());
        }
        if (size == specs.length) {
            int m = size * 2;
            specs = Arrays.copyOf(specs, m);
            cpuCap = Arrays.copyOf(cpuCap, m);
            memCap = Arrays.copyOf(memCap, m);
            version = Arrays.copyOf(version, m);
            speed = Arrays.copyOf(speed, m);
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
        cpuCapTotal += n.cpuMillis();
        memCapTotal += n.memoryMiB();
        gpuMilliCapTotal += (long) n.gpus() * Resources.GPU_MILLI;
        liveCount++;
        return i;
    }

    /**
     * Takes a node out of the cluster (the caller checked it is empty): it keeps its index (and its
     * name, for {@link #restoreNodeEntry}), but has no capacity, no labels (so it is in no topology
     * domain) and fits nothing; the totals lose its capacity.
     *
     * @throws IllegalStateException if it is removed already
     */
    final void retireNode(int i) {
        if (removed[i]) {
            throw new IllegalStateException("node " + specs[i].name() + " is removed already");
        }
        NodeSpec n = specs[i];
        removed[i] = true;
        removedSpecs[i] = n;
        specs[i] = n.withLabels(Map.of());
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
    public int gpuCount(int i) {
        return gpus.count(i);
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
    public double speed(int i) {
        return speed[i];
    }

    @Override
    public int version(int i) {
        return version[i];
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
    public int[] topologyDomains(String key) {
        return domains.of(key, specs, size);
    }

    @Override
    public int topologyDomainCount(String key) {
        return domains.count(key, specs, size);
    }
}
