package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.PodGroup;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.sched.ClusterEvent;
import io.capsim.engine.sched.ClusterEventListener;
import io.capsim.engine.sched.CycleState;
import io.capsim.engine.sched.Diagnosis;
import io.capsim.engine.sched.PermitPlugin;
import io.capsim.engine.sched.PluginArgs;
import io.capsim.engine.sched.PluginContext;
import io.capsim.engine.sched.PluginFactory;
import io.capsim.engine.sched.PodInfo;
import io.capsim.engine.sched.PodPhase;
import io.capsim.engine.sched.PostFilterPlugin;
import io.capsim.engine.sched.PreFilterPlugin;
import io.capsim.engine.sched.QueueSortPlugin;
import io.capsim.engine.sched.ReservePlugin;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.SchedulerHandle;
import io.capsim.engine.sched.Status;
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
        @Override public List<String> validate(Args a) {
            return a.deniedGroupExpirationTicks() < 1
                    ? List.of("deniedGroupExpirationTicks: " + a.deniedGroupExpirationTicks() + " must be >= 1")
                    : List.of();
        }
        @Override public Coscheduling create(Args a, PluginContext c) { return new Coscheduling(a, c.handle()); }
    };

    private final SchedulerHandle handle;
    private final long deniedExpiration;
    private final Map<String, List<PodInfo>> members = new HashMap<>();
    private final Map<String, Long> groupCreated = new HashMap<>();
    private final Map<String, Long> deniedAt = new HashMap<>();
    private int synced;
    private boolean rejecting;

    private Coscheduling(Args args, SchedulerHandle handle) {
        this.handle = handle;
        this.deniedExpiration = args.deniedGroupExpirationTicks();
    }

    @Override
    public String name() {
        return BuiltInPlugins.COSCHEDULING;
    }

    private void sync() {
        List<PodInfo> all = handle.pods();
        for (; synced < all.size(); synced++) {
            PodInfo p = all.get(synced);
            PodGroup g = p.spec().podGroup();
            if (g != null) {
                members.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(p);
                groupCreated.merge(g.name(), p.createdAt(), Math::min);
            }
        }
    }

    private long groupTime(PodInfo p) {
        PodGroup g = p.spec().podGroup();
        if (g == null) {
            return p.queueTimestamp();
        }
        sync();
        return groupCreated.get(g.name());
    }

    @Override
    public boolean less(PodInfo a, PodInfo b) {
        if (a.priority() != b.priority()) {
            return a.priority() > b.priority();
        }
        long ta = groupTime(a);
        long tb = groupTime(b);
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
    public Status preFilter(CycleState state, PodInfo pod) {
        PodGroup g = pod.spec().podGroup();
        if (g == null) {
            return Status.SUCCESS;
        }
        sync();
        Long denied = deniedAt.get(g.name());
        if (denied != null) {
            if (handle.now() - denied < deniedExpiration) {
                return Status.unschedulable(name(), "pod group " + g.name()
                        + " was rejected: not all members fit; waiting for cluster changes");
            }
            deniedAt.remove(g.name());
        }
        long alive = 0;
        for (PodInfo m : members.get(g.name())) {
            if (m.arrived() && m.phase() != PodPhase.SUCCEEDED) {
                alive++;
            }
        }
        if (alive < g.minMember()) {
            return Status.unschedulable(name(), "pod group " + g.name() + " has " + alive
                    + " pods, fewer than minMember " + g.minMember());
        }
        return Status.SUCCESS;
    }

    @Override
    public Status postFilter(CycleState state, PodInfo pod, Diagnosis diagnosis) {
        PodGroup g = pod.spec().podGroup();
        if (g == null) {
            return Status.unschedulable(name(), "not a gang member");
        }
        rejectGroup(g, pod, "member " + pod.spec().name() + " found no node");
        return Status.unschedulable(name(), "pod group " + g.name() + " rejected");
    }

    private void rejectGroup(PodGroup g, PodInfo cause, String reason) {
        deniedAt.put(g.name(), handle.now());
        if (rejecting) {
            return;
        }
        rejecting = true;
        try {
            boolean any = false;
            for (PodInfo w : new ArrayList<>(handle.waitingPods())) {
                if (w != cause && w.spec().podGroup() != null && w.spec().podGroup().name().equals(g.name())) {
                    handle.reject(w, name(), reason);
                    any = true;
                }
            }
            if (any && handle instanceof Scheduler s) {
                s.recordGangRejection();
            }
        } finally {
            rejecting = false;
        }
    }

    @Override
    public Status reserve(CycleState state, PodInfo pod, int node) {
        return Status.SUCCESS;
    }

    @Override
    public void unreserve(PodInfo pod, int node) {
        PodGroup g = pod.spec().podGroup();
        if (g != null && !rejecting) {
            rejectGroup(g, pod, "member " + pod.spec().name() + " was rejected");
        }
    }

    @Override
    public Status permit(CycleState state, PodInfo pod, int node) {
        PodGroup g = pod.spec().podGroup();
        if (g == null) {
            return Status.SUCCESS;
        }
        sync();
        long placed = 0;
        for (PodInfo m : members.get(g.name())) {
            if (m.phase() == PodPhase.ASSUMED || m.phase() == PodPhase.RUNNING) {
                placed++;
            }
        }
        if (placed < g.minMember()) {
            return Status.waitFor(name(), g.timeoutTicks());
        }
        for (PodInfo w : new ArrayList<>(handle.waitingPods())) {
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
