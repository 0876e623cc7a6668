package io.capsim.benchmarks;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.ClusterState;
import io.capsim.engine.sched.PodInfo;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.SchedulerConfig;
import io.capsim.engine.sched.SchedulerProfile;
import io.capsim.engine.sched.TargetWorkload;
import io.capsim.engine.sched.experiment.PolicyProfiles;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
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
 * One scheduling cycle (plus the pod's arrival, bind and departure events) on a cluster of
 * {@code nodes} openb GPU nodes (the 1,213 node types repeated), half of its GPUs already allocated by
 * openb pods. Each call schedules one pod drawn from the openb pod list, which leaves again at once,
 * so the cluster stays at the same fill; a pod that finds no node is deleted. Every node is filtered
 * and scored. The scheduler's pod records grow by one per call (about 200 bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SchedulingCycleBenchmark {

    @Param({"100", "1000", "10000"})
    public int nodes;

    @Param({"fgd", "kubernetes-default"})
    public String profile;

    private Simulator sim;
    private Scheduler scheduler;
    private List<PodSpec> transientPods;
    private UniformRandomProvider pick;

    @Setup(Level.Trial)
    public void setUp() {
        List<NodeSpec> types = OpenbTrace.gpuNodes();
        List<NodeSpec> cluster = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            NodeSpec t = types.get(i % types.size());
            cluster.add(NodeSpec.of("node-" + i, t.cpuMillis(), t.memoryMiB(), t.gpus(), t.gpuModel()));
        }
        List<PodSpec> pods = OpenbTrace.specs(OpenbTrace.defaultPods());
        SchedulerProfile p = profile.equals("fgd") ? PolicyProfiles.fgd()
                : SchedulerProfile.kubernetesDefault().withPercentageOfNodesToScore(100);
        sim = new Simulator();
        ClusterState state = new ClusterState(cluster);
        RandomStreams streams = new RandomStreams(11);
        scheduler = new Scheduler(sim, state, p, SchedulerConfig.defaults().withMaxUnschedulable(Long.MAX_VALUE), streams,
                TargetWorkload.fromPods(pods, 0.95, true), BuiltInPlugins.registry());
        pick = streams.stream("bench/pods");
        // Fill to half the GPU capacity with pods that stay.
        while (state.gpuMilliUsedTotal() < state.gpuMilliCapacityTotal() / 2) {
            PodInfo f = scheduler.submit(pods.get(pick.nextInt(pods.size())).toBuilder().durationTicks(-1).build(), sim.now());
            sim.run();
            if (f.boundAt() < 0) {
                scheduler.delete(f);
            }
        }
        transientPods = pods.stream().map(x -> x.toBuilder().durationTicks(0).build()).toList();
    }

    @Benchmark
    public PodInfo scheduleOnePod() {
        PodInfo p = scheduler.submit(transientPods.get(pick.nextInt(transientPods.size())), sim.now());
        sim.run();
        if (p.boundAt() < 0) {
            // Found no node: withdraw it, so failed pods do not pile up and get retried by later calls.
            scheduler.delete(p);
        }
        return p;
    }
}
