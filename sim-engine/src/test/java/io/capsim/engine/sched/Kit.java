package io.capsim.engine.sched;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import java.util.ArrayList;
import java.util.List;

/** Small builders for scheduler tests. */
public final class Kit {

    /** The hostname label every test node carries. */
    public static final String HOSTNAME = "kubernetes.io/hostname";

    public final Simulator sim = new Simulator();
    public final ClusterState cluster;
    public final Scheduler scheduler;

    public Kit(List<NodeSpec> nodes, SchedulerProfile profile, SchedulerConfig config) {
        this(nodes, profile, config, TargetWorkload.EMPTY);
    }

    public Kit(List<NodeSpec> nodes, SchedulerProfile profile, SchedulerConfig config, TargetWorkload workload) {
        cluster = new ClusterState(nodes);
        scheduler = new Scheduler(sim, cluster, profile, config, new RandomStreams(42), workload, BuiltInPlugins.registry());
    }

    /** {@code count} nodes named {@code n0..}, each with the given CPU (cores), memory (GiB) and GPUs. */
    public static List<NodeSpec> gpuNodes(int count, int cores, int memGiB, int gpus) {
        List<NodeSpec> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(NodeSpec.of("n" + i, cores * 1000L, memGiB * 1024L, gpus, gpus > 0 ? "T4" : "")
                    .withLabels(java.util.Map.of(HOSTNAME, "n" + i)));
        }
        return out;
    }

    /** Selector for the node named {@code name}. */
    public static java.util.Map<String, String> on(String name) {
        return java.util.Map.of(HOSTNAME, name);
    }

    /** A pod with CPU millis, memory MiB, whole or shared GPUs. */
    public static PodSpec.Builder pod(String name, long cpuMillis, long memMiB, int gpus, int milli) {
        return PodSpec.builder(name).requests(Resources.of(cpuMillis, memMiB, gpus, milli));
    }
}
