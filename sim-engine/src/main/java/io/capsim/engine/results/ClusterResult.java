package io.capsim.engine.results;

import java.util.List;

/**
 * Cluster capacity and its time-weighted use over the measured window. Allocated is what pods
 * request (assumed or bound); used is what serving replicas use by the service's usage model
 * plus what running job pods request.
 *
 * @param nodes number of nodes
 * @param pools the node pools
 * @param cpuCapacityMillis total allocatable CPU, millicores
 * @param memoryCapacityMiB total allocatable memory, MiB
 * @param gpus total GPUs
 * @param cpuAllocated time-average fraction of CPU allocated
 * @param cpuUsed time-average fraction of CPU used
 * @param memoryAllocated time-average fraction of memory allocated
 * @param memoryUsed time-average fraction of memory used
 * @param gpuAllocated time-average fraction of GPU allocated (NaN without GPUs)
 * @param gpuUsed time-average fraction of GPU busy (NaN without GPUs)
 * @param gpuFragmentationMean FGD fragmentation averaged over the samples, GPUs (NaN without GPUs
 *     or target workload)
 * @param gpuFragmentationMax largest sampled fragmentation, GPUs (NaN likewise)
 * @param nodeHours node-hours of the measured window
 * @param cost node-hours times each pool's cost per node-hour
 * @param autoscaler what the cluster autoscaler did, or null when it is off
 * @param coreHoursAllocated CPU the pods request, integrated over the measured window, core-hours
 * @param coreHoursUsed CPU used over the window, core-hours
 * @param gpuHoursAllocated GPUs the pods request over the window, GPU-hours
 * @param gpuHoursUsed GPUs busy over the window, GPU-hours
 */
public record ClusterResult(
        int nodes,
        List<Pool> pools,
        long cpuCapacityMillis,
        long memoryCapacityMiB,
        long gpus,
        double cpuAllocated,
        double cpuUsed,
        double memoryAllocated,
        double memoryUsed,
        double gpuAllocated,
        double gpuUsed,
        double gpuFragmentationMean,
        double gpuFragmentationMax,
        double nodeHours,
        double cost,
        ClusterAutoscalerResult autoscaler,
        double coreHoursAllocated,
        double coreHoursUsed,
        double gpuHoursAllocated,
        double gpuHoursUsed) {

    public ClusterResult {
        pools = List.copyOf(pools);
    }

    /** A result without a cluster autoscaler, core-hours or GPU-hours (0). */
    public ClusterResult(int nodes, List<Pool> pools, long cpuCapacityMillis, long memoryCapacityMiB, long gpus,
            double cpuAllocated, double cpuUsed, double memoryAllocated, double memoryUsed, double gpuAllocated,
            double gpuUsed, double gpuFragmentationMean, double gpuFragmentationMax, double nodeHours, double cost) {
        this(nodes, pools, cpuCapacityMillis, memoryCapacityMiB, gpus, cpuAllocated, cpuUsed, memoryAllocated,
                memoryUsed, gpuAllocated, gpuUsed, gpuFragmentationMean, gpuFragmentationMax, nodeHours, cost, null, 0, 0, 0,
                0);
    }

    /**
     * One node pool.
     *
     * @param name pool name
     * @param nodes nodes in the pool
     * @param cpuMillis allocatable CPU per node
     * @param memoryMiB allocatable memory per node
     * @param gpus GPUs per node
     * @param gpuModel GPU model, empty without GPUs
     * @param speed relative speed
     * @param costPerNodeHour price of a node for an hour
     */
    public record Pool(String name, int nodes, long cpuMillis, long memoryMiB, int gpus, String gpuModel, double speed,
            double costPerNodeHour) {}
}
