package io.capsim.engine.controllers;

import io.capsim.engine.api.ResizeAnswer;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.cluster.ResizeStatus;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.sizing.CpuRecommendation;
import io.capsim.engine.sizing.VerticalSizing;
import io.capsim.engine.sizing.VerticalSizing.Mode;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The VerticalPodAutoscaler of the services that have a {@link VerticalSizing} (VPA 1.6's
 * recommender, updater and admission controller in one controller, on CPU):
 *
 * <ol>
 *   <li>Every {@code sampleInterval} it samples each ready pod's mean CPU use over the interval
 *       (the metrics pipeline) and keeps the samples of the last {@code window} (the recommender's
 *       histogram, without decay).
 *   <li>Every {@code updateInterval} it recommends a target and bounds ({@link
 *       CpuRecommendation#of}; with the {@code queue} recommender, the current request times the
 *       step while requests pile up), sets the target on the template of new pods (the admission
 *       controller), and acts on each running pod whose CPU request lies outside the bounds, as
 *       {@code updateMode} says: {@code Recreate} evicts it; {@code InPlace} resizes it in place;
 *       {@code InPlaceOrRecreate} resizes it in place and evicts it instead when the API refuses
 *       the resize, or the kubelet finds it Infeasible, or it stays Deferred longer than
 *       {@code deferredTimeout} or in progress longer than {@code inProgressTimeout}.
 *   <li>Evictions respect the eviction tolerance: at most that share of the live pods may be
 *       evicted or not ready at once (at least one).
 * </ol>
 *
 * Keys: {@code 2k} samples target {@code k}, {@code 2k + 1} updates it.
 */
public final class VerticalPodAutoscaler implements Controller {

    /** Registered name. */
    public static final String NAME = "vertical-pod-autoscaler";

    /** A VPA on a Deployment. */
    public record Target(String deployment, VerticalSizing sizing, Resources templateRequests, Resources templateLimits) {
        public Target {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(sizing, "sizing");
            Objects.requireNonNull(templateRequests, "templateRequests");
            Objects.requireNonNull(templateLimits, "templateLimits");
        }
    }

    /** What the VPA reads: the Deployment's pods and their CPU (as the HPA), and its queue. */
    public interface Signals extends HorizontalPodAutoscaler.Metrics {
        /** Requests waiting per ready replica of the Deployment's service now. */
        double waitingPerReplica(String deployment);
    }

    /** Sets the requests and limits new pods of a Deployment get (the VPA admission controller). */
    @FunctionalInterface
    public interface Admission {
        void setResources(String deployment, Resources requests, Resources limits);
    }

    private static final class State {
        final Map<Pod, double[]> last = new IdentityHashMap<>(); // {time, cpu milli-ticks}
        long[] times = new long[64];
        double[] cores = new double[64];
        int head;
        int size;
        CpuRecommendation recommendation;
        long evictions;
        long refused;
        long resizesAsked;
    }

    private final List<Target> targets;
    private final Signals signals;
    private final Admission admission;
    private final State[] states;
    private ControllerContext ctx;

    public VerticalPodAutoscaler(List<Target> targets, Signals signals, Admission admission) {
        this.targets = List.copyOf(targets);
        this.signals = Objects.requireNonNull(signals, "signals");
        this.admission = Objects.requireNonNull(admission, "admission");
        states = new State[targets.size()];
        for (int k = 0; k < states.length; k++) {
            states[k] = new State();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(ControllerContext context) {
        ctx = context;
        for (int k = 0; k < targets.size(); k++) {
            VerticalSizing s = targets.get(k).sizing();
            context.enqueueAfter(2L * k, s.sampleTicks());
            context.enqueueAfter(2L * k + 1, s.updateTicks());
        }
    }

    /** Forgets the counts so far (the measured window starts). */
    public void startMeasuring() {
        for (State st : states) {
            st.evictions = 0;
            st.refused = 0;
            st.resizesAsked = 0;
        }
    }

    /** Pods of {@code deployment} the VPA evicted in the measured window (0 without a VPA). */
    public long evictions(String deployment) {
        int k = index(deployment);
        return k < 0 ? 0 : states[k].evictions;
    }

    /** Resizes of {@code deployment}'s pods the API server refused in the measured window. */
    public long refused(String deployment) {
        int k = index(deployment);
        return k < 0 ? 0 : states[k].refused;
    }

    /** The current recommendation for {@code deployment}, or null (none yet, or no VPA). */
    public CpuRecommendation recommendation(String deployment) {
        int k = index(deployment);
        return k < 0 ? null : states[k].recommendation;
    }

    private int index(String deployment) {
        for (int k = 0; k < targets.size(); k++) {
            if (targets.get(k).deployment().equals(deployment)) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public long reconcile(long key) {
        int k = (int) (key / 2);
        Target t = targets.get(k);
        if (key % 2 == 0) {
            sample(t, states[k]);
            return t.sizing().sampleTicks();
        }
        update(t, states[k]);
        return t.sizing().updateTicks();
    }

    /** Each ready pod's mean CPU over the interval since its last sample. */
    private void sample(Target t, State st) {
        long now = ctx.now();
        Map<Pod, double[]> next = new IdentityHashMap<>();
        for (Pod p : signals.pods(t.deployment())) {
            double cpu = p.phase() == PodPhase.RUNNING && p.ready() ? signals.cpuMilliTicks(t.deployment(), p, now)
                    : Double.NaN;
            if (Double.isNaN(cpu)) {
                continue;
            }
            double[] prev = st.last.get(p);
            next.put(p, new double[] {now, cpu});
            if (prev != null && now > prev[0]) {
                add(st, now, (cpu - prev[1]) / (now - prev[0]) / 1000);
            }
        }
        st.last.clear();
        st.last.putAll(next);
        long from = now - t.sizing().windowTicks();
        while (st.size > 0 && st.times[st.head] <= from) {
            st.head = (st.head + 1) % st.times.length;
            st.size--;
        }
    }

    private static void add(State st, long time, double cores) {
        if (st.size == st.times.length) {
            long[] times = new long[st.size * 2];
            double[] values = new double[st.size * 2];
            for (int i = 0; i < st.size; i++) {
                times[i] = st.times[(st.head + i) % st.size];
                values[i] = st.cores[(st.head + i) % st.size];
            }
            st.times = times;
            st.cores = values;
            st.head = 0;
        }
        int at = (st.head + st.size) % st.times.length;
        st.times[at] = time;
        st.cores[at] = cores;
        st.size++;
    }

    private void update(Target t, State st) {
        if (st.size == 0) {
            return; // no usage yet: no recommendation
        }
        VerticalSizing s = t.sizing();
        double[] window = new double[st.size];
        for (int i = 0; i < st.size; i++) {
            window[i] = st.cores[(st.head + i) % st.cores.length];
        }
        CpuRecommendation rec = CpuRecommendation.of(window, window.length, s);
        List<Pod> pods = signals.pods(t.deployment());
        if (s.recommender() == VerticalSizing.Recommender.QUEUE && signals.waitingPerReplica(t.deployment()) > s.queueThreshold()) {
            long current = 0;
            for (Pod p : pods) {
                current = Math.max(current, p.requests().cpuMillis());
            }
            long up = Math.min(s.maxCpuMillis(), (long) Math.ceil(current * s.queueStep()));
            if (up > rec.targetMillis()) {
                rec = new CpuRecommendation(up, up, Math.max(up, rec.upperMillis()));
            }
        }
        st.recommendation = rec;
        if (s.mode() == Mode.OFF) {
            return;
        }
        admission.setResources(t.deployment(), withCpu(t.templateRequests(), rec.targetMillis()),
                scaledLimits(t.templateRequests(), t.templateLimits(), rec.targetMillis()));
        long now = ctx.now();
        int disrupted = 0;
        for (Pod p : pods) {
            if (!p.ready()) {
                disrupted++;
            }
        }
        int budget = Math.max(1, (int) Math.floor(s.evictionTolerance() * pods.size())) - disrupted;
        for (Pod p : pods) {
            if (p.phase() != PodPhase.RUNNING) {
                continue;
            }
            if (s.mode() == Mode.IN_PLACE_OR_RECREATE && fallBack(p, s, now)) {
                if (budget > 0) {
                    evict(p, st);
                    budget--;
                }
                continue;
            }
            if (rec.contains(p.requests().cpuMillis())) {
                continue;
            }
            if (s.mode() == Mode.RECREATE) {
                if (budget > 0 && p.ready()) {
                    evict(p, st);
                    budget--;
                }
                continue;
            }
            ResizeAnswer a = ctx.api().resizePod(p, withCpu(p.requests(), rec.targetMillis()),
                    scaledLimits(p.requests(), p.limits(), rec.targetMillis()));
            if (a != ResizeAnswer.ACCEPTED) {
                st.refused++;
                if (s.mode() == Mode.IN_PLACE_OR_RECREATE && budget > 0) {
                    evict(p, st);
                    budget--;
                }
            } else {
                st.resizesAsked++;
            }
        }
    }

    /** InPlaceOrRecreate's fallback: Infeasible, Deferred too long, or in progress too long. */
    private static boolean fallBack(Pod p, VerticalSizing s, long now) {
        ResizeStatus r = p.resizeStatus();
        long age = now - p.resizeStatusSince();
        return switch (r) {
            case INFEASIBLE -> true;
            case DEFERRED -> age > s.deferredTimeoutTicks();
            case IN_PROGRESS, ERROR -> age > s.inProgressTimeoutTicks();
            case NONE -> false;
        };
    }

    private void evict(Pod p, State st) {
        ctx.api().deletePod(p, PodEndReason.EVICTED);
        st.evictions++;
    }

    private static Resources withCpu(Resources base, long cpuMillis) {
        return new Resources(cpuMillis, base.memoryMiB(), base.gpus(), base.gpuMilliPerGpu(), base.extended());
    }

    /** Limits kept in proportion to the request (VPA's default {@code RequestsAndLimits}); unset stays unset. */
    static Resources scaledLimits(Resources requests, Resources limits, long cpuMillis) {
        long lim = limits.cpuMillis();
        if (lim > 0) {
            lim = requests.cpuMillis() > 0 ? (long) Math.ceil((double) lim * cpuMillis / requests.cpuMillis()) : cpuMillis;
            lim = Math.max(lim, cpuMillis);
        }
        return new Resources(lim, limits.memoryMiB(), limits.gpus(), limits.gpuMilliPerGpu(), limits.extended());
    }

    @Override
    public String toString() {
        return NAME + Arrays.toString(targets.stream().map(Target::deployment).toArray());
    }
}
