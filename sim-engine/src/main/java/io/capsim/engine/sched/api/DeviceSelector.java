package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.Pod;

/**
 * Chooses which GPU devices of the selected node a pod takes (GPU-sharing schedulers decide this
 * at scheduling time). The first enabled score plugin that implements it decides; otherwise the
 * scheduler uses {@link io.capsim.engine.cluster.ClusterView#defaultDevices}.
 */
public interface DeviceSelector extends Plugin {

    /**
     * @return a mask of {@code pod.requests().gpus()} devices of {@code node} with room, or -1 to
     *     defer to the default
     */
    long selectDevices(CycleState state, Pod pod, int node);
}
