package io.capsim.benchmarks;

import io.capsim.engine.api.ApiServer;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.controllers.ControllerManager;
import io.capsim.engine.controllers.Kubelet;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.workloads.trace.openb.OpenbTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One scheduling cycle (plus the pod's creation, bind, start and end events) on a cluster of
 * {@code nodes} openb GPU nodes (the 1,213 node types repeated, in two zones), half of its GPUs
 * already allocated by openb pods. Each call creates one pod drawn from the openb pod list, which
 * ends right after it starts, so the cluster stays at the same fill; a pod that finds no node is
 * deleted. Profiles: {@code fgd} (the FGD comparison profile, every node scored) and {@code
 * kubernetes-default} (kube-scheduler's default plugins) with {@code percentage} = 100 (every
 * feasible node scored) or 0 (kube-scheduler's adaptive default: 5% of 10,000 nodes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SchedulingCycleBenchmark {

    @Param({"100", "1000", "10000"})
    public int nodes;

    @Param({"fgd", "kubernetes-default"})
    public String profile;

    @Param({"100", "0"})
    public int percentage;

    private Simulator sim;
    private ClusterState state;
    private ApiServer api;
    private List<PodSpec> transientPods;
    private UniformRandomProvider pick;

    @Setup(Level.Trial)
    public void setUp() {
        List<NodeSpec> types = OpenbTrace.gpuNodes();
        List<NodeSpec> cluster = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            NodeSpec t = types.get(i % types.size());
            cluster.add(NodeSpec.of("node-" + i, t.cpuMillis(), t.memoryMiB(), t.gpus(), t.gpuModel())
                    .withLabels(java.util.Map.of(NodeSpec.HOSTNAME_LABEL, "node-" + i, NodeSpec.ZONE_LABEL, "z" + (i % 2))));
        }
        List<PodSpec> pods = OpenbTrace.specs(OpenbTrace.defaultPods());
        SchedulerProfile p = profile.equals("fgd") ? BuiltInProfiles.fgd() : BuiltInProfiles.kubernetesDefault();
        p = p.withPercentageOfNodesToScore(percentage);
        String name = p.schedulerName();
        sim = new Simulator();
        state = new ClusterState(cluster);
        RandomStreams streams = new RandomStreams(11);
        new Scheduler(sim, state, p, SchedulerConfig.defaults().withMaxUnschedulable(Long.MAX_VALUE), streams,
                TargetWorkload.fromPods(pods, 0.95, true), BuiltInPlugins.registry());
        api = new ApiServer(sim, state);
        new ControllerManager(sim, state, api, streams).add(new Kubelet());
        pick = streams.stream("bench/pods");
        // Fill to half the GPU capacity with pods that stay.
        while (state.gpuMilliUsedTotal() < state.gpuMilliCapacityTotal() / 2) {
            Pod f = api.createPod(pods.get(pick.nextInt(pods.size())).toBuilder().durationTicks(-1).schedulerName(name)
                    .build(), 0);
            sim.run();
            if (f.boundAt() < 0) {
                api.deletePod(f, PodEndReason.DELETED);
            }
        }
        transientPods = pods.stream().map(x -> x.toBuilder().durationTicks(0).schedulerName(name).build()).toList();
    }

    @Benchmark
    public Pod scheduleOnePod() {
        Pod p = api.createPod(transientPods.get(pick.nextInt(transientPods.size())), 0);
        sim.run();
        if (p.boundAt() < 0) {
            // Found no node: withdraw it, so failed pods do not pile up and get retried by later calls.
            api.deletePod(p, PodEndReason.DELETED);
        }
        return p;
    }
}
