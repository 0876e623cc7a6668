package io.capsim.engine.sched;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.spi.Registry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A kube-scheduler running as events on a {@link Simulator}: a scheduling queue (active queue in
 * QueueSort order, backoff queue, unschedulable pods moved back on cluster events), one pod per
 * scheduling cycle through PreFilter, Filter, PostFilter, PreScore, Score, Reserve, Permit and
 * Bind, and pods that run for their duration and then leave.
 *
 * <p>Time: a cycle costs {@link SchedulerConfig#cycleCostTicks()}; the next cycle starts no
 * earlier. A pod's resources are assumed when its cycle starts and its bind completes {@code
 * cycleCost + bindCost} later. Node selection breaks ties between equal best scores uniformly at
 * random with the stream {@code sched/select-host}, as kube-scheduler's {@code selectHost} does
 * (or by node name, see {@link SchedulerConfig.TieBreak}).
 *
 * <p>Pods that every node rejects as unresolvable (too big for any node, no matching label or
 * toleration) are reported once in {@link SchedulerMetrics#neverSchedulable()} and parked; only a
 * node joining brings them back. Other unschedulable pods back off (initial * 2^k, capped) and
 * are moved back on pod deletion or node addition, or after {@link
 * SchedulerConfig#maxUnschedulableTicks()}.
 *
 * <p>Not thread-safe; deterministic for a given seed.
 */
public final class Scheduler implements EventHandler, SchedulerHandle {

    private static final int ARRIVE = 0;
    private static final int CYCLE = 1;
    private static final int BIND_DONE = 2;
    private static final int COMPLETE = 3;
    private static final int PERMIT_TIMEOUT = 4;
    private static final int FLUSH = 5;
    private static final int SAMPLE = 6;

    private static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    private static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    private final Simulator sim;
    private final ClusterState cluster;
    private final SchedulerConfig config;
    private final Framework fw;
    private final UniformRandomProvider tieBreak;
    private final Fragmentation fragmentation;
    private final Fragmentation.Tracker fragTracker;
    private final SchedulerMetrics metrics = new SchedulerMetrics();
    private final CycleState state = new CycleState();

    private final List<PodInfo> pods = new ArrayList<>();
    private final PodHeap activeQ;
    private final PodHeap backoffQ = new PodHeap((a, b) -> a.backoffUntil < b.backoffUntil
            || (a.backoffUntil == b.backoffUntil && a.id < b.id));
    private final List<PodInfo> unschedulable = new ArrayList<>();
    private final List<PodInfo> parked = new ArrayList<>();
    private final List<PodInfo> waiting = new ArrayList<>();
    private long[] completionHandle = new long[0]; // -1 when no completion event is pending

    private int[] feasible = new int[0];
    private long[] totals = new long[0];
    private long[] scratchScores = new long[0];
    private int[] failedPlugin = new int[0];
    private Code[] codes = new Code[0];
    private Diagnosis diagnosis;

    private boolean cycleScheduled;
    private long nextCycleEarliest;
    private long cycleNo = -1;
    private int nextStartNodeIndex;
    private int pendingArrivals;
    private int running;
    private boolean samplerScheduled;

    /**
     * A scheduler for one profile.
     *
     * @param workload the expected pod mix (for FGD and the fragmentation metric), or {@link
     *     TargetWorkload#EMPTY}
     * @param registry plugin factories by name (see {@link io.capsim.engine.sched.plugins.BuiltInPlugins})
     * @throws InvalidProfileException if the profile is invalid
     */
    public Scheduler(Simulator sim, ClusterState cluster, SchedulerProfile profile, SchedulerConfig config,
            RandomStreams streams, TargetWorkload workload, Registry<PluginFactory<?>> registry) {
        this.sim = sim;
        this.cluster = cluster;
        this.config = config;
        this.fw = Framework.build(profile, registry, new PluginContext(this, streams, workload));
        this.activeQ = new PodHeap(fw.queueSort::less);
        this.tieBreak = streams.stream("sched/select-host");
        this.fragmentation = workload.shapes().isEmpty() ? null : new Fragmentation(workload, cluster);
        this.fragTracker = fragmentation == null ? null : fragmentation.tracker();
        ensureNodeArrays();
    }

    private void ensureNodeArrays() {
        int n = cluster.size();
        if (feasible.length < n) {
            int m = Math.max(n, 16);
            feasible = new int[m];
            totals = new long[m];
            scratchScores = new long[m];
            failedPlugin = new int[m];
            codes = new Code[m];
            Arrays.fill(codes, Code.SUCCESS);
            diagnosis = new Diagnosis(fw, cluster, codes, failedPlugin);
        }
    }

    /** The resolved profile. */
    public Framework framework() {
        return fw;
    }

    /** Counters, histograms and time series. */
    public SchedulerMetrics metrics() {
        return metrics;
    }

    @Override
    public ClusterState cluster() {
        return cluster;
    }

    @Override
    public long now() {
        return sim.now();
    }

    @Override
    public List<PodInfo> pods() {
        return java.util.Collections.unmodifiableList(pods);
    }

    @Override
    public List<PodInfo> waitingPods() {
        return java.util.Collections.unmodifiableList(waiting);
    }

    /** The fragmentation measure of the target workload, or null without one. */
    public Fragmentation fragmentation() {
        return fragmentation;
    }

    /** Pods pending: queued, backing off or unschedulable (not waiting at Permit, not parked). */
    public int pendingCount() {
        return activeQ.size() + backoffQ.size() + unschedulable.size();
    }

    /**
     * Submits a pod that is created at {@code time}.
     *
     * @param time ticks, not before now
     * @return the scheduler's record of the pod
     */
    public PodInfo submit(PodSpec spec, long time) {
        PodInfo p = new PodInfo(pods.size(), spec, time, cluster);
        pods.add(p);
        if (completionHandle.length < pods.size()) {
            int old = completionHandle.length;
            completionHandle = Arrays.copyOf(completionHandle, Math.max(64, pods.size() * 2));
            Arrays.fill(completionHandle, old, completionHandle.length, -1);
        }
        pendingArrivals++;
        sim.scheduleAt(time, this, ARRIVE, p.id);
        ensureSampler();
        return p;
    }

    /** Adds a node now; unschedulable and parked pods are moved back to the queue. */
    public int addNode(NodeSpec node) {
        int i = cluster.addNode(node);
        ensureNodeArrays();
        for (PodInfo p : pods) {
            p.gpuModelMask = cluster.modelMask(p.spec.gpuModels());
        }
        for (PodInfo p : parked) {
            p.phase = PodPhase.PENDING;
            unschedulable.add(p);
            p.unschedIndex = unschedulable.size() - 1;
        }
        parked.clear();
        clusterEvent(ClusterEvent.NODE_ADDED);
        return i;
    }

    /**
     * Deletes a pod now. A running pod leaves its node (as a finished trace pod or a scale-down
     * would; it counts as succeeded) and unschedulable pods are moved back to the queue; a pending
     * or never-schedulable pod is removed from the queue (phase {@link PodPhase#DELETED}).
     *
     * @throws IllegalStateException if the pod is assumed (waiting at Permit or binding), has not
     *     arrived yet, or is already gone
     */
    public void delete(PodInfo pod) {
        switch (pod.phase) {
            case RUNNING -> {
                cancelCompletion(pod);
                finish(pod);
            }
            case PENDING, UNSCHEDULABLE -> {
                if (!pod.arrived) {
                    throw new IllegalStateException(pod + " has not arrived yet");
                }
                if (!activeQ.remove(pod) && !backoffQ.remove(pod)) {
                    if (pod.unschedIndex >= 0) {
                        removeUnschedulable(pod);
                    } else {
                        parked.remove(pod);
                    }
                }
                pod.phase = PodPhase.DELETED;
                pod.generation++;
            }
            default -> throw new IllegalStateException("cannot delete " + pod);
        }
    }

    @Override
    public void handle(int kind, long arg) {
        switch (kind) {
            case ARRIVE -> {
                PodInfo p = pods.get((int) arg);
                pendingArrivals--;
                p.arrived = true;
                p.queueTimestamp = sim.now();
                activeQ.add(p);
                if (p.spec.podGroup() != null) {
                    moveGroupMembers(p.spec.podGroup().name());
                }
                wakeCycle();
            }
            case CYCLE -> runCycle();
            case BIND_DONE -> bindDone(live(arg));
            case COMPLETE -> {
                PodInfo p = live(arg);
                if (p != null && p.phase == PodPhase.RUNNING) {
                    completionHandle[p.id] = -1;
                    finish(p);
                }
            }
            case PERMIT_TIMEOUT -> {
                PodInfo p = live(arg);
                if (p != null && waiting.contains(p)) {
                    reject(p, "Permit", "timed out waiting at Permit");
                }
            }
            case FLUSH -> {
                PodInfo p = live(arg);
                if (p != null && p.unschedIndex >= 0) {
                    removeUnschedulable(p);
                    moveToActiveOrBackoff(p);
                    wakeCycle();
                }
            }
            case SAMPLE -> {
                samplerScheduled = false;
                sample();
                ensureSampler();
            }
            default -> throw new IllegalStateException("unknown event kind " + kind);
        }
    }

    private PodInfo live(long arg) {
        PodInfo p = pods.get((int) arg);
        return (int) (arg >>> 32) == p.generation ? p : null;
    }

    private static long ref(PodInfo p) {
        return ((long) p.generation << 32) | p.id;
    }

    /** Records one point of every time series at the current time. */
    public void sample() {
        long t = sim.now();
        metrics.pendingPods.record(t, pendingCount());
        metrics.cpuAllocation.record(t, ratio(cluster.cpuUsedTotal(), cluster.cpuCapacityTotal()));
        metrics.memoryAllocation.record(t, ratio(cluster.memoryUsedTotal(), cluster.memoryCapacityTotal()));
        metrics.gpuAllocation.record(t, ratio(cluster.gpuMilliUsedTotal(), cluster.gpuMilliCapacityTotal()));
        metrics.gpuFragmentation.record(t, fragTracker == null ? Double.NaN : fragTracker.totalMilli() / 1000.0);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : a / (double) b;
    }

    private void ensureSampler() {
        if (config.sampleIntervalTicks() > 0 && !samplerScheduled && hasWork()) {
            samplerScheduled = true;
            sim.scheduleAfter(config.sampleIntervalTicks(), this, SAMPLE, 0);
        }
    }

    private boolean hasWork() {
        return pendingArrivals > 0 || running > 0 || !waiting.isEmpty() || !activeQ.isEmpty() || !backoffQ.isEmpty()
                || !unschedulable.isEmpty();
    }

    // ---- the queue ----

    private void wakeCycle() {
        if (cycleScheduled) {
            return;
        }
        long t;
        if (!activeQ.isEmpty()) {
            t = Math.max(sim.now(), nextCycleEarliest);
        } else if (!backoffQ.isEmpty()) {
            t = Math.max(Math.max(sim.now(), nextCycleEarliest), backoffQ.peek().backoffUntil);
        } else {
            return;
        }
        cycleScheduled = true;
        sim.scheduleAt(t, this, CYCLE, 0);
    }

    private void flushBackoff() {
        long now = sim.now();
        while (!backoffQ.isEmpty() && backoffQ.peek().backoffUntil <= now) {
            PodInfo p = backoffQ.poll();
            p.queueTimestamp = now;
            activeQ.add(p);
        }
    }

    private void moveToActiveOrBackoff(PodInfo p) {
        if (p.backoffUntil > sim.now()) {
            backoffQ.add(p);
        } else {
            p.queueTimestamp = sim.now();
            activeQ.add(p);
        }
    }

    private void removeUnschedulable(PodInfo p) {
        int k = p.unschedIndex;
        PodInfo last = unschedulable.remove(unschedulable.size() - 1);
        if (last != p) {
            unschedulable.set(k, last);
            last.unschedIndex = k;
        }
        p.unschedIndex = -1;
    }

    /** A new gang member may complete its group's quorum: its unschedulable peers are retried. */
    private void moveGroupMembers(String group) {
        for (int k = unschedulable.size() - 1; k >= 0; k--) {
            PodInfo q = unschedulable.get(k);
            if (q.spec.podGroup() != null && q.spec.podGroup().name().equals(group)) {
                removeUnschedulable(q);
                moveToActiveOrBackoff(q);
            }
        }
    }

    private void clusterEvent(ClusterEvent event) {
        for (ClusterEventListener l : fw.listeners) {
            l.onClusterEvent(event, sim.now());
        }
        for (PodInfo p : unschedulable) {
            p.unschedIndex = -1;
            moveToActiveOrBackoff(p);
        }
        unschedulable.clear();
        wakeCycle();
    }

    // ---- the scheduling cycle ----

    private void runCycle() {
        cycleScheduled = false;
        flushBackoff();
        PodInfo pod = activeQ.poll();
        if (pod != null) {
            cycleNo++;
            metrics.cycles++;
            nextCycleEarliest = sim.now() + config.cycleCostTicks();
            state.reset(cycleNo, sim.now());
            scheduleOne(pod);
        }
        wakeCycle();
    }

    private int numFeasibleNodesToFind(int n) {
        int pct = fw.percentageOfNodesToScore;
        if (n < MIN_FEASIBLE_NODES_TO_FIND || pct >= 100) {
            return n;
        }
        int adaptive = pct;
        if (adaptive <= 0) {
            adaptive = 50 - n / 125;
            if (adaptive < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
                adaptive = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
            }
        }
        int num = (int) ((long) n * adaptive / 100);
        return Math.max(num, MIN_FEASIBLE_NODES_TO_FIND);
    }

    private void scheduleOne(PodInfo pod) {
        metrics.attempts++;
        // 1. PreFilter.
        for (PreFilterPlugin pf : fw.preFilters) {
            Status s = pf.preFilter(state, pod);
            if (!s.isSuccess()) {
                Status named = s.plugin().isEmpty() ? new Status(s.code(), pf.name(), s.message(), 0) : s;
                diagnosis.reset(state, pod, named);
                unschedulable(pod, named.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
                return;
            }
        }
        // 2. Filter, from a rotating start, until enough feasible nodes are found.
        int n = cluster.size();
        int want = numFeasibleNodesToFind(n);
        int count = 0;
        int processed = 0;
        Code[] cs = codes;
        for (int k = 0; k < n && count < want; k++, processed++) {
            int i = nextStartNodeIndex + k;
            if (i >= n) {
                i -= n;
            }
            Code c = fw.runFilters(state, pod, i, failedPlugin);
            cs[i] = c;
            if (c == Code.SUCCESS) {
                feasible[count++] = i;
            }
        }
        if (n > 0) {
            nextStartNodeIndex = (nextStartNodeIndex + processed) % n;
        }
        if (count == 0) {
            diagnosis.reset(state, pod, null);
            // 3. PostFilter (preemption).
            for (PostFilterPlugin pf : fw.postFilters) {
                Status s = pf.postFilter(state, pod, diagnosis);
                if (s.isSuccess()) {
                    pod.queueTimestamp = sim.now();
                    activeQ.add(pod);
                    return;
                }
            }
            unschedulable(pod, diagnosis.allUnresolvable());
            return;
        }
        // 4. Score and select.
        int node = count == 1 ? feasible[0] : selectHost(pod, count);
        // 5. Devices, assume, reserve.
        long mask = -1;
        if (fw.deviceSelector != null) {
            mask = fw.deviceSelector.selectDevices(state, pod, node);
        }
        if (mask == -1) {
            mask = cluster.defaultDevices(node, pod.spec.requests());
        }
        cluster.assign(pod, node, mask);
        pod.phase = PodPhase.ASSUMED;
        for (int j = 0; j < fw.reserves.length; j++) {
            Status s = fw.reserves[j].reserve(state, pod, node);
            if (!s.isSuccess()) {
                undo(pod, node);
                diagnosis.reset(state, pod, s);
                unschedulable(pod, false);
                return;
            }
        }
        // 6. Permit.
        long wait = 0;
        for (PermitPlugin pp : fw.permits) {
            Status s = pp.permit(state, pod, node);
            if (s.code() == Code.WAIT) {
                wait = Math.max(wait, s.waitTicks());
            } else if (!s.isSuccess()) {
                undo(pod, node);
                diagnosis.reset(state, pod, s);
                unschedulable(pod, false);
                return;
            }
        }
        if (pod.phase != PodPhase.ASSUMED) {
            return; // a Permit plugin rejected it through the handle
        }
        if (wait > 0) {
            waiting.add(pod);
            pod.permitDeadline = sim.now() + wait;
            sim.scheduleAt(pod.permitDeadline, this, PERMIT_TIMEOUT, ref(pod));
        } else {
            startBinding(pod);
        }
    }

    private int selectHost(PodInfo pod, int count) {
        long[] tot = totals;
        Arrays.fill(tot, 0, count, 0);
        for (PreScorePlugin ps : fw.preScores) {
            ps.preScore(state, pod, feasible, count);
        }
        ScorePlugin[] sp = fw.scores;
        long[] s = scratchScores;
        for (int j = 0; j < sp.length; j++) {
            ScorePlugin p = sp[j];
            for (int k = 0; k < count; k++) {
                s[k] = p.score(state, pod, feasible[k]);
            }
            p.normalize(state, pod, feasible, s, count);
            long w = fw.scoreWeights[j];
            for (int k = 0; k < count; k++) {
                tot[k] += s[k] * w;
            }
        }
        // Highest total; ties uniformly at random by reservoir sampling, or to the lowest name.
        int best = 0;
        long bestScore = tot[0];
        int ties = 1;
        boolean random = config.tieBreak() == SchedulerConfig.TieBreak.RANDOM;
        for (int k = 1; k < count; k++) {
            long v = tot[k];
            if (v > bestScore) {
                bestScore = v;
                best = k;
                ties = 1;
            } else if (v == bestScore) {
                if (random) {
                    ties++;
                    if (tieBreak.nextInt(ties) == 0) {
                        best = k;
                    }
                } else if (cluster.nameRank(feasible[k]) < cluster.nameRank(feasible[best])) {
                    best = k;
                }
            }
        }
        return feasible[best];
    }

    private void undo(PodInfo pod, int node) {
        for (int j = fw.reserves.length - 1; j >= 0; j--) {
            fw.reserves[j].unreserve(pod, node);
        }
        cluster.release(pod);
        pod.phase = PodPhase.PENDING;
        pod.generation++;
    }

    private void unschedulable(PodInfo pod, boolean unresolvable) {
        pod.attempts++;
        metrics.unschedulableAttempts++;
        pod.phase = PodPhase.PENDING;
        if (unresolvable) {
            pod.phase = PodPhase.UNSCHEDULABLE;
            parked.add(pod);
            metrics.neverSchedulable.add(new UnschedulableReport(pod.spec.name(), sim.now(), diagnosis.summary()));
            return;
        }
        pod.generation++; // a FLUSH left from an earlier stay must not move it early
        pod.backoffUntil = sim.now() + config.backoff(pod.attempts);
        unschedulable.add(pod);
        pod.unschedIndex = unschedulable.size() - 1;
        if (config.maxUnschedulableTicks() != Long.MAX_VALUE) {
            long t = sim.now() + config.maxUnschedulableTicks();
            if (t >= sim.now()) {
                sim.scheduleAt(t, this, FLUSH, ref(pod));
            }
        }
    }

    /** The reason of the last failed cycle, Kubernetes-style; valid until the next cycle. */
    public String lastFailureSummary() {
        return diagnosis.summary();
    }

    // ---- binding and running ----

    private void startBinding(PodInfo pod) {
        pod.boundCycle = cycleNo;
        sim.scheduleAt(sim.now() + config.cycleCostTicks() + config.bindCostTicks(), this, BIND_DONE, ref(pod));
    }

    private void bindDone(PodInfo pod) {
        if (pod == null || pod.phase != PodPhase.ASSUMED) {
            return;
        }
        int node = pod.node;
        for (BindPlugin b : fw.binders) {
            Status s = b.bind(pod, node);
            if (s.code() == Code.SKIP) {
                continue;
            }
            if (!s.isSuccess()) {
                undo(pod, node);
                diagnosis.reset(state, pod, s);
                unschedulable(pod, false);
                wakeCycle();
                return;
            }
            break;
        }
        pod.phase = PodPhase.RUNNING;
        pod.boundAt = sim.now();
        pod.runStartedAt = sim.now();
        running++;
        metrics.binds++;
        metrics.recordBindLatency(sim.now() - pod.createdAt);
        long d = pod.spec.durationTicks();
        if (d >= 0) {
            long run = d + (pod.restarts > 0 ? pod.spec.restartCostTicks() : 0);
            completionHandle[pod.id] = sim.scheduleAt(sim.now() + run, this, COMPLETE, ref(pod));
        }
    }

    private void cancelCompletion(PodInfo pod) {
        long h = completionHandle[pod.id];
        if (h != -1) {
            sim.cancel(h);
            completionHandle[pod.id] = -1;
        }
    }

    private void finish(PodInfo pod) {
        cluster.release(pod);
        running--;
        pod.phase = PodPhase.SUCCEEDED;
        pod.runStartedAt = -1;
        pod.generation++;
        metrics.completed++;
        clusterEvent(ClusterEvent.POD_DELETED);
    }

    // ---- the handle ----

    @Override
    public Code runFilters(CycleState cs, PodInfo pod, int node) {
        return fw.runFilters(cs, pod, node, null);
    }

    @Override
    public void evict(PodInfo victim, PodInfo preemptor) {
        if (victim.phase != PodPhase.RUNNING) {
            throw new IllegalStateException("cannot evict " + victim + ": not running");
        }
        cancelCompletion(victim);
        cluster.release(victim);
        running--;
        metrics.victims++;
        metrics.lostWorkTicks += sim.now() - victim.runStartedAt;
        victim.runStartedAt = -1;
        victim.phase = PodPhase.PENDING;
        victim.restarts++;
        victim.generation++;
        victim.backoffUntil = sim.now();
        victim.queueTimestamp = sim.now();
        activeQ.add(victim);
        clusterEvent(ClusterEvent.POD_DELETED);
    }

    /** Counts one preemption event (called by the preemption plugin once per preemptor). */
    public void recordPreemption() {
        metrics.preemptionEvents++;
    }

    /** Counts one gang rejection (called by the coscheduling plugin). */
    public void recordGangRejection() {
        metrics.gangRejections++;
    }

    @Override
    public void allow(PodInfo pod) {
        if (!waiting.remove(pod)) {
            throw new IllegalStateException(pod + " is not waiting at Permit");
        }
        startBinding(pod);
    }

    @Override
    public void reject(PodInfo pod, String plugin, String reason) {
        boolean wasWaiting = waiting.remove(pod);
        if (!wasWaiting && pod.phase != PodPhase.ASSUMED) {
            throw new IllegalStateException(pod + " is not assumed");
        }
        int node = pod.node;
        undo(pod, node);
        diagnosis.reset(state, pod, Status.unschedulable(plugin, reason));
        unschedulable(pod, false);
    }
}
