package io.capsim.engine.sched.experiment;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.ClusterState;
import io.capsim.engine.sched.PluginFactory;
import io.capsim.engine.sched.PodInfo;
import io.capsim.engine.sched.PodPhase;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.SchedulerConfig;
import io.capsim.engine.sched.SchedulerMetrics;
import io.capsim.engine.sched.SchedulerProfile;
import io.capsim.engine.sched.TargetWorkload;
import io.capsim.engine.spi.Registry;
import java.util.List;

/**
 * Replays pods at their creation times: each is scheduled by the profile, runs for its duration
 * once bound, then leaves (freeing its node and retrying unschedulable pods). The run stops at
 * {@code endTicks}; pods still pending then are counted, never dropped.
 */
public final class TimedReplay {

    private TimedReplay() {}

    /**
     * The outcome of a replay.
     *
     * @param metrics the scheduler's counters, histogram and time series
     * @param pods pods submitted
     * @param bound pods bound at least once
     * @param pendingAtEnd pods still waiting to be scheduled at the end
     * @param neverSchedulable pods reported as never schedulable
     * @param endTicks the time the run stopped
     */
    public record Result(SchedulerMetrics metrics, int pods, int bound, int pendingAtEnd, int neverSchedulable, long endTicks) {}

    /**
     * Runs a replay.
     *
     * @param workload FGD's target workload (for example {@code TargetWorkload.fromPods(specs, 0.95, true)}),
     *     also used for the fragmentation series; may be {@link TargetWorkload#EMPTY}
     * @param endTicks when to stop, ticks, at least 0
     */
    public static Result run(List<NodeSpec> nodes, List<PodArrival> pods, SchedulerProfile profile, SchedulerConfig config,
            long seed, TargetWorkload workload, long endTicks, Registry<PluginFactory<?>> registry) {
        if (endTicks < 0) {
            throw new IllegalArgumentException("endTicks " + endTicks + " < 0");
        }
        Simulator sim = new Simulator();
        ClusterState cluster = new ClusterState(nodes);
        Scheduler scheduler = new Scheduler(sim, cluster, profile, config, new RandomStreams(seed), workload, registry);
        for (PodArrival a : pods) {
            if (a.creationTicks() <= endTicks) {
                scheduler.submit(a.spec(), a.creationTicks());
            }
        }
        sim.runUntil(endTicks);
        scheduler.sample();
        int bound = 0;
        int pending = 0;
        for (PodInfo p : scheduler.pods()) {
            if (p.boundAt() >= 0) {
                bound++;
            }
            if (p.phase() == PodPhase.PENDING && p.arrived()) {
                pending++;
            }
        }
        return new Result(scheduler.metrics(), scheduler.pods().size(), bound, pending,
                scheduler.metrics().neverSchedulable().size(), sim.now());
    }
}
