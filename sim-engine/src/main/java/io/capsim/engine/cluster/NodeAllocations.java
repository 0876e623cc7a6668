package io.capsim.engine.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private int[] gpuCount;
    private int[] gpuOffset;
    private int[] gpuFree; // milli-GPU free per device, flattened
    private int gpuSlots;
    private int[] modelId; // -1 for nodes without GPUs
    private int[] version;
    private double[] speed;
    private long[] extCap; // size * extended names
    private long[] extUsed;
    private List<Pod>[] podsOn;
    // Lowest priority among the pods on each node (Integer.MAX_VALUE for none), recomputed on
    // demand after a pod of that priority leaves.
    private int[] lowestPriority;
    private boolean[] lowestPriorityStale;
    private int[] nameRank = new int[0];
    private final Map<String, Integer> nodeByName = new HashMap<>();

    private final Map<String, Integer> models = new LinkedHashMap<>();
    private final String[] extNames;
    private final Map<String, Integer> extIndex = new LinkedHashMap<>();
    private final Map<String, int[]> domains = new HashMap<>();
    private final Map<String, Integer> domainCounts = new HashMap<>();

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
        java.util.TreeSet<String> ext = new java.util.TreeSet<>();
        for (NodeSpec n : nodes) {
            ext.addAll(n.extended().keySet());
        }
        extNames = ext.toArray(new String[0]);
        for (int i = 0; i < extNames.length; i++) {
            extIndex.put(extNames[i], i);
        }
        int cap = Math.max(4, nodes.size());
        specs = new NodeSpec[cap];
        cpuCap = new long[cap];
        memCap = new long[cap];
        cpuUsed = new long[cap];
        memUsed = new long[cap];
        nzCpuUsed = new long[cap];
        nzMemUsed = new long[cap];
        gpuCount = new int[cap];
        gpuOffset = new int[cap];
        modelId = new int[cap];
        version = new int[cap];
        speed = new double[cap];
        extCap = new long[cap * extNames.length];
        extUsed = new long[cap * extNames.length];
        podsOn = new List[cap];
        lowestPriority = new int[cap];
        lowestPriorityStale = new boolean[cap];
        gpuFree = new int[Math.max(8, nodes.stream().mapToInt(NodeSpec::gpus).sum())];
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
        domainCounts.clear();
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
            gpuCount = Arrays.copyOf(gpuCount, m);
            gpuOffset = Arrays.copyOf(gpuOffset, m);
            modelId = Arrays.copyOf(modelId, m);
            version = Arrays.copyOf(version, m);
            speed = Arrays.copyOf(speed, m);
            extCap = Arrays.copyOf(extCap, m * extNames.length);
            extUsed = Arrays.copyOf(extUsed, m * extNames.length);
            podsOn = Arrays.copyOf(podsOn, m);
            lowestPriority = Arrays.copyOf(lowestPriority, m);
            lowestPriorityStale = Arrays.copyOf(lowestPriorityStale, m);
        }
        if (gpuSlots + n.gpus() > gpuFree.length) {
            gpuFree = Arrays.copyOf(gpuFree, Math.max(gpuFree.length * 2, gpuSlots + n.gpus()));
        }
        int i = size++;
        specs[i] = n;
        nodeByName.put(n.name(), i);
        cpuCap[i] = n.cpuMillis();
        memCap[i] = n.memoryMiB();
        gpuCount[i] = n.gpus();
        gpuOffset[i] = gpuSlots;
        speed[i] = n.speed();
        Arrays.fill(gpuFree, gpuSlots, gpuSlots + n.gpus(), Resources.GPU_MILLI);
        gpuSlots += n.gpus();
        if (n.gpus() > 0) {
            Integer id = models.get(n.gpuModel());
            if (id == null) {
                if (models.size() == 64) {
                    throw new IllegalArgumentException("more than 64 GPU models");
                }
                id = models.size();
                models.put(n.gpuModel(), id);
            }
            modelId[i] = id;
        } else {
            modelId[i] = -1;
        }
        for (var e : n.extended().entrySet()) {
            Integer k = extIndex.get(e.getKey());
            if (k != null) {
                extCap[i * extNames.length + k] = e.getValue();
            }
        }
        podsOn[i] = new ArrayList<>();
        lowestPriority[i] = Integer.MAX_VALUE;
        cpuCapTotal += n.cpuMillis();
        memCapTotal += n.memoryMiB();
        gpuMilliCapTotal += (long) n.gpus() * Resources.GPU_MILLI;
        return i;
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
        return gpuCount[i];
    }

    @Override
    public int gpuFree(int i, int d) {
        return gpuFree[gpuOffset[i] + d];
    }

    @Override
    public long gpuMilliFree(int i) {
        long s = 0;
        int o = gpuOffset[i];
        for (int d = 0; d < gpuCount[i]; d++) {
            s += gpuFree[o + d];
        }
        return s;
    }

    @Override
    public long gpuMilliUsed(int i) {
        return (long) gpuCount[i] * Resources.GPU_MILLI - gpuMilliFree(i);
    }

    @Override
    public int[] gpuFreeArray() {
        return gpuFree;
    }

    @Override
    public int gpuOffset(int i) {
        return gpuOffset[i];
    }

    @Override
    public int gpuModelId(int i) {
        return modelId[i];
    }

    @Override
    public List<String> gpuModels() {
        return List.copyOf(models.keySet());
    }

    @Override
    public long modelMask(Collection<String> accepted) {
        if (accepted.isEmpty()) {
            return -1L;
        }
        long m = 0;
        for (String s : accepted) {
            Integer id = models.get(s);
            if (id != null) {
                m |= 1L << id;
            }
        }
        return m;
    }

    @Override
    public String[] extendedNames() {
        return extNames.clone();
    }

    String[] extendedNamesInternal() {
        return extNames;
    }

    @Override
    public int extendedCount() {
        return extNames.length;
    }

    @Override
    public int extendedIndex(String name) {
        Integer k = extIndex.get(name);
        return k == null ? -1 : k;
    }

    @Override
    public long extendedCapacity(int i, int k) {
        return extCap[i * extNames.length + k];
    }

    @Override
    public long extendedUsed(int i, int k) {
        return extUsed[i * extNames.length + k];
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
        int o = gpuOffset[i];
        int c = 0;
        for (int d = 0; d < gpuCount[i]; d++) {
            if (gpuFree[o + d] >= milli) {
                c++;
            }
        }
        return c;
    }

    @Override
    public long defaultDevices(int i, Resources request) {
        if (request.gpus() == 0) {
            return 0;
        }
        int o = gpuOffset[i];
        if (request.isGpuShare()) {
            int best = -1;
            int bestFree = Integer.MAX_VALUE;
            for (int d = 0; d < gpuCount[i]; d++) {
                int f = gpuFree[o + d];
                if (f >= request.gpuMilliPerGpu() && f < bestFree) {
                    best = d;
                    bestFree = f;
                }
            }
            return best < 0 ? -1 : 1L << best;
        }
        long mask = 0;
        int need = request.gpus();
        for (int d = 0; d < gpuCount[i] && need > 0; d++) {
            if (gpuFree[o + d] == Resources.GPU_MILLI) {
                mask |= 1L << d;
                need--;
            }
        }
        return need > 0 ? -1 : mask;
    }

    @Override
    public boolean fits(Pod pod, int i) {
        Resources r = pod.spec.requests();
        if (cpuUsed[i] + r.cpuMillis() > cpuCap[i] || memUsed[i] + r.memoryMiB() > memCap[i]) {
            return false;
        }
        if (pod.unknownExtended != null) {
            return false;
        }
        int e = extNames.length;
        for (int k = 0; k < e; k++) {
            if (extUsed[i * e + k] + pod.extendedRequest[k] > extCap[i * e + k]) {
                return false;
            }
        }
        return r.gpus() == 0 || devicesWithFree(i, r.gpuMilliPerGpu()) >= r.gpus();
    }

    @Override
    public int[] topologyDomains(String key) {
        int[] d = domains.get(key);
        if (d == null) {
            d = new int[size];
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < size; i++) {
                String v = specs[i].labels().get(key);
                if (v == null && key.equals(NodeSpec.HOSTNAME_LABEL)) {
                    v = specs[i].name();
                }
                if (v == null) {
                    d[i] = -1;
                } else {
                    Integer id = ids.get(v);
                    if (id == null) {
                        id = ids.size();
                        ids.put(v, id);
                    }
                    d[i] = id;
                }
            }
            domains.put(key, d);
            domainCounts.put(key, ids.size());
        }
        return d;
    }

    @Override
    public int topologyDomainCount(String key) {
        topologyDomains(key);
        return domainCounts.get(key);
    }

    final void place(Pod pod, int i, long deviceMask) {
        if (pod.node >= 0) {
            throw new IllegalStateException(pod + " is already on node " + pod.node);
        }
        Resources r = pod.spec.requests();
        if (!fits(pod, i)) {
            throw new IllegalStateException(pod + " does not fit on " + specs[i].name());
        }
        int o = gpuOffset[i];
        if (Long.bitCount(deviceMask) != r.gpus() || (gpuCount[i] < 64 && (deviceMask >>> gpuCount[i]) != 0)) {
            throw new IllegalStateException(pod + ": device mask " + Long.toBinaryString(deviceMask)
                    + " does not name " + r.gpus() + " devices of " + specs[i].name());
        }
        for (long m = deviceMask; m != 0; m &= m - 1) {
            int d = Long.numberOfTrailingZeros(m);
            if (gpuFree[o + d] < r.gpuMilliPerGpu()) {
                throw new IllegalStateException(pod + ": device " + d + " of " + specs[i].name() + " has "
                        + gpuFree[o + d] + " milli-GPU free, needs " + r.gpuMilliPerGpu());
            }
        }
        for (long m = deviceMask; m != 0; m &= m - 1) {
            gpuFree[o + Long.numberOfTrailingZeros(m)] -= r.gpuMilliPerGpu();
        }
        cpuUsed[i] += r.cpuMillis();
        memUsed[i] += r.memoryMiB();
        nzCpuUsed[i] += pod.nonZeroCpuMillis;
        nzMemUsed[i] += pod.nonZeroMemoryMiB;
        int e = extNames.length;
        for (int k = 0; k < e; k++) {
            extUsed[i * e + k] += pod.extendedRequest[k];
        }
        cpuUsedTotal += r.cpuMillis();
        memUsedTotal += r.memoryMiB();
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

    final void unplace(Pod pod) {
        int i = pod.node;
        if (i < 0) {
            throw new IllegalStateException(pod + " is not on a node");
        }
        Resources r = pod.spec.requests();
        int o = gpuOffset[i];
        for (long m = pod.deviceMask; m != 0; m &= m - 1) {
            gpuFree[o + Long.numberOfTrailingZeros(m)] += r.gpuMilliPerGpu();
        }
        cpuUsed[i] -= r.cpuMillis();
        memUsed[i] -= r.memoryMiB();
        nzCpuUsed[i] -= pod.nonZeroCpuMillis;
        nzMemUsed[i] -= pod.nonZeroMemoryMiB;
        int e = extNames.length;
        for (int k = 0; k < e; k++) {
            extUsed[i * e + k] -= pod.extendedRequest[k];
        }
        cpuUsedTotal -= r.cpuMillis();
        memUsedTotal -= r.memoryMiB();
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
