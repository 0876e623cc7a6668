package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.PreemptionPolicy;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.Diagnosis;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.sched.api.PostFilterPlugin;
import io.capsim.engine.sched.api.SchedulerHandle;
import io.capsim.engine.sched.api.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Kubernetes' DefaultPreemption (PostFilter), without PodDisruptionBudgets and nominated nodes.
 *
 * <ol>
 *   <li>A pod with preemption policy Never, or whose nodes all failed unresolvably, preempts
 *       nothing.
 *   <li>On each node that failed with a resolvable reason, remove every running pod of lower
 *       priority; if the pod then passes the filters, reprieve the removed pods one by one, most
 *       important first (higher priority, then earlier start), keeping each that still lets the pod
 *       fit; the rest are the node's victims ({@code SelectVictimsOnNode}).
 *   <li>Pick the node whose victims have the lowest highest priority, then the lowest sum of
 *       priorities (each offset by 2^31, so fewer victims win ties), then the fewest victims,
 *       then the latest start among the highest-priority victims, then the lowest node index
 *       ({@code pickOneNodeForPreemption}).
 *   <li>Evict the victims: they return to the queue and pay their restart cost when they run
 *       again. The preemptor is retried at once.
 * </ol>
 */
public final class DefaultPreemption implements PostFilterPlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.DEFAULT_PREEMPTION, c -> new DefaultPreemption(c.handle()));

    private final SchedulerHandle handle;

    private DefaultPreemption(SchedulerHandle handle) {
        this.handle = handle;
    }

    @Override
    public String name() {
        return BuiltInPlugins.DEFAULT_PREEMPTION;
    }

    /** A node's victims. */
    private record Candidate(int node, List<Pod> victims, int highest, long prioritySum, long highestStart) {}

    private static final Comparator<Pod> MORE_IMPORTANT = Comparator
            .comparingInt((Pod p) -> -p.priority())
            .thenComparingLong(Pod::boundAt)
            .thenComparingLong(Pod::id);

    @Override
    public Status postFilter(CycleState state, Pod pod, Diagnosis diagnosis) {
        if (pod.spec().preemptionPolicy() == PreemptionPolicy.NEVER) {
            return Status.unschedulable(name(), "not eligible: preemptionPolicy is Never");
        }
        if (diagnosis.preFilterStatus() != null) {
            return Status.unschedulable(name(), "preemption is not helpful: PreFilter failed");
        }
        ClusterView cluster = handle.cluster();
        Candidate best = null;
        for (int i = 0; i < cluster.size(); i++) {
            if (diagnosis.code(i) != Code.UNSCHEDULABLE) {
                continue;
            }
            Candidate c = victimsOn(state, pod, i, cluster);
            if (c != null && (best == null || better(c, best))) {
                best = c;
            }
        }
        if (best == null) {
            return Status.unschedulable(name(), "preemption: no node has lower-priority pods whose eviction makes room");
        }
        handle.recordPreemption();
        for (Pod v : best.victims()) {
            handle.preempt(v, pod);
        }
        return Status.SUCCESS;
    }

    private static boolean better(Candidate a, Candidate b) {
        if (a.highest() != b.highest()) {
            return a.highest() < b.highest();
        }
        if (a.prioritySum() != b.prioritySum()) {
            return a.prioritySum() < b.prioritySum();
        }
        if (a.victims().size() != b.victims().size()) {
            return a.victims().size() < b.victims().size();
        }
        return a.highestStart() > b.highestStart();
    }

    private Candidate victimsOn(CycleState state, Pod pod, int node, ClusterView cluster) {
        if (cluster.lowestPriorityOn(node) >= pod.priority()) {
            return null; // no pod of lower priority: nothing to remove (SelectVictimsOnNode's early return)
        }
        List<Pod> potential = new ArrayList<>();
        for (Pod p : cluster.podsOn(node)) {
            if (p.phase() == PodPhase.RUNNING && p.priority() < pod.priority()) {
                potential.add(p);
            }
        }
        if (potential.isEmpty()) {
            return null;
        }
        potential.sort(MORE_IMPORTANT);
        long[] masks = new long[potential.size()];
        for (int k = 0; k < potential.size(); k++) {
            masks[k] = handle.detach(potential.get(k));
        }
        List<Pod> victims = new ArrayList<>();
        if (handle.runFilters(state, pod, node) == Code.SUCCESS) {
            for (int k = 0; k < potential.size(); k++) {
                Pod p = potential.get(k);
                handle.reattach(p, node, masks[k]);
                if (handle.runFilters(state, pod, node) != Code.SUCCESS) {
                    handle.detach(p);
                    victims.add(p);
                }
            }
        } else {
            victims = null;
        }
        // Restore the node exactly.
        for (int k = 0; k < potential.size(); k++) {
            Pod p = potential.get(k);
            if (p.node() < 0) {
                handle.reattach(p, node, masks[k]);
            }
        }
        if (victims == null || victims.isEmpty()) {
            return null;
        }
        int highest = Integer.MIN_VALUE;
        long sum = 0;
        for (Pod v : victims) {
            highest = Math.max(highest, v.priority());
            sum += (long) v.priority() + (1L << 31);
        }
        long earliestOfHighest = Long.MAX_VALUE;
        for (Pod v : victims) {
            if (v.priority() == highest) {
                earliestOfHighest = Math.min(earliestOfHighest, v.boundAt());
            }
        }
        return new Candidate(node, victims, highest, sum, earliestOfHighest);
    }
}
