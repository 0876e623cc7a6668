package io.capsim.engine.sched;

import io.capsim.engine.api.ApiServer;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.controllers.ControllerManager;
import io.capsim.engine.controllers.Kubelet;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import java.util.ArrayList;
import java.util.List;

/**
 * Small builders for scheduler tests: a cluster, a scheduler, the API and the kubelet (so pods with
 * a duration finish), and pods created at chosen times.
 */
public final class Kit {

    /** The hostname label every test node carries. */
    public static final String HOSTNAME = "kubernetes.io/hostname";

    public final Simulator sim = new Simulator();
    public final ClusterState cluster;
    public final Scheduler scheduler;
    public final ApiServer api;

    public Kit(List<NodeSpec> nodes, SchedulerProfile profile, SchedulerConfig config) {
        this(nodes, profile, config, TargetWorkload.EMPTY);
    }

    public Kit(List<NodeSpec> nodes, SchedulerProfile profile, SchedulerConfig config, TargetWorkload workload) {
        cluster = new ClusterState(nodes);
        RandomStreams streams = new RandomStreams(42);
        scheduler = new Scheduler(sim, cluster, profile, config, streams, workload, BuiltInPlugins.registry());
        api = new ApiServer(sim, cluster);
        new ControllerManager(sim, cluster, api, streams).add(new Kubelet());
    }

    /** A pod created at {@code time}: its record exists from then on. */
    public static final class TestPod {
        final PodSpec spec;
        Pod pod;

        TestPod(PodSpec spec) {
            this.spec = spec;
        }

        /** The cluster's record, or null before creation. */
        public Pod pod() {
            return pod;
        }

        public PodPhase phase() {
            return pod == null ? PodPhase.PENDING : pod.phase();
        }

        public int node() {
            return pod == null ? -1 : pod.node();
        }

        public long boundAt() {
            return pod == null ? -1 : pod.boundAt();
        }

        public long createdAt() {
            return pod == null ? -1 : pod.createdAt();
        }

        public PodEndReason endReason() {
            return pod == null ? null : pod.endReason();
        }

        @Override
        public String toString() {
            return pod == null ? spec.name() + "(not created)" : pod.toString();
        }
    }

    /**
     * Creates the pod at {@code time} (now, or by a kernel event later). A pod that names the
     * default scheduler is given the kit's (first) profile when no profile is named so.
     */
    public TestPod submit(PodSpec given, long time) {
        PodSpec spec = given.schedulerName().equals(PodSpec.DEFAULT_SCHEDULER)
                && scheduler.framework(PodSpec.DEFAULT_SCHEDULER) == null
                ? given.toBuilder().schedulerName(scheduler.profileNames().get(0)).build() : given;
        TestPod t = new TestPod(spec);
        if (time <= sim.now()) {
            t.pod = api.createPod(spec, 0);
        } else {
            sim.scheduleAt(time, (kind, arg) -> t.pod = api.createPod(spec, 0), 0, 0);
        }
        return t;
    }

    /** Deletes a live pod now. */
    public void delete(TestPod p) {
        api.deletePod(p.pod, PodEndReason.DELETED);
    }

    /** Adds a node now. */
    public int addNode(NodeSpec node) {
        return api.addNode(node);
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
