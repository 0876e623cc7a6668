package io.capsim.benchmarks;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.sched.SchedulerConfig;
import io.capsim.engine.sched.SchedulerProfile;
import io.capsim.engine.sched.TargetWorkload;
import io.capsim.engine.sched.experiment.PodArrival;
import io.capsim.engine.sched.experiment.PolicyProfiles;
import io.capsim.engine.sched.experiment.TimedReplay;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.workloads.trace.openb.OpenbTrace;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Replays the openb default pod list at its creation times on the 1,213 GPU nodes (pods run from
 * bind for {@code deletion - scheduled} seconds) and prints the scheduler's summary.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.OpenbTimedReplay [policy|kubernetes-default]
 * </pre>
 */
public final class OpenbTimedReplay {

    private OpenbTimedReplay() {}

    public static void main(String[] args) {
        String policy = args.length > 0 ? args[0] : "kubernetes-default";
        List<NodeSpec> nodes = OpenbTrace.gpuNodes();
        List<PodArrival> pods = OpenbTrace.defaultPods();
        SchedulerProfile profile = policy.equals("kubernetes-default")
                ? SchedulerProfile.kubernetesDefault() : PolicyProfiles.byName(policy);
        long end = pods.stream().mapToLong(p -> p.creationTicks() + Math.max(0, p.spec().durationTicks())).max().orElse(0);
        long t0 = System.nanoTime();
        TimedReplay.Result r = TimedReplay.run(nodes, pods, profile, SchedulerConfig.defaults().withSampleInterval(60 * SimTime.SECOND),
                1, TargetWorkload.fromPods(OpenbTrace.specs(pods), 0.95, true), end, BuiltInPlugins.registry());
        double secs = (System.nanoTime() - t0) / 1e9;
        Histogram h = r.metrics().creationToBindMicros();
        double maxAlloc = 0;
        for (double v : r.metrics().gpuAllocation().values()) {
            maxAlloc = Math.max(maxAlloc, v);
        }
        double maxFrag = 0;
        for (double v : r.metrics().gpuFragmentation().values()) {
            maxFrag = Math.max(maxFrag, v);
        }
        System.out.printf(Locale.ROOT, "profile %s: %d pods, %d bound, %d pending at end, %d never schedulable, %d unschedulable attempts%n",
                profile.schedulerName(), r.pods(), r.bound(), r.pendingAtEnd(), r.neverSchedulable(), r.metrics().unschedulableAttempts());
        System.out.printf(Locale.ROOT, "creation->bind s: p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.1f%n",
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
        System.out.printf(Locale.ROOT, "peak GPU allocation %.3f, peak fragmentation %.1f GPUs; simulated %.1f days in %.2f s%n",
                maxAlloc, maxFrag, SimTime.toSeconds(r.endTicks()) / 86400, secs);
    }
}
