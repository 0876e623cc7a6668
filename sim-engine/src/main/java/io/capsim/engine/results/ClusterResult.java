package io.capsim.engine.results;

/**
 * Cluster capacity and its time-weighted use over the measured window, as fractions of capacity
 * (0..1; {@code used} may exceed {@code allocated} when replicas burst above their requests).
 *
 * @param nodes number of nodes
 * @param cpuCapacityMillis total allocatable CPU, millicores
 * @param memoryCapacityMiB total allocatable memory, MiB
 * @param cpuAllocated time-average fraction of CPU requested by placed replicas
 * @param cpuUsed time-average fraction of CPU used
 * @param memoryAllocated time-average fraction of memory requested by placed replicas
 * @param memoryUsed time-average fraction of memory used
 * @param gpus total GPUs
 * @param gpuAllocated time-average fraction of GPUs requested by placed replicas (NaN if no GPU)
 * @param gpuUsed time-average fraction of GPUs busy (NaN if no GPU)
 */
public record ClusterResult(
        int nodes,
        long cpuCapacityMillis,
        long memoryCapacityMiB,
        double cpuAllocated,
        double cpuUsed,
        double memoryAllocated,
        double memoryUsed,
        long gpus,
        double gpuAllocated,
        double gpuUsed) {}
