package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.cluster.TargetWorkload;
import java.util.List;

/** Builds a scheduler over given nodes, places pods on chosen nodes and devices, and exposes plugins. */
final class PluginKit {

    final Simulator sim = new Simulator();
    final ClusterState cluster;
    final Scheduler scheduler;
    final CycleState state = new CycleState();

    PluginKit(List<NodeSpec> nodes, SchedulerProfile profile, TargetWorkload workload) {
        cluster = new ClusterState(nodes);
        scheduler = new Scheduler(sim, cluster, profile, SchedulerConfig.defaults(), new RandomStreams(7), workload,
                BuiltInPlugins.registry());
    }

    PluginKit(List<NodeSpec> nodes) {
        this(nodes, BuiltInProfiles.kubernetesDefault(), TargetWorkload.EMPTY);
    }

    /** A pod known to the cluster (the simulator is never run, so the scheduler never takes it). */
    Pod pod(PodSpec spec) {
        return cluster.createPod(spec, 0, 0);
    }

    /** Places a pod directly on a node and devices. */
    Pod place(PodSpec spec, int node, long deviceMask) {
        Pod p = pod(spec);
        cluster.assume(p, node, deviceMask);
        return p;
    }
}
