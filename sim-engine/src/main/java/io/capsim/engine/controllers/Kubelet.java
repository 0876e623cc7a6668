package io.capsim.engine.controllers;

import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.cluster.QosClass;
import io.capsim.engine.cluster.ResizeStatus;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.SimTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The kubelets of all nodes, as one controller: a bound pod becomes ready after its startup time
 * ({@code PodSpec.startupTicks}: image pull and start-up) and, if it has a duration, exits
 * successfully that long after it started; and in-place resizes are admitted and actuated as the
 * Kubernetes 1.35 kubelet does (KEP-1287, {@code pkg/kubelet/allocation}):
 *
 * <ol>
 *   <li>A pod's desired resources change (the {@code resize} subresource): the kubelet of its node
 *       evaluates the node's pending resizes.
 *   <li>A resize whose desired CPU or memory request exceeds the node's allocatable is {@code
 *       Infeasible} and never retried (until the desired resources change again). One fits when
 *       the other pods' <em>allocated</em> requests plus its desired requests fit the node's
 *       allocatable: it is allocated ({@code PodResizeInProgress}); otherwise it is {@code Deferred}.
 *   <li>Deferred resizes are retried when a pod leaves the node, when another resize completes,
 *       and every {@code retryPeriod} (3 minutes, the kubelet's ticker), in this order: resizes
 *       that increase no request first, then higher priority, then Guaranteed before Burstable,
 *       then the longest pending; one that still does not fit does not block the rest.
 *   <li>An allocated resize is actuated {@code actuationTicks} later (actual = allocated). A
 *       resource whose {@code resizePolicy} is {@code RestartContainer} and that changes restarts
 *       the container (unready for its startup time). A memory limit set below the memory in use
 *       is not applied: the resize stays in progress with reason {@code Error} and is retried every
 *       {@code syncPeriod}.
 * </ol>
 *
 * Keys: a pod's {@link Pod#ref()} (readiness, completion, actuation), {@code -1 - 2i} (evaluate
 * node {@code i}'s pending resizes) and {@code -2 - 2i} (node {@code i}'s periodic retry).
 */
public final class Kubelet implements Controller, ClusterListener {

    /** Registered name. */
    public static final String NAME = "kubelet";

    /**
     * The kubelet's resize timing.
     *
     * @param actuationTicks from allocation to actual (the runtime's {@code UpdateContainerResources}), ticks, at least 0
     * @param retryPeriodTicks period of the retry of deferred resizes, ticks, at least 1
     * @param syncPeriodTicks period of the retry of a failed actuation (the pod sync), ticks, at least 1
     */
    public record ResizeSettings(long actuationTicks, long retryPeriodTicks, long syncPeriodTicks) {
        /** 1 s to actuate, a 3-minute retry ticker, a 1-minute pod sync. */
        public static final ResizeSettings DEFAULT = new ResizeSettings(SimTime.SECOND, 180 * SimTime.SECOND,
                60 * SimTime.SECOND);

        public ResizeSettings {
            if (actuationTicks < 0 || retryPeriodTicks < 1 || syncPeriodTicks < 1) {
                throw new IllegalArgumentException("invalid resize settings");
            }
        }
    }

    /** What the kubelet learns from the container runtime about a pod. */
    @FunctionalInterface
    public interface Runtime {
        /** Memory the pod's container uses now, MiB (for the check of a memory limit decrease). */
        double memoryMiB(Pod pod);

        /** Time the runtime takes to apply a resize of the pod, ticks, or -1 for the settings' default. */
        default long actuationTicks(Pod pod) {
            return -1;
        }
    }

    /** Resize counts of one owner (a service, a job). */
    public static final class Counts {
        long requested;
        long completed;
        long deferred;
        long infeasible;
        long errored;
        long restarts;
        final List<Double> deferredWaits = new ArrayList<>();

        public long requested() { return requested; }
        public long completed() { return completed; }
        public long deferred() { return deferred; }
        public long infeasible() { return infeasible; }
        public long errored() { return errored; }
        public long restarts() { return restarts; }

        /** How long each deferral lasted, seconds, in the order they ended. */
        public double[] deferredWaitSeconds() {
            return deferredWaits.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** Resize state of one pod that has resized. */
    private static final class PodState {
        Resources lastRequests;
        Resources lastLimits;
        long pendingSince = -1; // when the current pending resize was seen first
        long deferredSince = -1; // when it was deferred first, -1 if not deferred
        long actuateAt = -1;
        long restartedAt = -1;
        boolean errored;
        boolean pending;
    }

    private final ResizeSettings settings;
    private final Runtime runtime;
    private final Map<Pod, PodState> states = new IdentityHashMap<>();
    private final List<List<Pod>> pendingByNode = new ArrayList<>();
    private final List<Boolean> periodicArmed = new ArrayList<>();
    private final Map<String, Counts> counts = new TreeMap<>();
    private long measureFrom;
    private ControllerContext ctx;

    /** A kubelet with the default resize settings and no memory in use. */
    public Kubelet() {
        this(ResizeSettings.DEFAULT, pod -> 0);
    }

    /** A kubelet with the given resize settings, asking {@code runtime} for memory in use and actuation times. */
    public Kubelet(ResizeSettings settings, Runtime runtime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(ControllerContext context) {
        this.ctx = context;
        context.watch(this);
    }

    /** Forgets the counts so far: the measured window starts at {@code now}. */
    public void startMeasuring(long now) {
        counts.clear();
        measureFrom = now;
    }

    /** The resize counts of owner {@code name} (a service or job name; a bare pod's name), or empty counts. */
    public Counts counts(String name) {
        Counts c = counts.get(name);
        return c == null ? new Counts() : c;
    }

    private Counts countsOf(Pod pod) {
        String owner = pod.spec().owner().name();
        return counts.computeIfAbsent(owner.isEmpty() ? pod.spec().name() : owner, k -> new Counts());
    }

    // ---- events ----

    @Override
    public void podBound(Pod pod) {
        ctx.enqueueAfter(pod.ref(), pod.spec().startupTicks());
    }

    @Override
    public void podResourcesChanged(Pod pod) {
        if (pod.node() < 0 || pod.phase() != PodPhase.RUNNING) {
            return;
        }
        PodState st = states.computeIfAbsent(pod, p -> {
            PodState s = new PodState();
            s.lastRequests = p.allocatedRequests();
            s.lastLimits = p.allocatedLimits();
            return s;
        });
        if (pod.requests().equals(st.lastRequests) && pod.limits().equals(st.lastLimits)) {
            return; // the kubelet's own status change, or nothing new
        }
        st.lastRequests = pod.requests();
        st.lastLimits = pod.limits();
        countsOf(pod).requested++;
        if (!st.pending) {
            st.pending = true;
            st.pendingSince = ctx.now();
            pending(pod.node()).add(pod);
        }
        ctx.enqueue(sweepKey(pod.node()));
    }

    @Override
    public void podEnded(Pod pod) {
        PodState st = states.remove(pod);
        int i = pod.node();
        if (st != null && st.pending && i >= 0) {
            endDeferral(pod, st);
            pending(i).remove(pod);
        }
        if (i >= 0 && i < pendingByNode.size() && !pendingByNode.get(i).isEmpty()) {
            ctx.enqueue(sweepKey(i)); // a pod left: retry the deferred resizes
        }
    }

    // ---- reconcile ----

    private static long sweepKey(int node) {
        return -1 - 2L * node;
    }

    private static long periodicKey(int node) {
        return -2 - 2L * node;
    }

    private List<Pod> pending(int node) {
        while (pendingByNode.size() <= node) {
            pendingByNode.add(new ArrayList<>());
            periodicArmed.add(false);
        }
        return pendingByNode.get(node);
    }

    @Override
    public long reconcile(long key) {
        if (key < 0) {
            long k = -1 - key;
            int node = (int) (k / 2);
            if (k % 2 == 0) {
                evaluate(node);
                return NO_REQUEUE;
            }
            if (pending(node).isEmpty()) {
                periodicArmed.set(node, false);
                return NO_REQUEUE;
            }
            evaluate(node);
            return settings.retryPeriodTicks();
        }
        return reconcilePod(key);
    }

    private long reconcilePod(long ref) {
        Pod pod = ctx.cluster().pod(ref);
        if (pod == null || pod.phase() != PodPhase.RUNNING) {
            return NO_REQUEUE;
        }
        long now = ctx.now();
        long next = Long.MAX_VALUE;
        PodState st = states.get(pod);
        if (st != null && st.actuateAt >= 0) {
            if (now >= st.actuateAt) {
                actuate(pod, st);
                if (pod.phase() != PodPhase.RUNNING) {
                    return NO_REQUEUE;
                }
            }
            if (st.actuateAt >= 0) {
                next = st.actuateAt - now;
            }
        }
        long started = st != null && st.restartedAt >= 0 ? st.restartedAt : pod.boundAt();
        long readyAt = started + pod.spec().startupTicks();
        if (!pod.ready()) {
            if (now < readyAt) {
                return Math.min(next, readyAt - now);
            }
            ctx.api().markReady(pod);
            if (pod.phase() != PodPhase.RUNNING) {
                return NO_REQUEUE; // a listener deleted it
            }
        }
        long duration = pod.spec().durationTicks();
        if (duration >= 0) {
            long end = pod.boundAt() + pod.spec().startupTicks() + duration;
            if (now >= end) {
                ctx.api().completePod(pod);
                return NO_REQUEUE;
            }
            next = Math.min(next, end - now);
        }
        return next == Long.MAX_VALUE ? NO_REQUEUE : next;
    }

    /** Evaluates node {@code i}'s pending resizes in the retry order. */
    private void evaluate(int i) {
        List<Pod> list = pending(i);
        if (list.isEmpty()) {
            return;
        }
        ClusterView c = ctx.cluster();
        long now = ctx.now();
        List<Pod> order = retryOrder(list, p -> states.get(p).pendingSince);
        for (Pod pod : order) {
            PodState st = states.get(pod);
            Resources want = pod.requests();
            if (want.equals(pod.allocatedRequests()) && pod.limits().equals(pod.allocatedLimits())) {
                done(pod, st, list); // asked back to what is allocated
                if (pod.resizeStatus().pending()) {
                    ctx.api().setResizeStatus(pod, st.actuateAt >= 0 ? ResizeStatus.IN_PROGRESS : ResizeStatus.NONE);
                }
                continue;
            }
            if (want.cpuMillis() > c.cpuCapacity(i) || want.memoryMiB() > c.memoryCapacity(i)) {
                done(pod, st, list);
                countsOf(pod).infeasible++;
                ctx.api().setResizeStatus(pod, ResizeStatus.INFEASIBLE);
                continue;
            }
            long cpu = want.cpuMillis();
            long mem = want.memoryMiB();
            for (Pod other : c.podsOn(i)) {
                if (other != pod) {
                    cpu += other.allocatedRequests().cpuMillis();
                    mem += other.allocatedRequests().memoryMiB();
                }
            }
            if (cpu <= c.cpuCapacity(i) && mem <= c.memoryCapacity(i)) {
                done(pod, st, list);
                ctx.api().allocateResize(pod);
                ctx.api().setResizeStatus(pod, ResizeStatus.IN_PROGRESS);
                long t = runtime.actuationTicks(pod);
                long actuation = t >= 0 ? t : settings.actuationTicks();
                st.actuateAt = now + actuation;
                ctx.enqueueAfter(pod.ref(), actuation);
            } else if (pod.resizeStatus() != ResizeStatus.DEFERRED) {
                if (st.deferredSince < 0) {
                    st.deferredSince = now;
                    countsOf(pod).deferred++;
                }
                ctx.api().setResizeStatus(pod, ResizeStatus.DEFERRED);
            }
        }
        if (!list.isEmpty() && !periodicArmed.get(i)) {
            periodicArmed.set(i, true);
            ctx.enqueueAfter(periodicKey(i), settings.retryPeriodTicks());
        }
    }

    private void done(Pod pod, PodState st, List<Pod> list) {
        list.remove(pod);
        st.pending = false;
        endDeferral(pod, st);
    }

    private void endDeferral(Pod pod, PodState st) {
        if (st.deferredSince >= 0) {
            if (st.deferredSince >= measureFrom) {
                countsOf(pod).deferredWaits.add(SimTime.toSeconds(ctx.now() - st.deferredSince));
            }
            st.deferredSince = -1;
        }
    }

    /** Applies a pod's allocated resources, or fails with Error on a memory limit below the memory in use. */
    private void actuate(Pod pod, PodState st) {
        Resources fromReq = pod.actualRequests();
        Resources fromLim = pod.actualLimits();
        Resources toReq = pod.allocatedRequests();
        Resources toLim = pod.allocatedLimits();
        boolean cpuChanges = fromReq.cpuMillis() != toReq.cpuMillis() || fromLim.cpuMillis() != toLim.cpuMillis();
        boolean memChanges = fromReq.memoryMiB() != toReq.memoryMiB() || fromLim.memoryMiB() != toLim.memoryMiB();
        boolean restart = pod.ready() && ((cpuChanges && pod.spec().resizePolicy().restartOnCpu())
                || (memChanges && pod.spec().resizePolicy().restartOnMemory()));
        long newMemLimit = toLim.memoryMiB();
        boolean decrease = newMemLimit > 0 && (fromLim.memoryMiB() == 0 || newMemLimit < fromLim.memoryMiB());
        if (!restart && decrease && runtime.memoryMiB(pod) > newMemLimit) {
            if (!st.errored) {
                st.errored = true;
                countsOf(pod).errored++;
            }
            ctx.api().setResizeStatus(pod, ResizeStatus.ERROR);
            st.actuateAt = ctx.now() + settings.syncPeriodTicks();
            return;
        }
        st.actuateAt = -1;
        st.errored = false;
        ctx.api().actuateResize(pod);
        countsOf(pod).completed++;
        if (restart && pod.phase() == PodPhase.RUNNING && pod.ready()) {
            ctx.api().restartContainer(pod);
            st.restartedAt = ctx.now();
            countsOf(pod).restarts++;
        }
        if (pod.phase() == PodPhase.RUNNING && !st.pending) {
            ctx.api().setResizeStatus(pod, ResizeStatus.NONE);
        }
        if (pod.node() >= 0) {
            ctx.enqueue(sweepKey(pod.node())); // a resize completed: retry the deferred ones
        }
    }

    /**
     * The kubelet's retry order of pending resizes: those that increase no request first, then
     * higher priority, then Guaranteed before Burstable (before BestEffort), then the longest
     * pending (smallest {@code pendingSince}), then pod id.
     */
    public static List<Pod> retryOrder(Collection<Pod> pods, ToLongFunction<Pod> pendingSince) {
        List<Pod> order = new ArrayList<>(pods);
        order.sort(Comparator.<Pod>comparingInt(p -> increases(p) ? 1 : 0)
                .thenComparing(Comparator.comparingInt(Pod::priority).reversed())
                .thenComparingInt(p -> qosRank(p.qosClass()))
                .thenComparingLong(pendingSince)
                .thenComparingLong(Pod::id));
        return order;
    }

    private static boolean increases(Pod p) {
        return p.requests().cpuMillis() > p.allocatedRequests().cpuMillis()
                || p.requests().memoryMiB() > p.allocatedRequests().memoryMiB();
    }

    private static int qosRank(QosClass q) {
        return switch (q) {
            case GUARANTEED -> 0;
            case BURSTABLE -> 1;
            case BEST_EFFORT -> 2;
        };
    }
}
