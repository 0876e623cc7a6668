package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/**
 * Chooses which GPU devices of the selected node a pod takes (GPU-sharing schedulers decide this
 * at scheduling time), before the pod is assumed. The first enabled reserve plugin that implements
 * it decides (a device policy of its own, combinable with any score, as the FGD paper's
 * simulator's Open-Gpu-Share plugin chooses devices at Reserve; see {@code GpuSelection});
 * otherwise the first enabled score plugin that implements it (FGD chooses the device it scored);
 * otherwise, or when it returns -1, the scheduler uses {@link
 * io.capsim.engine.cluster.ClusterView#defaultDevices} (best fit).
 */
public interface DeviceSelector extends Plugin {

    /**
     * @return a mask of {@code pod.requests().gpus()} devices of {@code node} with room, or -1 to
     *     defer to the default
     */
    long selectDevices(CycleState state, Pod pod, int node);
}
