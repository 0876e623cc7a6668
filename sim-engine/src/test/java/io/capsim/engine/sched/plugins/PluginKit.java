package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.ClusterState;
import io.capsim.engine.sched.CycleState;
import io.capsim.engine.sched.PodInfo;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.SchedulerConfig;
import io.capsim.engine.sched.SchedulerProfile;
import io.capsim.engine.sched.TargetWorkload;
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
        this(nodes, SchedulerProfile.kubernetesDefault(), TargetWorkload.EMPTY);
    }

    /** A pod known to the scheduler (submitted far in the future so it never arrives). */
    PodInfo pod(PodSpec spec) {
        return scheduler.submit(spec, Long.MAX_VALUE / 2);
    }

    /** Places a pod directly on a node and devices. */
    PodInfo place(PodSpec spec, int node, long deviceMask) {
        PodInfo p = pod(spec);
        cluster.assign(p, node, deviceMask);
        return p;
    }
}
