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
    private final long totalCpu;
    private final long totalMem;

    /** A cluster of every node of every pool, in pool order. */
    public Cluster(List<NodePool> pools) {
        List<String> n = new ArrayList<>();
        long cpu = 0;
        long mem = 0;
        int total = pools.stream().mapToInt(NodePool::count).sum();
        cpuCapacity = new long[total];
        memCapacity = new long[total];
        int i = 0;
        for (NodePool p : pools) {
            for (int k = 0; k < p.count(); k++, i++) {
                n.add(p.name() + "-" + k);
                cpuCapacity[i] = p.cpuMillis();
                memCapacity[i] = p.memoryMiB();
                cpu += p.cpuMillis();
                mem += p.memoryMiB();
            }
        }
        names = n.toArray(new String[0]);
        cpuAllocated = new long[total];
        memAllocated = new long[total];
        totalCpu = cpu;
        totalMem = mem;
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

    /** CPU allocated on node {@code i}, millicores. */
    public long cpuAllocated(int i) {
        return cpuAllocated[i];
    }

    /** Memory allocated on node {@code i}, MiB. */
    public long memoryAllocated(int i) {
        return memAllocated[i];
    }

    /** True if the request fits in what node {@code i} has free. */
    public boolean fits(int i, long cpuMillis, long memoryMiB) {
        return cpuAllocated[i] + cpuMillis <= cpuCapacity[i] && memAllocated[i] + memoryMiB <= memCapacity[i];
    }

    /**
     * The first node, in cluster order, where the request fits, or -1.
     */
    public int firstFit(long cpuMillis, long memoryMiB) {
        for (int i = 0; i < names.length; i++) {
            if (fits(i, cpuMillis, memoryMiB)) {
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
    public boolean allocate(int i, long cpuMillis, long memoryMiB) {
        if (cpuMillis < 0 || memoryMiB < 0) {
            throw new IllegalArgumentException("negative request");
        }
        if (!fits(i, cpuMillis, memoryMiB)) {
            return false;
        }
        cpuAllocated[i] += cpuMillis;
        memAllocated[i] += memoryMiB;
        return true;
    }

    /**
     * Releases a request from node {@code i}.
     *
     * @throws IllegalStateException if more is released than is allocated
     */
    public void release(int i, long cpuMillis, long memoryMiB) {
        if (cpuMillis > cpuAllocated[i] || memoryMiB > memAllocated[i]) {
            throw new IllegalStateException("release exceeds allocation on " + names[i]);
        }
        cpuAllocated[i] -= cpuMillis;
        memAllocated[i] -= memoryMiB;
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
