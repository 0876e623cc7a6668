package io.capsim.engine.results;

import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.Resources;
import java.util.function.LongSupplier;

/**
 * Integrates the cluster's allocation over time (told of every change), and the resources of
 * running job pods (which count as used). Allocates nothing per change.
 */
public final class ClusterRecorder implements ClusterListener {

    private final ClusterView cluster;
    private final LongSupplier clock;
    private final TimeWeighted cpu = new TimeWeighted();
    private final TimeWeighted mem = new TimeWeighted();
    private final TimeWeighted gpu = new TimeWeighted();
    private final TimeWeighted jobCpu = new TimeWeighted();
    private final TimeWeighted jobMem = new TimeWeighted();
    private final TimeWeighted jobGpu = new TimeWeighted();
    private final TimeWeighted cpuCap = new TimeWeighted();
    private final TimeWeighted memCap = new TimeWeighted();
    private final TimeWeighted gpuCap = new TimeWeighted();

    /** A recorder of {@code cluster}, timed by {@code clock}. */
    public ClusterRecorder(ClusterView cluster, LongSupplier clock) {
        this.cluster = cluster;
        this.clock = clock;
        capacityChanged();
    }

    /** Starts the measured window. */
    public void startMeasuring(long now) {
        cpu.reset(now);
        mem.reset(now);
        gpu.reset(now);
        jobCpu.reset(now);
        jobMem.reset(now);
        jobGpu.reset(now);
        cpuCap.reset(now);
        memCap.reset(now);
        gpuCap.reset(now);
    }

    @Override
    public void nodeAdded(int node) {
        capacityChanged();
    }

    @Override
    public void nodeRemoved(int node) {
        capacityChanged();
    }

    private void capacityChanged() {
        long now = clock.getAsLong();
        cpuCap.set(now, cluster.cpuCapacityTotal());
        memCap.set(now, cluster.memoryCapacityTotal());
        gpuCap.set(now, cluster.gpuMilliCapacityTotal());
    }

    /** Time-average CPU capacity, millicores (it changes as nodes join and leave). */
    public double cpuCapacityMillis(long now) {
        return cpuCap.average(now);
    }

    /** Time-average memory capacity, MiB. */
    public double memoryCapacityMiB(long now) {
        return memCap.average(now);
    }

    /** Time-average GPU capacity, milli-GPU. */
    public double gpuCapacityMilli(long now) {
        return gpuCap.average(now);
    }

    @Override
    public void allocationChanged(int node) {
        long now = clock.getAsLong();
        cpu.set(now, cluster.cpuUsedTotal());
        mem.set(now, cluster.memoryUsedTotal());
        gpu.set(now, cluster.gpuMilliUsedTotal());
    }

    @Override
    public void podBound(Pod pod) {
        jobPod(pod, 1);
    }

    @Override
    public void podEnded(Pod pod) {
        if (pod.boundAt() >= 0) {
            jobPod(pod, -1);
        }
    }

    private void jobPod(Pod pod, int sign) {
        if (pod.spec().owner().kind() == Owner.Kind.REPLICA_SET) {
            return; // serving replicas use what their service's usage model says
        }
        long now = clock.getAsLong();
        Resources r = pod.requests();
        jobCpu.add(now, sign * r.cpuMillis());
        jobMem.add(now, sign * r.memoryMiB());
        jobGpu.add(now, sign * r.gpuMilliTotal());
    }

    /** Time-average CPU allocated, millicores. */
    public double cpuAllocatedMillis(long now) {
        return cpu.average(now);
    }

    /** Time-average memory allocated, MiB. */
    public double memoryAllocatedMiB(long now) {
        return mem.average(now);
    }

    /** Time-average GPU allocated, milli-GPU. */
    public double gpuAllocatedMilli(long now) {
        return gpu.average(now);
    }

    /** Time-average CPU requested by running non-serving pods, millicores. */
    public double jobCpuMillis(long now) {
        return jobCpu.average(now);
    }

    /** Time-average memory requested by running non-serving pods, MiB. */
    public double jobMemoryMiB(long now) {
        return jobMem.average(now);
    }

    /** Time-average GPU requested by running non-serving pods, milli-GPU. */
    public double jobGpuMilli(long now) {
        return jobGpu.average(now);
    }

    /** CPU requested by running non-serving pods now, millicores. */
    public double jobCpuMillisNow() {
        return jobCpu.value();
    }

    /** Memory requested by running non-serving pods now, MiB. */
    public double jobMemoryMiBNow() {
        return jobMem.value();
    }

    /** GPU requested by running non-serving pods now, milli-GPU. */
    public double jobGpuMilliNow() {
        return jobGpu.value();
    }
}
