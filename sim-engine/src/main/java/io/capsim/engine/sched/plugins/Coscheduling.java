package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.cluster.PodGroup;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.sched.api.ClusterEvent;
import io.capsim.engine.sched.api.ClusterEventListener;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.Diagnosis;
import io.capsim.engine.sched.api.PermitPlugin;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.sched.api.PostFilterPlugin;
import io.capsim.engine.sched.api.PreFilterPlugin;
import io.capsim.engine.sched.api.QueueSortPlugin;
import io.capsim.engine.sched.api.QueuedPodInfo;
import io.capsim.engine.sched.api.ReservePlugin;
import io.capsim.engine.sched.api.SchedulerHandle;
import io.capsim.engine.sched.api.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gang scheduling, as the scheduler-plugins Coscheduling plugin and Kubernetes 1.35's
 * workload-aware scheduling do it: the pods of a {@link PodGroup} are bound all together or not
 * at all.
 *
 * <ol>
 *   <li>QueueSort: priority, then the group's creation time and name, so a gang's members are
 *       tried in consecutive cycles.
 *   <li>PreFilter: a member waits (unschedulable) while fewer than {@code minMember} pods of its
 *       group exist, or while its group is denied after a failed attempt (until a cluster event or
 *       {@code deniedGroupExpirationTicks}).
 *   <li>Permit: a member whose group has fewer than {@code minMember} pods assumed or running waits,
 *       holding its reservation, for at most the group's timeout; the member that completes the
 *       quorum allows all waiting members, which then bind in the same cycle.
 *   <li>PostFilter: a member that finds no node rejects every waiting member of its group, so the
 *       gang holds nothing, and denies the group.
 *   <li>Unreserve: one rejected member (for example by timeout) rejects the others.
 * </ol>
 */
public final class Coscheduling implements QueueSortPlugin, PreFilterPlugin, PostFilterPlugin, ReservePlugin,
        PermitPlugin, ClusterEventListener {

    /**
     * Arguments.
     *
     * @param deniedGroupExpirationTicks how long a group stays denied after a failed attempt
     *     when no cluster event clears it, ticks, at least 1
     */
    public record Args(long deniedGroupExpirationTicks) implements PluginArgs {}

    /** The factory. */
    public static final PluginFactory<Args> FACTORY = new PluginFactory<>() {
        @Override public String name() { return BuiltInPlugins.COSCHEDULING; }
        @Override public Class<Args> argsType() { return Args.class; }
        @Override public Args defaultArgs() { return new Args(20 * SimTime.SECOND); }
        @Override public List<ConfigProblem> validate(Args a) {
            return a.deniedGroupExpirationTicks() < 1
                    ? List.of(ConfigProblem.at("deniedGroupExpirationTicks", a.deniedGroupExpirationTicks(),
                            a.deniedGroupExpirationTicks() + " must be >= 1"))
                    : List.of();
        }
        @Override public Coscheduling create(Args a, PluginContext c) { return new Coscheduling(a, c.handle()); }
    };

    private final SchedulerHandle handle;
    private final long deniedExpiration;
    private final Map<String, Long> deniedAt = new HashMap<>();
    private boolean rejecting;

    private Coscheduling(Args args, SchedulerHandle handle) {
        this.handle = handle;
        this.deniedExpiration = args.deniedGroupExpirationTicks();
    }

    @Override
    public String name() {
        return BuiltInPlugins.COSCHEDULING;
    }

    private long groupTime(QueuedPodInfo q) {
        PodGroup g = q.pod().spec().podGroup();
        if (g == null) {
            return q.initialAttemptTimestamp();
        }
        long t = handle.cluster().podGroupCreatedAt(g.name());
        return t < 0 ? q.pod().createdAt() : t;
    }

    @Override
    public boolean less(QueuedPodInfo qa, QueuedPodInfo qb) {
        Pod a = qa.pod();
        Pod b = qb.pod();
        if (a.priority() != b.priority()) {
            return a.priority() > b.priority();
        }
        long ta = groupTime(qa);
        long tb = groupTime(qb);
        if (ta != tb) {
            return ta < tb;
        }
        String ka = a.spec().podGroup() == null ? "" : a.spec().podGroup().name();
        String kb = b.spec().podGroup() == null ? "" : b.spec().podGroup().name();
        int c = ka.compareTo(kb);
        if (c != 0) {
            return c < 0;
        }
        return a.id() < b.id();
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        PodGroup g = pod.spec().podGroup();
        if (g == null) {
            return Status.SUCCESS;
        }
        Long denied = deniedAt.get(g.name());
        if (denied != null) {
            if (handle.now() - denied < deniedExpiration) {
                return Status.unschedulable(name(), "pod group " + g.name()
                        + " was rejected: not all members fit; waiting for cluster changes");
            }
            deniedAt.remove(g.name());
        }
        long alive = handle.cluster().podGroupMembers(g.name()).size();
        if (alive < g.minMember()) {
            return Status.unschedulable(name(), "pod group " + g.name() + " has " + alive
                    + " pods, fewer than minMember " + g.minMember());
        }
        return Status.SUCCESS;
    }

    @Override
    public Status postFilter(CycleState state, Pod pod, Diagnosis diagnosis) {
        PodGroup g = pod.spec().podGroup();
        if (g == null) {
            return Status.unschedulable(name(), "not a gang member");
        }
        rejectGroup(g, pod, "member " + pod.spec().name() + " found no node");
        return Status.unschedulable(name(), "pod group " + g.name() + " rejected");
    }

    private void rejectGroup(PodGroup g, Pod cause, String reason) {
        deniedAt.put(g.name(), handle.now());
        if (rejecting) {
            return;
        }
        rejecting = true;
        try {
            boolean any = false;
            for (Pod w : new ArrayList<>(handle.waitingPods())) {
                if (w != cause && w.spec().podGroup() != null && w.spec().podGroup().name().equals(g.name())) {
                    handle.reject(w, name(), reason);
                    any = true;
                }
            }
            if (any) {
                handle.recordGangRejection();
            }
        } finally {
            rejecting = false;
        }
    }

    @Override
    public Status reserve(CycleState state, Pod pod, int node) {
        return Status.SUCCESS;
    }

    @Override
    public void unreserve(Pod pod, int node) {
        PodGroup g = pod.spec().podGroup();
        if (g != null && !rejecting) {
            rejectGroup(g, pod, "member " + pod.spec().name() + " was rejected");
        }
    }

    @Override
    public Status permit(CycleState state, Pod pod, int node) {
        PodGroup g = pod.spec().podGroup();
        if (g == null) {
            return Status.SUCCESS;
        }
        long placed = 0;
        for (Pod m : handle.cluster().podGroupMembers(g.name())) {
            if (m.phase() == PodPhase.ASSUMED || m.phase() == PodPhase.RUNNING) {
                placed++;
            }
        }
        if (placed < g.minMember()) {
            return Status.waitFor(name(), g.timeoutTicks());
        }
        for (Pod w : new ArrayList<>(handle.waitingPods())) {
            if (w.spec().podGroup() != null && w.spec().podGroup().name().equals(g.name())) {
                handle.allow(w);
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public void onClusterEvent(ClusterEvent event, long now) {
        deniedAt.clear();
    }
}
