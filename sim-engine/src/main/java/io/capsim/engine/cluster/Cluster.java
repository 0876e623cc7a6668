package io.capsim.engine.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Nodes with CPU and memory capacity and what is allocated on each. Allocation never exceeds
 * capacity: {@link #allocate} refuses a request that does not fit.
 */
public final class Cluster {

    private final String[] names;
    private final long[] cpuCapacity;
    private final long[] memCapacity;
    private final long[] cpuAllocated;
    private final long[] memAllocated;
    private final int[] gpuCapacity;
    private final int[] gpuAllocated;
    private final long totalCpu;
    private final long totalMem;
    private final long totalGpu;

    /** A cluster of every node of every pool, in pool order. */
    public Cluster(List<NodePool> pools) {
        List<String> n = new ArrayList<>();
        long cpu = 0;
        long mem = 0;
        long gpu = 0;
        int total = pools.stream().mapToInt(NodePool::count).sum();
        cpuCapacity = new long[total];
        memCapacity = new long[total];
        gpuCapacity = new int[total];
        int i = 0;
        for (NodePool p : pools) {
            for (int k = 0; k < p.count(); k++, i++) {
                n.add(p.name() + "-" + k);
                cpuCapacity[i] = p.cpuMillis();
                memCapacity[i] = p.memoryMiB();
                gpuCapacity[i] = p.gpus();
                cpu += p.cpuMillis();
                mem += p.memoryMiB();
                gpu += p.gpus();
            }
        }
        names = n.toArray(new String[0]);
        cpuAllocated = new long[total];
        memAllocated = new long[total];
        gpuAllocated = new int[total];
        totalCpu = cpu;
        totalMem = mem;
        totalGpu = gpu;
    }

    /** Number of nodes. */
    public int size() {
        return names.length;
    }

    /** Name of node {@code i}. */
    public String nodeName(int i) {
        return names[i];
    }

    /** Total allocatable CPU, millicores. */
    public long totalCpuMillis() {
        return totalCpu;
    }

    /** Total allocatable memory, MiB. */
    public long totalMemoryMiB() {
        return totalMem;
    }

    /** Total GPUs. */
    public long totalGpus() {
        return totalGpu;
    }

    /** CPU allocated on node {@code i}, millicores. */
    public long cpuAllocated(int i) {
        return cpuAllocated[i];
    }

    /** Memory allocated on node {@code i}, MiB. */
    public long memoryAllocated(int i) {
        return memAllocated[i];
    }

    /** True if the request fits in what node {@code i} has free. */
    public boolean fits(int i, long cpuMillis, long memoryMiB, int gpus) {
        return cpuAllocated[i] + cpuMillis <= cpuCapacity[i] && memAllocated[i] + memoryMiB <= memCapacity[i]
                && gpuAllocated[i] + gpus <= gpuCapacity[i];
    }

    /**
     * The first node, in cluster order, where the request fits, or -1.
     */
    public int firstFit(long cpuMillis, long memoryMiB, int gpus) {
        for (int i = 0; i < names.length; i++) {
            if (fits(i, cpuMillis, memoryMiB, gpus)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Allocates a request on node {@code i}.
     *
     * @return false, allocating nothing, if it does not fit
     */
    public boolean allocate(int i, long cpuMillis, long memoryMiB, int gpus) {
        if (cpuMillis < 0 || memoryMiB < 0 || gpus < 0) {
            throw new IllegalArgumentException("negative request");
        }
        if (!fits(i, cpuMillis, memoryMiB, gpus)) {
            return false;
        }
        cpuAllocated[i] += cpuMillis;
        memAllocated[i] += memoryMiB;
        gpuAllocated[i] += gpus;
        return true;
    }

    /**
     * Releases a request from node {@code i}.
     *
     * @throws IllegalStateException if more is released than is allocated
     */
    public void release(int i, long cpuMillis, long memoryMiB, int gpus) {
        if (cpuMillis > cpuAllocated[i] || memoryMiB > memAllocated[i] || gpus > gpuAllocated[i]) {
            throw new IllegalStateException("release exceeds allocation on " + names[i]);
        }
        cpuAllocated[i] -= cpuMillis;
        memAllocated[i] -= memoryMiB;
        gpuAllocated[i] -= gpus;
    }

    /** GPUs allocated across the cluster. */
    public long gpuAllocatedTotal() {
        long s = 0;
        for (int v : gpuAllocated) {
            s += v;
        }
        return s;
    }

    /** CPU allocated across the cluster, millicores. */
    public long cpuAllocatedTotal() {
        long s = 0;
        for (long v : cpuAllocated) {
            s += v;
        }
        return s;
    }

    /** Memory allocated across the cluster, MiB. */
    public long memoryAllocatedTotal() {
        long s = 0;
        for (long v : memAllocated) {
            s += v;
        }
        return s;
    }
}
