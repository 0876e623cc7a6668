package io.capsim.engine.run;

import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.controllers.ClusterAutoscaler;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.results.ClusterAutoscalerResult;
import io.capsim.engine.results.ClusterRecorder;
import io.capsim.engine.results.ClusterResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's {@link ClusterResult} at its end: what was allocated and used as fractions of capacity
 * (the time-averaged capacity when a cluster autoscaler changed it, the fixed capacity otherwise),
 * node-hours and cost of the measured window (measured for the autoscaled pools, count times the
 * window for the others), core-hours and GPU-hours, and the fragmentation the sampler saw.
 */
final class ClusterResults {

    private ClusterResults() {}

    /**
     * The cluster's result at {@code end}.
     *
     * @param autoscaler the run's cluster autoscaler, or null when it is off
     * @param cpuUsed time-average CPU used by services and jobs, millicores
     * @param memUsed time-average memory used, MiB
     * @param gpuUsed time-average GPUs busy
     * @param end the run's end, ticks
     */
    static ClusterResult of(RunSpec spec, ClusterState cluster, ClusterRecorder recorder, ClusterAutoscaler autoscaler,
            TimeSeriesSampler sampler, double cpuUsed, double memUsed, double gpuUsed, long end) {
        boolean scaled = autoscaler != null; // capacity changed over the run: use its time average
        double cpuCap = scaled ? recorder.cpuCapacityMillis(end) : cluster.cpuCapacityTotal();
        double memCap = scaled ? recorder.memoryCapacityMiB(end) : cluster.memoryCapacityTotal();
        double gpuCap = (scaled ? recorder.gpuCapacityMilli(end) : cluster.gpuMilliCapacityTotal()) / 1000.0;
        double measuredHours = SimTime.toSeconds(end - spec.warmupTicks()) / 3600;
        List<ClusterResult.Pool> pools = new ArrayList<>();
        double nodeHours = 0;
        double cost = 0;
        for (NodePoolSpec p : spec.pools()) {
            pools.add(new ClusterResult.Pool(p.name(), p.count(), p.cpuMillis(), p.memoryMiB(), p.gpus(), p.gpuModel(),
                    p.speed(), p.costPerNodeHour()));
            nodeHours += p.count() * measuredHours;
            cost += p.count() * measuredHours * p.costPerNodeHour();
        }
        ClusterAutoscalerResult ca = scaled ? autoscaler.result(end) : null;
        if (ca != null) { // the autoscaled pools' node-hours are measured, the others fixed
            for (ClusterAutoscalerResult.Pool p : ca.pools()) {
                for (NodePoolSpec q : spec.pools()) {
                    if (q.name().equals(p.name())) {
                        nodeHours += p.nodeHours() - q.count() * measuredHours;
                        cost += p.cost() - q.count() * measuredHours * q.costPerNodeHour();
                    }
                }
            }
        }
        return new ClusterResult(
                cluster.liveNodeCount(),
                pools,
                cluster.cpuCapacityTotal(),
                cluster.memoryCapacityTotal(),
                cluster.gpuMilliCapacityTotal() / 1000,
                cpuCap > 0 ? recorder.cpuAllocatedMillis(end) / cpuCap : 0,
                cpuCap > 0 ? cpuUsed / cpuCap : 0,
                memCap > 0 ? recorder.memoryAllocatedMiB(end) / memCap : 0,
                memCap > 0 ? memUsed / memCap : 0,
                gpuCap > 0 ? recorder.gpuAllocatedMilli(end) / 1000.0 / gpuCap : Double.NaN,
                gpuCap > 0 ? gpuUsed / gpuCap : Double.NaN,
                sampler.fragmentationMean(),
                sampler.fragmentationMax(),
                nodeHours,
                cost,
                ca,
                recorder.cpuAllocatedMillis(end) / 1000 * measuredHours,
                cpuUsed / 1000 * measuredHours,
                gpuCap > 0 ? recorder.gpuAllocatedMilli(end) / 1000.0 * measuredHours : 0,
                gpuCap > 0 ? gpuUsed * measuredHours : 0);
    }
}
