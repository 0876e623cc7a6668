package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import java.util.List;

/**
 * Reads (requested after placement, capacity) of a list of named resources on a node into
 * primitive arrays, without allocating. CPU and memory use Kubernetes' non-zero defaults for
 * scoring (a pod requesting no CPU counts 100m, no memory 200 MiB).
 */
final class ResourceVector {

    static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    static final long DEFAULT_MEMORY_REQUEST_MIB = 200;

    private static final int CPU = -1;
    private static final int MEMORY = -2;
    private static final int GPU = -3;
    private static final int UNKNOWN = -4;

    final String[] names;
    final long[] weights;
    final long[] requested;
    final long[] capacity;
    private final int[] kind;
    private final ClusterView cluster;

    ResourceVector(List<ResourceWeight> resources, ClusterView cluster) {
        this.cluster = cluster;
        int n = resources.size();
        names = new String[n];
        weights = new long[n];
        requested = new long[n];
        capacity = new long[n];
        kind = new int[n];
        for (int k = 0; k < n; k++) {
            ResourceWeight r = resources.get(k);
            names[k] = r.name();
            weights[k] = r.weight();
            kind[k] = switch (r.name()) {
                case "cpu" -> CPU;
                case "memory" -> MEMORY;
                case ResourceWeight.GPU -> GPU;
                default -> {
                    int e = cluster.extendedIndex(r.name());
                    yield e >= 0 ? e : UNKNOWN;
                }
            };
        }
    }

    /** Fills {@link #requested} (node usage plus the pod's request) and {@link #capacity}. */
    void fill(Pod pod, int node) {
        var req = pod.requests();
        for (int k = 0; k < kind.length; k++) {
            switch (kind[k]) {
                case CPU -> {
                    long r = req.cpuMillis() == 0 ? DEFAULT_MILLI_CPU_REQUEST : req.cpuMillis();
                    requested[k] = cluster.cpuUsed(node) + r;
                    capacity[k] = cluster.cpuCapacity(node);
                }
                case MEMORY -> {
                    long r = req.memoryMiB() == 0 ? DEFAULT_MEMORY_REQUEST_MIB : req.memoryMiB();
                    requested[k] = cluster.memoryUsed(node) + r;
                    capacity[k] = cluster.memoryCapacity(node);
                }
                case GPU -> {
                    requested[k] = cluster.gpuMilliUsed(node) + req.gpuMilliTotal();
                    capacity[k] = (long) cluster.gpuCount(node) * 1000;
                }
                case UNKNOWN -> {
                    requested[k] = 0;
                    capacity[k] = 0;
                }
                default -> {
                    requested[k] = cluster.extendedUsed(node, kind[k]) + pod.extendedRequest(kind[k]);
                    capacity[k] = cluster.extendedCapacity(node, kind[k]);
                }
            }
        }
    }
}
