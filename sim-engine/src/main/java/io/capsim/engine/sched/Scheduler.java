package io.capsim.engine.sched;

import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.SchedulerResult;
import io.capsim.engine.sched.api.BindPlugin;
import io.capsim.engine.sched.api.ClusterEvent;
import io.capsim.engine.sched.api.ClusterEventListener;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.Status;
import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.sched.config.InvalidProfileException;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.spi.Registry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kube-scheduler running as events on a {@link Simulator} over the run's one {@link
 * ClusterState}: it queues every pod the cluster creates (a {@link SchedulingQueue}), runs one pod
 * per scheduling cycle through the profile its {@code schedulerName} names ({@link CycleRunner}),
 * and binds it. Several profiles share one queue and must share its QueueSort plugin, as in
 * kube-scheduler.
 *
 * <p>Time: a cycle costs {@link SchedulerConfig#cycleCostTicks()}; the next cycle starts no
 * earlier. A pod's resources are assumed when its cycle starts and its bind completes {@code
 * cycleCost + bindCost} later.
 *
 * <p>Not thread-safe; deterministic for a given seed.
 */
public final class Scheduler implements EventHandler, ClusterListener {

    private static final int CYCLE = 1;
    private static final int BIND_DONE = 2;
    private static final int PERMIT_TIMEOUT = 4;
    private static final int FLUSH = 5;

    final Simulator sim;
    final ClusterState cluster;
    final SchedulerConfig config;
    final SchedulerMetrics metrics = new SchedulerMetrics();
    private final Map<String, Framework> frameworks = new LinkedHashMap<>();
    private final SchedulingQueue queue;
    private final CycleRunner cycle;
    private final PluginHandle handle = new PluginHandle(this);
    private final List<Pod> waiting = new ArrayList<>();
    private QueuedPod[] queued = new QueuedPod[64];
    private int nextGeneration;
    private boolean cycleScheduled;
    private long nextCycleEarliest;

    /**
     * A scheduler with one or more profiles; it registers itself as a listener of {@code cluster}.
     *
     * @param workload the expected pod mix (for FGD), or {@link TargetWorkload#EMPTY}
     * @param registry plugin factories by name
     * @throws InvalidProfileException if a profile is invalid, two share a name, or they use
     *     different QueueSort plugins
     */
    public Scheduler(Simulator sim, ClusterState cluster, List<SchedulerProfile> profiles, SchedulerConfig config,
            RandomStreams streams, TargetWorkload workload, Registry<PluginFactory<?>> registry) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("at least one scheduler profile is required");
        }
        this.sim = sim;
        this.cluster = cluster;
        this.config = config;
        PluginContext context = new PluginContext(handle, streams, workload);
        for (SchedulerProfile p : profiles) {
            Framework fw = Framework.build(p, registry, context);
            if (frameworks.putIfAbsent(p.schedulerName(), fw) != null) {
                throw new InvalidProfileException(p.schedulerName(), List.of(ConfigProblem.at("schedulerName",
                        p.schedulerName(), "two profiles are named \"" + p.schedulerName() + "\"")));
            }
        }
        Framework first = frameworks.values().iterator().next();
        for (Framework fw : frameworks.values()) {
            if (!fw.queueSortName().equals(first.queueSortName())) {
                throw new InvalidProfileException(fw.profileName(), List.of(ConfigProblem.at("plugins.queueSort",
                        fw.queueSortName(), "every profile must use the same queue sort plugin (" + first.profileName()
                        + " uses " + first.queueSortName() + ", this one " + fw.queueSortName()
                        + "), as kube-scheduler requires")));
            }
        }
        this.queue = new SchedulingQueue(first.queueSort::less);
        this.cycle = new CycleRunner(this, streams.stream("sched/select-host"));
        cluster.addListener(this);
    }

    /** A scheduler with one profile. */
    public Scheduler(Simulator sim, ClusterState cluster, SchedulerProfile profile, SchedulerConfig config,
            RandomStreams streams, TargetWorkload workload, Registry<PluginFactory<?>> registry) {
        this(sim, cluster, List.of(profile), config, streams, workload, registry);
    }

    /** The first (or only) resolved profile. */
    public Framework framework() {
        return frameworks.values().iterator().next();
    }

    /** The resolved profile named {@code name}, or null. */
    public Framework framework(String name) {
        return frameworks.get(name);
    }

    /** Profile names, in configuration order. */
    public List<String> profileNames() {
        return List.copyOf(frameworks.keySet());
    }

    /** The handle this scheduler's plugins act through (for tests and tools that drive a plugin directly). */
    public io.capsim.engine.sched.api.SchedulerHandle handle() {
        return handle;
    }

    /** Counters and histograms. */
    public SchedulerMetrics metrics() {
        return metrics;
    }

    /** Pods pending: queued, backing off or unschedulable (not waiting at Permit, not parked). */
    public int pendingCount() {
        return queue.pendingCount();
    }

    /** What the scheduler did in the measured window, with the owners of pods still unscheduled at {@code now}. */
    public SchedulerResult result(long now) {
        Map<String, SchedulerResult.Unschedulable> pendingAtEnd = new LinkedHashMap<>();
        for (QueuedPod q : queue.allWaiting()) {
            if (q.parked) {
                continue;
            }
            String owner = q.pod.spec().owner().kind() == io.capsim.engine.cluster.Owner.Kind.NONE
                    ? "pod " + q.pod.spec().name() : q.pod.spec().owner().toString();
            SchedulerResult.Unschedulable u = pendingAtEnd.get(owner);
            pendingAtEnd.put(owner, u == null
                    ? new SchedulerResult.Unschedulable(owner, false, 1, SimTime.toSeconds(q.pod.createdAt()),
                            q.lastFailure != null ? q.lastFailure : cycle.explainNow(q))
                    : new SchedulerResult.Unschedulable(owner, false, u.pods() + 1, u.firstSeconds(), u.reason()));
        }
        return metrics.result(profileNames(), now, new ArrayList<>(pendingAtEnd.values()));
    }

    // ---- cluster events ----

    @Override
    public void podCreated(Pod pod) {
        Framework fw = frameworks.get(pod.spec().schedulerName());
        if (fw == null) {
            metrics.neverSchedulable(pod, sim.now(), "no scheduler profile is named \"" + pod.spec().schedulerName()
                    + "\" (profiles: " + String.join(", ", frameworks.keySet()) + ")");
            return;
        }
        if (pod.slot() >= queued.length) {
            queued = Arrays.copyOf(queued, Math.max(queued.length * 2, pod.slot() + 1));
        }
        QueuedPod q = new QueuedPod(pod, fw, sim.now());
        q.generation = ++nextGeneration;
        queued[pod.slot()] = q;
        queue.activate(q, sim.now());
        if (pod.spec().podGroup() != null) {
            queue.moveGroupMembers(pod.spec().podGroup(), sim.now());
        }
        pendingChanged();
        wakeCycle();
    }

    @Override
    public void podEnded(Pod pod) {
        QueuedPod q = pod.slot() < queued.length ? queued[pod.slot()] : null;
        if (q != null && q.pod == pod) {
            queued[pod.slot()] = null;
            q.generation = ++nextGeneration;
            if (q.waiting) {
                waiting.remove(pod);
                q.waiting = false;
            }
            if (pod.node() >= 0) {
                cycle.unreserve(q, pod.node()); // it was assumed: its reservations go
            }
            queue.remove(q);
            pendingChanged();
        }
        if (pod.node() >= 0) {
            clusterEvent(ClusterEvent.POD_DELETED);
        }
    }

    @Override
    public void nodeAdded(int node) {
        cycle.ensureNodeArrays();
        queue.unpark();
        clusterEvent(ClusterEvent.NODE_ADDED);
    }

    private void clusterEvent(ClusterEvent event) {
        for (Framework fw : frameworks.values()) {
            for (ClusterEventListener l : fw.listeners) {
                l.onClusterEvent(event, sim.now());
            }
        }
        queue.moveAllBack(sim.now());
        pendingChanged();
        wakeCycle();
    }

    void pendingChanged() {
        metrics.pendingChanged(sim.now(), queue.pendingCount());
    }

    // ---- events ----

    @Override
    public void handle(int kind, long arg) {
        switch (kind) {
            case CYCLE -> runCycle();
            case BIND_DONE -> bindDone(live(arg));
            case PERMIT_TIMEOUT -> {
                QueuedPod q = live(arg);
                if (q != null && q.waiting) {
                    handle.reject(q.pod, "Permit", "timed out waiting at Permit");
                }
            }
            case FLUSH -> {
                QueuedPod q = live(arg);
                if (q != null && queue.isUnschedulable(q)) {
                    queue.moveBack(q, sim.now());
                    pendingChanged();
                    wakeCycle();
                }
            }
            default -> throw new IllegalStateException("unknown event kind " + kind);
        }
    }

    private QueuedPod live(long arg) {
        int slot = (int) arg;
        QueuedPod q = slot < queued.length ? queued[slot] : null;
        return q != null && q.generation == (int) (arg >>> 32) ? q : null;
    }

    private static long ref(QueuedPod q) {
        return ((long) q.generation << 32) | q.pod.slot();
    }

    void invalidate(QueuedPod q) {
        q.generation = ++nextGeneration;
    }

    QueuedPod queued(Pod pod) {
        QueuedPod q = pod.slot() < queued.length ? queued[pod.slot()] : null;
        if (q == null || q.pod != pod) {
            throw new IllegalStateException(pod + " is not in the scheduler's hands");
        }
        return q;
    }

    // ---- the queue and the cycle ----

    void wakeCycle() {
        if (cycleScheduled) {
            return;
        }
        long t;
        if (queue.hasActive()) {
            t = Math.max(sim.now(), nextCycleEarliest);
        } else if (queue.nextBackoffExpiry() != Long.MAX_VALUE) {
            t = Math.max(Math.max(sim.now(), nextCycleEarliest), queue.nextBackoffExpiry());
        } else {
            return;
        }
        cycleScheduled = true;
        sim.scheduleAt(t, this, CYCLE, 0);
    }

    private void runCycle() {
        cycleScheduled = false;
        QueuedPod q = queue.pop(sim.now());
        if (q != null) {
            metrics.cycles++;
            nextCycleEarliest = sim.now() + config.cycleCostTicks();
            cycle.scheduleOne(q);
            pendingChanged();
        }
        wakeCycle();
    }

    /** The pod goes back to the active queue at once (preemption made room). */
    void retryNow(QueuedPod q) {
        queue.activate(q, sim.now());
    }

    /** The cycle found no room: park the pod, or back it off until a cluster event. */
    void unschedulable(QueuedPod q, boolean unresolvable, String plugin, String reason) {
        q.attempts++;
        q.lastFailure = reason;
        metrics.unschedulable(plugin);
        if (unresolvable) {
            queue.park(q);
            metrics.neverSchedulable(q.pod, sim.now(), reason);
            return;
        }
        invalidate(q); // a FLUSH left from an earlier stay must not move it early
        q.backoffUntil = sim.now() + config.backoff(q.attempts);
        queue.addUnschedulable(q);
        if (config.maxUnschedulableTicks() != Long.MAX_VALUE) {
            long t = sim.now() + config.maxUnschedulableTicks();
            if (t >= sim.now()) {
                sim.scheduleAt(t, this, FLUSH, ref(q));
            }
        }
    }

    void waitAtPermit(QueuedPod q, long ticks) {
        q.waiting = true;
        waiting.add(q.pod);
        sim.scheduleAt(sim.now() + ticks, this, PERMIT_TIMEOUT, ref(q));
    }

    void startBinding(QueuedPod q) {
        sim.scheduleAt(sim.now() + config.cycleCostTicks() + config.bindCostTicks(), this, BIND_DONE, ref(q));
    }

    private void bindDone(QueuedPod q) {
        if (q == null || q.pod.phase() != PodPhase.ASSUMED || q.waiting) {
            return;
        }
        Pod pod = q.pod;
        int node = pod.node();
        for (BindPlugin b : q.framework.binders) {
            Status s = b.bind(pod, node);
            if (s.code() == Code.SKIP) {
                continue;
            }
            if (!s.isSuccess()) {
                cycle.undo(q);
                unschedulable(q, false, b.name(), b.name() + ": " + s.message());
                pendingChanged();
                wakeCycle();
                return;
            }
            break;
        }
        queued[pod.slot()] = null;
        invalidate(q);
        metrics.binds++;
        metrics.recordBindLatency(sim.now() - pod.createdAt());
        cluster.bind(pod, sim.now());
    }

    /** The pod's queue entry if it has a live one, else null. */
    QueuedPod queuedOrNull(Pod pod) {
        QueuedPod q = pod.slot() < queued.length ? queued[pod.slot()] : null;
        return q != null && q.pod == pod ? q : null;
    }

    List<Pod> waitingPods() {
        return java.util.Collections.unmodifiableList(waiting);
    }

    void stopWaiting(Pod pod) {
        waiting.remove(pod);
    }

    void undo(QueuedPod q) {
        cycle.undo(q);
    }
}
