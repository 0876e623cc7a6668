package io.capsim.scenarios.experiment;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.Fragmentation;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.results.InflationResult;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.spi.Registry;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The workload-inflation experiment of the FGD paper (Weng et al., USENIX ATC'23, Sec. 6.1): pods
 * drawn from a trace's pod list arrive one by one into an empty cluster, and never leave, until
 * their GPU requests reach a share of the cluster's GPU capacity (1.3 in the paper); after each
 * arrival the allocation and the fragmentation are recorded.
 *
 * <ol>
 *   <li>The target workload is the pod list's typical pods (95% popularity, CPU-only pods
 *       included), as the paper's simulator configures it.
 *   <li>The arrivals, drawn with the stream {@code trace/inflation-sample}, by {@link Sampling}:
 *       uniformly with replacement until the target is reached, or the paper simulator's way
 *       (every pod of the list once in random order, then random copies). CPU-only pods arrive
 *       too and count 0 GPU.
 *   <li>Each pod gets one scheduling attempt (no deletions happen, and unschedulable pods are
 *       not retried without a cluster event).
 * </ol>
 *
 * <p>It drives the engine from outside (one scheduler, no controllers: pods never leave), as
 * OpenDC's experiment runner does. Deterministic: same inputs and seed, same result. Not
 * thread-safe; independent runs may run on different threads.
 */
public final class InflationExperiment {

    /** Popularity threshold of the typical pods. */
    public static final double TYPICAL_POD_THRESHOLD = 0.95;

    /** How the arrivals are drawn from the pod list. */
    public enum Sampling {
        /** Each arrival uniformly, with replacement, until the arrived GPU requests reach the target. */
        WITH_REPLACEMENT,
        /**
         * As the FGD paper's simulator prepares its workload ({@code SortClusterPods} with {@code
         * shufflePod}, then {@code TunePodsByNodeTotalResource}, hkust-adsl/kubernetes-scheduler-simulator
         * {@code pkg/simulator/simulator.go}): every pod of the list once, in a uniformly random
         * order (Fisher-Yates); if their GPU requests exceed the target, pods chosen uniformly at
         * random are removed until they do not; otherwise copies of pods drawn uniformly from the
         * list are appended until the next copy's GPU request per device ({@code MilliGpu}, as
         * the simulator tests it) would pass the target. All of them arrive.
         */
        SHUFFLED_LIST
    }

    private InflationExperiment() {}

    /** The run with the built-in plugins, kube-scheduler's random tie-break and sampling with replacement. */
    public static InflationResult run(List<NodeSpec> nodes, List<PodSpec> pods, SchedulerProfile profile, long seed,
            double targetShare) {
        return run(nodes, pods, profile, seed, targetShare, SchedulerConfig.TieBreak.RANDOM, Sampling.WITH_REPLACEMENT,
                BuiltInPlugins.registry());
    }

    /**
     * The paper's arrival sequence ({@link Sampling#SHUFFLED_LIST}): indices into {@code pods}.
     *
     * @param rng the stream drawn from
     * @param target arrived GPU requests aimed at, milli-GPU
     */
    static int[] shuffledList(List<PodSpec> pods, UniformRandomProvider rng, double target) {
        int n = pods.size();
        int[] seq = new int[n];
        for (int i = 0; i < n; i++) {
            seq[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = seq[i];
            seq[i] = seq[j];
            seq[j] = t;
        }
        long total = 0;
        for (PodSpec p : pods) {
            total += p.requests().gpuMilliTotal();
        }
        int len = n;
        boolean inflate = total < target;
        while (total > target && len > 0) {
            int k = rng.nextInt(len);
            total -= pods.get(seq[k]).requests().gpuMilliTotal();
            System.arraycopy(seq, k + 1, seq, k, len - k - 1);
            len--;
        }
        if (inflate) {
            while (true) {
                int k = rng.nextInt(n);
                var r = pods.get(k).requests();
                if (total + r.gpuMilliPerGpu() > target) {
                    break;
                }
                total += r.gpuMilliTotal();
                if (len == seq.length) {
                    seq = java.util.Arrays.copyOf(seq, 2 * len);
                }
                seq[len++] = k;
            }
        }
        return java.util.Arrays.copyOf(seq, len);
    }

    /**
     * Runs one experiment.
     *
     * @param nodes the cluster, with at least one GPU
     * @param pods the pod list arrivals are drawn from, not empty; durations are ignored
     * @param profile scheduling profile
     * @param seed master seed of the run's random streams
     * @param targetShare stop once arrived GPU requests reach this multiple of GPU capacity, in (0, 10]
     * @param tieBreak choice among equally scored nodes; the paper's simulator's is {@code RANDOM_ORDER}
     * @param sampling how arrivals are drawn from {@code pods}
     * @throws IllegalArgumentException for an empty pod list, a cluster without GPUs, a bad share or
     *     an invalid profile
     */
    public static InflationResult run(List<NodeSpec> nodes, List<PodSpec> pods, SchedulerProfile profile, long seed,
            double targetShare, SchedulerConfig.TieBreak tieBreak, Sampling sampling, Registry<PluginFactory<?>> registry) {
        if (pods.isEmpty()) {
            throw new IllegalArgumentException("pod list is empty");
        }
        if (!(targetShare > 0 && targetShare <= 10)) {
            throw new IllegalArgumentException("targetShare " + targetShare + " is not in (0, 10]");
        }
        boolean anyGpuPod = pods.stream().anyMatch(p -> p.requests().gpus() > 0);
        if (!anyGpuPod) {
            throw new IllegalArgumentException("no pod in the list requests a GPU: arrivals would never reach the target");
        }
        ClusterState cluster = new ClusterState(nodes);
        long capacity = cluster.gpuMilliCapacityTotal();
        if (capacity == 0) {
            throw new IllegalArgumentException("the cluster has no GPUs");
        }
        Simulator sim = new Simulator();
        RandomStreams streams = new RandomStreams(seed);
        TargetWorkload workload = TargetWorkload.fromPods(pods, TYPICAL_POD_THRESHOLD, true);
        SchedulerConfig config = SchedulerConfig.defaults().withMaxUnschedulable(Long.MAX_VALUE).withTieBreak(tieBreak);
        Scheduler scheduler = new Scheduler(sim, cluster, profile, config, streams, workload, registry);
        Fragmentation.Tracker frag = new Fragmentation(workload, cluster).tracker();
        UniformRandomProvider sample = streams.stream("trace/inflation-sample");
        // Arrivals never leave (durations are dropped) and are scheduled by the profile under test.
        List<PodSpec> forever = pods.stream().map(p -> p.toBuilder().durationTicks(-1)
                .schedulerName(profile.schedulerName()).build()).toList();

        double target = targetShare * capacity;
        int[] sequence = sampling == Sampling.SHUFFLED_LIST ? shuffledList(pods, sample, target) : null;
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, 2L * pods.size() * (long) Math.ceil(targetShare) + 16);
        double[] arrived = new double[Math.min(cap, 1024)];
        double[] unalloc = new double[arrived.length];
        double[] fragmented = new double[arrived.length];
        double[] cpu = new double[arrived.length];
        double[] mem = new double[arrived.length];
        int[] failed = new int[arrived.length];
        long arrivedMilli = 0;
        int failures = 0;
        int n = 0;
        while (sequence != null ? n < sequence.length : arrivedMilli < target) {
            PodSpec p = forever.get(sequence != null ? sequence[n] : sample.nextInt(forever.size()));
            arrivedMilli += p.requests().gpuMilliTotal();
            Pod info = cluster.createPod(p, 0, sim.now());
            sim.run();
            if (info.node() < 0) {
                failures++;
            }
            if (n == arrived.length) {
                int m = n * 2;
                arrived = java.util.Arrays.copyOf(arrived, m);
                unalloc = java.util.Arrays.copyOf(unalloc, m);
                fragmented = java.util.Arrays.copyOf(fragmented, m);
                cpu = java.util.Arrays.copyOf(cpu, m);
                mem = java.util.Arrays.copyOf(mem, m);
                failed = java.util.Arrays.copyOf(failed, m);
            }
            arrived[n] = arrivedMilli / (double) capacity;
            unalloc[n] = (capacity - cluster.gpuMilliUsedTotal()) / 1000.0;
            fragmented[n] = frag.totalMilli() / 1000.0;
            cpu[n] = cluster.cpuUsedTotal() / (double) cluster.cpuCapacityTotal();
            mem[n] = cluster.memoryUsedTotal() / (double) cluster.memoryCapacityTotal();
            failed[n] = failures;
            n++;
        }
        return new InflationResult(profile.schedulerName(), seed, targetShare, capacity / 1000.0,
                java.util.Arrays.copyOf(arrived, n), java.util.Arrays.copyOf(unalloc, n),
                java.util.Arrays.copyOf(fragmented, n), java.util.Arrays.copyOf(cpu, n),
                java.util.Arrays.copyOf(mem, n), java.util.Arrays.copyOf(failed, n));
    }
}
