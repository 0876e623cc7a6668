package io.capsim.engine.controllers;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.Toleration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's free room in the cluster autoscaler's what-ifs: CPU, memory, each GPU device's free
 * milli-GPU and extended resources, with the node's labels and taints for the predicates
 * (node selector, required node affinity, taints, GPU model). Pods are placed on copies; the
 * cluster is never touched.
 */
final class Bin {

    private final NodeSpec node;
    private long cpu;
    private long mem;
    private final int[] gpuFree;
    private final Map<String, Long> ext;
    /** Taken out of the what-if (a node being removed). */
    boolean closed;
    /** Given a moved pod in the what-if (so it is not removed in the same pass). */
    boolean receivedPods;

    private Bin(NodeSpec node, long cpu, long mem, int[] gpuFree, Map<String, Long> ext) {
        this.node = node;
        this.cpu = cpu;
        this.mem = mem;
        this.gpuFree = gpuFree;
        this.ext = ext;
    }

    /** Node {@code i} of the cluster with what is free on it now. */
    static Bin of(ClusterView c, int i) {
        int[] free = new int[c.gpuCount(i)];
        System.arraycopy(c.gpuFreeArray(), c.gpuOffset(i), free, 0, free.length);
        Map<String, Long> ext = new TreeMap<>();
        String[] names = c.extendedNames();
        for (int k = 0; k < names.length; k++) {
            ext.put(names[k], c.extendedCapacity(i, k) - c.extendedUsed(i, k));
        }
        return new Bin(c.node(i), c.cpuCapacity(i) - c.cpuUsed(i), c.memoryCapacity(i) - c.memoryUsed(i), free, ext);
    }

    /** An empty node of this spec (a node group's template, or a node still provisioning). */
    static Bin template(NodeSpec n) {
        int[] free = new int[n.gpus()];
        java.util.Arrays.fill(free, Resources.GPU_MILLI);
        return new Bin(n, n.cpuMillis(), n.memoryMiB(), free, new TreeMap<>(n.extended()));
    }

    /**
     * Places {@code p} on the first open bin other than {@code skip} that accepts it.
     *
     * @return that bin's index, or -1
     */
    static int firstFit(List<Bin> bins, Pod p, int skip) {
        int b = find(bins, p, skip);
        if (b >= 0) {
            bins.get(b).take(p);
        }
        return b;
    }

    /** The first open bin other than {@code skip} that accepts {@code p}, or -1; takes nothing. */
    static int find(List<Bin> bins, Pod p, int skip) {
        for (int b = 0; b < bins.size(); b++) {
            Bin bin = bins.get(b);
            if (b != skip && !bin.closed && bin.accepts(p)) {
                return b;
            }
        }
        return -1;
    }

    /** True if the pod passes the node's predicates and its requests fit what is free. */
    boolean accepts(Pod p) {
        PodSpec s = p.spec();
        Resources r = p.requests();
        if (r.cpuMillis() > cpu || r.memoryMiB() > mem || p.unknownExtendedResource() != null) {
            return false;
        }
        for (Map.Entry<String, Long> e : r.extended().entrySet()) {
            if (e.getValue() > ext.getOrDefault(e.getKey(), 0L)) {
                return false;
            }
        }
        if (r.gpus() > 0) {
            if (!s.gpuModels().isEmpty() && !s.gpuModels().contains(node.gpuModel())) {
                return false;
            }
            int n = 0;
            for (int f : gpuFree) {
                if (f >= r.gpuMilliPerGpu()) {
                    n++;
                }
            }
            if (n < r.gpus()) {
                return false;
            }
        }
        for (Map.Entry<String, String> e : s.nodeSelector().entrySet()) {
            if (!e.getValue().equals(node.labels().get(e.getKey()))) {
                return false;
            }
        }
        if (!s.nodeAffinity().requiredMatches(node.labels())) {
            return false;
        }
        return Toleration.firstUntolerated(node.taints(), s.tolerations()) == null;
    }

    /** Takes the pod's requests (the lowest-numbered devices with room); call after {@link #accepts}. */
    void take(Pod p) {
        Resources r = p.requests();
        cpu -= r.cpuMillis();
        mem -= r.memoryMiB();
        for (Map.Entry<String, Long> e : r.extended().entrySet()) {
            ext.merge(e.getKey(), -e.getValue(), Long::sum);
        }
        int left = r.gpus();
        for (int d = 0; d < gpuFree.length && left > 0; d++) {
            if (gpuFree[d] >= r.gpuMilliPerGpu()) {
                gpuFree[d] -= r.gpuMilliPerGpu();
                left--;
            }
        }
    }

    /** A copy of the free room (flags included). */
    Bin copy() {
        Bin b = new Bin(node, cpu, mem, gpuFree.clone(), new TreeMap<>(ext));
        b.closed = closed;
        b.receivedPods = receivedPods;
        return b;
    }

    /** Sets the free room back to a {@link #copy} of this bin. */
    void restore(Bin saved) {
        cpu = saved.cpu;
        mem = saved.mem;
        System.arraycopy(saved.gpuFree, 0, gpuFree, 0, gpuFree.length);
        ext.clear();
        ext.putAll(saved.ext);
        closed = saved.closed;
        receivedPods = saved.receivedPods;
    }
}
