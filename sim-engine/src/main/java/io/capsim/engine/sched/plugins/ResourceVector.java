package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import java.util.List;

/**
 * Reads (requested after placement, allocatable) of a list of named resources on a node into
 * primitive arrays, without allocating, as kube-scheduler's {@code resourceAllocationScorer}
 * ({@code noderesources/resource_allocation.go}) computes them:
 *
 * <ol>
 *   <li>CPU and memory: with {@link Requests#NON_ZERO} (NodeResourcesFit), the node side is the sum
 *       over its pods of each pod's request or, for a pod that sets none, 100m / 200 MiB ({@code
 *       NodeInfo.NonZeroRequested}), and the incoming pod counts the same way ({@code
 *       NonMissingContainerRequests}); a request explicitly set to 0 counts 0. With {@link
 *       Requests#RAW} (NodeResourcesBalancedAllocation, {@code useRequested}) both sides use the
 *       requests as set.
 *   <li>GPUs ({@code nvidia.com/gpu}, in milli-GPU) and extended resources are scalar resources:
 *       when the incoming pod does not request one, it is left out ({@code (0, 0)}); otherwise the
 *       node's allocated amount plus the pod's request.
 *   <li>A resource the node does not offer (allocatable 0, or a name no node has) is left out:
 *       its capacity is 0, which every scorer skips.
 * </ol>
 */
final class ResourceVector {

    /** Which requests CPU and memory count with. */
    enum Requests {
        /** Requests as set (kube-scheduler's {@code useRequested = true}). */
        RAW,
        /** Unset requests count 100m / 200 MiB ({@code NonZeroRequested}). */
        NON_ZERO
    }

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
    private final boolean nonZero;

    ResourceVector(List<ResourceWeight> resources, ClusterView cluster, Requests requests) {
        this.cluster = cluster;
        this.nonZero = requests == Requests.NON_ZERO;
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

    /** Number of resources. */
    int size() {
        return kind.length;
    }

    /**
     * The incoming pod's request of resource {@code k} as this vector counts it (before the
     * scalar-resource rule leaves unrequested ones out).
     */
    long podRequest(Pod pod, int k) {
        return switch (kind[k]) {
            case CPU -> nonZero ? pod.nonZeroCpuMillis() : pod.requests().cpuMillis();
            case MEMORY -> nonZero ? pod.nonZeroMemoryMiB() : pod.requests().memoryMiB();
            case GPU -> pod.requests().gpuMilliTotal();
            case UNKNOWN -> pod.requests().extended(names[k]);
            default -> pod.extendedRequest(kind[k]);
        };
    }

    /** True if the pod requests none of the resources (kube-scheduler's {@code isBestEffortPod}). */
    boolean requestsNothing(Pod pod) {
        for (int k = 0; k < kind.length; k++) {
            if (podRequest(pod, k) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Fills {@link #requested} (node usage plus the pod's request) and {@link #capacity}. */
    void fill(Pod pod, int node) {
        ClusterView c = cluster;
        for (int k = 0; k < kind.length; k++) {
            switch (kind[k]) {
                case CPU -> {
                    if (nonZero) {
                        requested[k] = c.nonZeroCpuUsed(node) + pod.nonZeroCpuMillis();
                    } else {
                        requested[k] = c.cpuUsed(node) + pod.requests().cpuMillis();
                    }
                    capacity[k] = c.cpuCapacity(node);
                }
                case MEMORY -> {
                    if (nonZero) {
                        requested[k] = c.nonZeroMemoryUsed(node) + pod.nonZeroMemoryMiB();
                    } else {
                        requested[k] = c.memoryUsed(node) + pod.requests().memoryMiB();
                    }
                    capacity[k] = c.memoryCapacity(node);
                }
                case GPU -> {
                    long r = pod.requests().gpuMilliTotal();
                    if (r == 0) {
                        requested[k] = 0;
                        capacity[k] = 0;
                    } else {
                        requested[k] = c.gpuMilliUsed(node) + r;
                        capacity[k] = (long) c.gpuCount(node) * 1000;
                    }
                }
                case UNKNOWN -> {
                    requested[k] = 0;
                    capacity[k] = 0;
                }
                default -> {
                    long r = pod.extendedRequest(kind[k]);
                    if (r == 0) {
                        requested[k] = 0;
                        capacity[k] = 0;
                    } else {
                        requested[k] = c.extendedUsed(node, kind[k]) + r;
                        capacity[k] = c.extendedCapacity(node, kind[k]);
                    }
                }
            }
        }
    }
}
