package io.capsim.engine.sched;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Resources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler knows of the cluster: every node's capacity and what is allocated on it, down
 * to the milli-GPU on each device, plus the pods assumed or bound on each node.
 *
 * <p>Allocation never exceeds capacity: {@link #assign} refuses a placement that does not fit.
 * Capacity and usage live in primitive arrays indexed by node, so filters and scores read them
 * without allocating. Nodes may be added ({@link #addNode}); they are never removed.
 *
 * <p>GPU models and extended-resource names are interned at construction (and on {@link
 * #addNode}); at most 64 distinct GPU models are supported.
 */
public final class ClusterState {

    private NodeSpec[] specs;
    private int size;
    private long[] cpuCap;
    private long[] memCap;
    private long[] cpuUsed;
    private long[] memUsed;
    private int[] gpuCount;
    private int[] gpuOffset;
    private int[] gpuFree; // milli-GPU free per device, flattened
    private int gpuSlots;
    private int[] modelId; // -1 for nodes without GPUs
    private int[] version;
    private long[] extCap; // size * extended names
    private long[] extUsed;
    private List<PodInfo>[] podsOn;
    private int[] nameRank = new int[0];

    private final Map<String, Integer> models = new LinkedHashMap<>();
    private final String[] extNames;
    private final Map<String, Integer> extIndex = new LinkedHashMap<>();

    private long cpuCapTotal;
    private long memCapTotal;
    private long gpuMilliCapTotal;
    private long cpuUsedTotal;
    private long memUsedTotal;
    private long gpuMilliUsedTotal;

    /**
     * A cluster of the given nodes, in order (node index = list index), nothing allocated.
     *
     * @throws IllegalArgumentException if two nodes share a name or there are more than 64 GPU models
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ClusterState(List<NodeSpec> nodes) {
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
        gpuCount = new int[cap];
        gpuOffset = new int[cap];
        modelId = new int[cap];
        version = new int[cap];
        extCap = new long[cap * extNames.length];
        extUsed = new long[cap * extNames.length];
        podsOn = new List[cap];
        gpuFree = new int[Math.max(8, nodes.stream().mapToInt(NodeSpec::gpus).sum())];
        java.util.HashSet<String> names = new java.util.HashSet<>();
        for (NodeSpec n : nodes) {
            if (!names.add(n.name())) {
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

    /** Position of node {@code i}'s name in the sorted order of all node names, from 0. */
    public int nameRank(int i) {
        return nameRank[i];
    }

    /**
     * Adds a node at the end, with nothing allocated. Extended resources that no node had at
     * construction are ignored.
     *
     * @return the new node's index
     */
    public int addNode(NodeSpec node) {
        for (int i = 0; i < size; i++) {
            if (specs[i].name().equals(node.name())) {
                throw new IllegalArgumentException("duplicate node name " + node.name());
            }
        }
        int i = add(node);
        rankNames();
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
            gpuCount = Arrays.copyOf(gpuCount, m);
            gpuOffset = Arrays.copyOf(gpuOffset, m);
            modelId = Arrays.copyOf(modelId, m);
            version = Arrays.copyOf(version, m);
            extCap = Arrays.copyOf(extCap, m * extNames.length);
            extUsed = Arrays.copyOf(extUsed, m * extNames.length);
            podsOn = Arrays.copyOf(podsOn, m);
        }
        if (gpuSlots + n.gpus() > gpuFree.length) {
            gpuFree = Arrays.copyOf(gpuFree, Math.max(gpuFree.length * 2, gpuSlots + n.gpus()));
        }
        int i = size++;
        specs[i] = n;
        cpuCap[i] = n.cpuMillis();
        memCap[i] = n.memoryMiB();
        gpuCount[i] = n.gpus();
        gpuOffset[i] = gpuSlots;
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
        cpuCapTotal += n.cpuMillis();
        memCapTotal += n.memoryMiB();
        gpuMilliCapTotal += (long) n.gpus() * Resources.GPU_MILLI;
        return i;
    }

    /** Number of nodes. */
    public int size() {
        return size;
    }

    /** Spec of node {@code i}. */
    public NodeSpec node(int i) {
        return specs[i];
    }

    /** Allocatable CPU of node {@code i}, millicores. */
    public long cpuCapacity(int i) {
        return cpuCap[i];
    }

    /** Allocatable memory of node {@code i}, MiB. */
    public long memoryCapacity(int i) {
        return memCap[i];
    }

    /** CPU requested by pods assumed or bound on node {@code i}, millicores. */
    public long cpuUsed(int i) {
        return cpuUsed[i];
    }

    /** Memory requested by pods assumed or bound on node {@code i}, MiB. */
    public long memoryUsed(int i) {
        return memUsed[i];
    }

    /** GPU devices of node {@code i}. */
    public int gpuCount(int i) {
        return gpuCount[i];
    }

    /** Free milli-GPU of device {@code d} of node {@code i}, in [0, 1000]. */
    public int gpuFree(int i, int d) {
        return gpuFree[gpuOffset[i] + d];
    }

    /** Free milli-GPU summed over node {@code i}'s devices. */
    public long gpuMilliFree(int i) {
        long s = 0;
        int o = gpuOffset[i];
        for (int d = 0; d < gpuCount[i]; d++) {
            s += gpuFree[o + d];
        }
        return s;
    }

    /** Allocated milli-GPU summed over node {@code i}'s devices. */
    public long gpuMilliUsed(int i) {
        return (long) gpuCount[i] * Resources.GPU_MILLI - gpuMilliFree(i);
    }

    /**
     * The flattened per-device free milli-GPU array; node {@code i}'s devices are at {@link
     * #gpuOffset(int)} .. + {@link #gpuCount(int)}. Read-only for callers; valid until the next
     * {@link #addNode}.
     */
    public int[] gpuFreeArray() {
        return gpuFree;
    }

    /** Offset of node {@code i}'s devices in {@link #gpuFreeArray()}. */
    public int gpuOffset(int i) {
        return gpuOffset[i];
    }

    /** Interned GPU model id of node {@code i}, or -1 without GPUs. */
    public int gpuModelId(int i) {
        return modelId[i];
    }

    /** GPU model names by id. */
    public List<String> gpuModels() {
        return List.copyOf(models.keySet());
    }

    /** Bit mask of the model ids in {@code accepted}; -1 (all) when empty. Unknown models add no bit. */
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

    /** Extended-resource names, by index. */
    public String[] extendedNames() {
        return extNames.clone();
    }

    /** Number of extended resources. */
    public int extendedCount() {
        return extNames.length;
    }

    /** Index of an extended resource name, or -1. */
    public int extendedIndex(String name) {
        Integer k = extIndex.get(name);
        return k == null ? -1 : k;
    }

    /** Allocatable amount of extended resource {@code k} on node {@code i}. */
    public long extendedCapacity(int i, int k) {
        return extCap[i * extNames.length + k];
    }

    /** Allocated amount of extended resource {@code k} on node {@code i}. */
    public long extendedUsed(int i, int k) {
        return extUsed[i * extNames.length + k];
    }

    /** Incremented on every change to node {@code i}'s allocation; lets plugins cache per-node values. */
    public int version(int i) {
        return version[i];
    }

    /** Pods assumed or bound on node {@code i}; read-only view. */
    public List<PodInfo> podsOn(int i) {
        return java.util.Collections.unmodifiableList(podsOn[i]);
    }

    /** Total allocatable CPU, millicores. */
    public long cpuCapacityTotal() {
        return cpuCapTotal;
    }

    /** Total allocatable memory, MiB. */
    public long memoryCapacityTotal() {
        return memCapTotal;
    }

    /** Total GPU, milli-GPU. */
    public long gpuMilliCapacityTotal() {
        return gpuMilliCapTotal;
    }

    /** CPU allocated across the cluster, millicores. */
    public long cpuUsedTotal() {
        return cpuUsedTotal;
    }

    /** Memory allocated across the cluster, MiB. */
    public long memoryUsedTotal() {
        return memUsedTotal;
    }

    /** GPU allocated across the cluster, milli-GPU. */
    public long gpuMilliUsedTotal() {
        return gpuMilliUsedTotal;
    }

    /** Devices of node {@code i} that have at least {@code milli} free. */
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

    /**
     * The devices a request would take on node {@code i} under the default policy: the
     * lowest-indexed whole free devices for a whole-GPU request, or the best-fitting device (least
     * free milli-GPU that still fits, lowest index on ties) for a share.
     *
     * @return a device mask, 0 if the request takes no GPU, or -1 if it does not fit
     */
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

    /** True if the pod's requests fit in what node {@code i} has free, GPUs counted per device. */
    public boolean fits(PodInfo pod, int i) {
        Resources r = pod.spec.requests();
        if (cpuUsed[i] + r.cpuMillis() > cpuCap[i] || memUsed[i] + r.memoryMiB() > memCap[i]) {
            return false;
        }
        if (pod.requestsUnknownExtended) {
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

    /**
     * Allocates the pod on node {@code i}, taking GPU share from the devices in {@code deviceMask}
     * ({@code gpuMilliPerGpu} from each), and records the pod as on the node.
     *
     * @throws IllegalStateException if the pod is already placed, the mask does not name exactly
     *     {@code gpus} devices with room, or CPU, memory or an extended resource does not fit
     */
    public void assign(PodInfo pod, int i, long deviceMask) {
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
    }

    /**
     * Frees what the pod holds on its node.
     *
     * @throws IllegalStateException if the pod is not placed
     */
    public void release(PodInfo pod) {
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
        int e = extNames.length;
        for (int k = 0; k < e; k++) {
            extUsed[i * e + k] -= pod.extendedRequest[k];
        }
        cpuUsedTotal -= r.cpuMillis();
        memUsedTotal -= r.memoryMiB();
        gpuMilliUsedTotal -= r.gpuMilliTotal();
        version[i]++;
        podsOn[i].remove(pod);
        pod.node = -1;
        pod.deviceMask = 0;
    }
}
