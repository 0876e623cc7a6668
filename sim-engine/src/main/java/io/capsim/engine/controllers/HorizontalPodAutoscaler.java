package io.capsim.engine.controllers;

import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.results.AutoscalingResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' HorizontalPodAutoscaler controller ({@code pkg/controller/podautoscaler}), for CPU
 * utilisation targets: every sync period it measures the CPU of the Deployment's pods against
 * their requests, computes the desired replicas as the replica calculator does (tolerance, unready
 * and missing pods), stabilises the recommendation over the behaviour's windows, limits the rate by
 * its policies, clamps to [minReplicas, maxReplicas] and scales the Deployment. One HPA per
 * service; keyed by HPA index.
 *
 * <p>Simplified, as docs/SCENARIOS.md says: the metric of a pod is its mean CPU use over the
 * last sync period (metrics-server's window), so a pod Ready for less than one period has no metric
 * yet and counts as unready (Kubernetes' CPU initialisation rule, with the period as the window);
 * only the {@code Resource} metric {@code cpu} with a {@code Utilization} target.
 */
public final class HorizontalPodAutoscaler implements Controller {

    /** Registered name. */
    public static final String NAME = "horizontal-pod-autoscaler";

    /** A scaling policy: at most {@code value} pods or percent per {@code periodTicks}. */
    public record Policy(boolean percent, int value, long periodTicks) {
        public Policy {
            if (value <= 0 || periodTicks <= 0) {
                throw new IllegalArgumentException("policy value and period must be > 0");
            }
        }
    }

    /** How policies combine: the largest change (Max, default), the smallest (Min), or no scaling (Disabled). */
    public enum Select { MAX, MIN, DISABLED }

    /** One direction of {@code behavior}: stabilisation window, policies, how to select among them. */
    public record Rules(long stabilizationTicks, Select select, List<Policy> policies) {
        public Rules {
            Objects.requireNonNull(select, "select");
            policies = List.copyOf(policies);
            if (stabilizationTicks < 0) {
                throw new IllegalArgumentException("negative stabilization window");
            }
        }

        /** Kubernetes' default scale-up rules: no window; 100% or 4 pods per 15 s, the larger. */
        public static Rules defaultScaleUp() {
            return new Rules(0, Select.MAX, List.of(new Policy(true, 100, 15_000_000_000L),
                    new Policy(false, 4, 15_000_000_000L)));
        }

        /** Kubernetes' default scale-down rules: a 300 s window; 100% per 15 s. */
        public static Rules defaultScaleDown() {
            return new Rules(300_000_000_000L, Select.MAX, List.of(new Policy(true, 100, 15_000_000_000L)));
        }
    }

    /**
     * An HPA on the Deployment of a service.
     *
     * @param target the service (Deployment) it scales
     * @param minReplicas at least 1
     * @param maxReplicas at least minReplicas
     * @param targetUtilization target average CPU utilisation, percent of the pods' CPU requests
     * @param scaleUp scale-up behaviour
     * @param scaleDown scale-down behaviour
     * @param syncPeriodTicks how often it runs (kube-controller-manager's
     *     {@code --horizontal-pod-autoscaler-sync-period}, 15 s)
     * @param tolerance ratio band in which it does not scale ({@code --horizontal-pod-autoscaler-tolerance}, 0.1)
     * @param targetInFlight 0 for the CPU utilization target; otherwise a {@code Pods} metric, the
     *     requests in flight per pod, with this {@code AverageValue} target (and targetUtilization unused)
     */
    public record Spec(String target, int minReplicas, int maxReplicas, int targetUtilization, Rules scaleUp,
            Rules scaleDown, long syncPeriodTicks, double tolerance, double targetInFlight) {
        public Spec {
            Objects.requireNonNull(target, "target");
            if (minReplicas < 1 || maxReplicas < minReplicas || targetUtilization < 1 || syncPeriodTicks <= 0
                    || !(tolerance >= 0) || !(targetInFlight >= 0)) {
                throw new IllegalArgumentException("invalid HPA for " + target);
            }
        }

        /** An HPA on CPU utilization. */
        public Spec(String target, int minReplicas, int maxReplicas, int targetUtilization, Rules scaleUp,
                Rules scaleDown, long syncPeriodTicks, double tolerance) {
            this(target, minReplicas, maxReplicas, targetUtilization, scaleUp, scaleDown, syncPeriodTicks, tolerance, 0);
        }
    }

    /** What the HPA reads of the cluster: the Deployment's pods and their CPU. */
    public interface Metrics {
        /** Live pods of the Deployment (not ended), in creation order. */
        List<Pod> pods(String deployment);

        /** CPU the pod has used since it became Ready, millicore-ticks; NaN if it has not. */
        double cpuMilliTicks(String deployment, Pod pod, long now);

        /** Requests in flight at the pod now (in service plus waiting there); NaN if it serves none (not Ready). */
        default double inFlight(String deployment, Pod pod) {
            return Double.NaN;
        }
    }

    /** Sets a Deployment's replicas (the scale subresource). */
    public interface Scaler {
        void scale(String deployment, int replicas);
    }

    private final List<Spec> specs;
    private final Metrics metrics;
    private final Scaler scaler;
    private ControllerContext ctx;
    private final State[] states;

    private static final class State {
        final Map<Pod, double[]> lastSample = new IdentityHashMap<>(); // {time, cpu milli-ticks}
        final List<long[]> recommendations = new ArrayList<>(); // {time, replicas}
        final List<long[]> scaleUps = new ArrayList<>(); // {time, replicas added}
        final List<long[]> scaleDowns = new ArrayList<>(); // {time, replicas removed}
        final List<AutoscalingResult.ScaleEvent> events = new ArrayList<>();
        int desired = -1;
        int desiredMin = Integer.MAX_VALUE;
        int desiredMax;
    }

    public HorizontalPodAutoscaler(List<Spec> specs, Metrics metrics, Scaler scaler) {
        this.specs = List.copyOf(specs);
        this.metrics = metrics;
        this.scaler = scaler;
        states = new State[specs.size()];
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
        for (int k = 0; k < specs.size(); k++) {
            context.enqueueAfter(k, specs.get(k).syncPeriodTicks());
        }
    }

    @Override
    public long reconcile(long key) {
        int k = (int) key;
        Spec spec = specs.get(k);
        State st = states[k];
        long now = ctx.now();
        List<Pod> pods = metrics.pods(spec.target());
        int current = pods.size();
        int desired;
        if (current > spec.maxReplicas()) {
            desired = spec.maxReplicas();
        } else if (current < spec.minReplicas()) {
            desired = spec.minReplicas();
        } else if (current == 0) {
            desired = 0; // scaled to zero by hand: the HPA stays off
        } else {
            int proposal = proposal(spec, st, pods, now, current);
            desired = normalize(spec, st, now, current, proposal);
        }
        record(st, desired);
        if (desired != current) {
            (desired > current ? st.scaleUps : st.scaleDowns).add(new long[] {now, Math.abs(desired - current)});
            st.events.add(new AutoscalingResult.ScaleEvent(now, current, desired));
            scaler.scale(spec.target(), desired);
        }
        return spec.syncPeriodTicks();
    }

    private static void record(State st, int desired) {
        st.desired = desired;
        st.desiredMin = Math.min(st.desiredMin, desired);
        st.desiredMax = Math.max(st.desiredMax, desired);
    }

    /** The replica calculator's proposal from this period's CPU samples, or from the pods' requests in flight. */
    private int proposal(Spec spec, State st, List<Pod> pods, long now, int current) {
        if (spec.targetInFlight() > 0) {
            List<Long> values = new ArrayList<>(pods.size());
            for (Pod p : pods) {
                if (p.phase() != PodPhase.RUNNING) {
                    continue; // pending pods are ignored
                }
                double v = p.ready() ? metrics.inFlight(spec.target(), p) : Double.NaN;
                values.add(Double.isNaN(v) ? null : Math.round(v * 1000)); // a quantity in milli-units
            }
            return replicasForAverageValue(values, Math.round(spec.targetInFlight() * 1000), spec.tolerance(), current);
        }
        List<PodSample> samples = new ArrayList<>(pods.size());
        Map<Pod, double[]> next = new IdentityHashMap<>();
        for (Pod p : pods) {
            double cpu = p.phase() == PodPhase.RUNNING && p.ready() ? metrics.cpuMilliTicks(spec.target(), p, now) : Double.NaN;
            double[] prev = st.lastSample.get(p);
            if (!Double.isNaN(cpu)) {
                next.put(p, new double[] {now, cpu});
            }
            long request = p.requests().cpuMillis();
            if (Double.isNaN(cpu) || prev == null || now <= prev[0]) {
                samples.add(new PodSample(request, -1, false)); // not Ready, or Ready for less than a period: unready
            } else {
                samples.add(new PodSample(request, (cpu - prev[1]) / (now - prev[0]), true));
            }
        }
        st.lastSample.clear();
        st.lastSample.putAll(next);
        return replicasForUtilization(samples, spec.targetUtilization(), spec.tolerance(), current);
    }

    /** A pod as the replica calculator sees it: its CPU request, and its mean CPU use if it has a metric. */
    record PodSample(long requestMillis, double usageMillis, boolean ready) {}

    /**
     * Kubernetes' replica calculator for a resource utilisation target ({@code GetResourceReplicas}):
     * the usage ratio over the ready pods; if no pod is unready (or the ratio is not above 1), the
     * proposal is ceil(ratio × ready pods) unless the ratio is within the tolerance; otherwise, on a
     * scale-up, unready pods count as using nothing, the ratio is recomputed, and a proposal that
     * changes direction or falls within the tolerance keeps the current count.
     */
    static int replicasForUtilization(List<PodSample> pods, int targetUtilization, double tolerance, int current) {
        long usage = 0;
        long requests = 0;
        int ready = 0;
        int unready = 0;
        for (PodSample p : pods) {
            if (p.ready()) {
                usage += Math.round(p.usageMillis()); // metrics carry whole millicores
                requests += p.requestMillis();
                ready++;
            } else {
                unready++;
            }
        }
        if (ready == 0 || requests == 0) {
            return current; // no metrics: Kubernetes reports an error and does not scale
        }
        double ratio = ratio(usage, requests, targetUtilization);
        boolean scaleUpWithUnready = unready > 0 && ratio > 1.0;
        if (!scaleUpWithUnready) {
            if (Math.abs(1.0 - ratio) <= tolerance) {
                return current;
            }
            return (int) Math.ceil(ratio * ready);
        }
        long allRequests = requests;
        for (PodSample p : pods) {
            if (!p.ready()) {
                allRequests += p.requestMillis(); // counted as using 0
            }
        }
        double newRatio = ratio(usage, allRequests, targetUtilization);
        if (Math.abs(1.0 - newRatio) <= tolerance || newRatio < 1.0) {
            return current;
        }
        int proposal = (int) Math.ceil(newRatio * pods.size());
        return proposal < current ? current : proposal;
    }

    /**
     * Kubernetes' replica calculator for a {@code Pods} metric with an {@code AverageValue} target
     * ({@code calcPlainMetricReplicas}): the ratio of the average over the pods with a metric (in
     * milli-units, integer division) to the target; without missing pods, ceil(ratio × pods with a
     * metric) unless within the tolerance; otherwise missing pods count as using the target on a
     * scale-down and nothing on a scale-up, the ratio is recomputed, and a proposal within the
     * tolerance or against the first ratio's direction keeps the current count.
     *
     * @param values each running pod's metric in milli-units, null where it has none (missing)
     */
    static int replicasForAverageValue(List<Long> values, long targetMilli, double tolerance, int current) {
        long total = 0;
        int withMetric = 0;
        int missing = 0;
        for (Long v : values) {
            if (v == null) {
                missing++;
            } else {
                total += v;
                withMetric++;
            }
        }
        if (withMetric == 0) {
            return current; // no metrics: Kubernetes reports an error and does not scale
        }
        double ratio = (double) (total / withMetric) / targetMilli;
        if (missing == 0) {
            return Math.abs(1.0 - ratio) <= tolerance ? current : (int) Math.ceil(ratio * withMetric);
        }
        long filled = total + (ratio < 1.0 ? missing * targetMilli : 0);
        int all = withMetric + missing;
        double newRatio = (double) (filled / all) / targetMilli;
        if (Math.abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
            return current;
        }
        int proposal = (int) Math.ceil(newRatio * all);
        if ((newRatio < 1.0 && proposal > current) || (newRatio > 1.0 && proposal < current)) {
            return current;
        }
        return proposal;
    }

    /**
     * {@code GetResourceUtilizationRatio}: the utilisation as a whole percent (truncated, as the
     * integer arithmetic of Kubernetes does) over the target.
     */
    private static double ratio(long usageMillis, long requestMillis, int targetUtilization) {
        long utilization = usageMillis * 100 / requestMillis;
        return (double) utilization / targetUtilization;
    }

    /**
     * {@code normalizeDesiredReplicasWithBehaviors}: stabilises the proposal (the lowest of the
     * scale-up window's recommendations, the highest of the scale-down window's), then limits the
     * change by the policies and clamps to [minReplicas, maxReplicas].
     */
    private int normalize(Spec spec, State st, long now, int current, int proposal) {
        int stabilized = stabilize(st.recommendations, now, current, proposal, spec.scaleUp().stabilizationTicks(),
                spec.scaleDown().stabilizationTicks());
        long keep = Math.max(spec.scaleUp().stabilizationTicks(), spec.scaleDown().stabilizationTicks());
        st.recommendations.removeIf(r -> r[0] < now - keep);
        st.recommendations.add(new long[] {now, proposal});
        long longest = 0;
        for (Policy p : spec.scaleUp().policies()) {
            longest = Math.max(longest, p.periodTicks());
        }
        for (Policy p : spec.scaleDown().policies()) {
            longest = Math.max(longest, p.periodTicks());
        }
        long horizon = longest;
        st.scaleUps.removeIf(e -> e[0] <= now - horizon);
        st.scaleDowns.removeIf(e -> e[0] <= now - horizon);
        return limit(spec, now, current, stabilized, st.scaleUps, st.scaleDowns);
    }

    /** Stabilisation, as {@code stabilizeRecommendationWithBehaviors}. */
    static int stabilize(List<long[]> recommendations, long now, int current, int proposal, long upWindow,
            long downWindow) {
        long up = proposal;
        long down = proposal;
        for (long[] r : recommendations) {
            if (r[0] > now - upWindow) {
                up = Math.min(up, r[1]);
            }
            if (r[0] > now - downWindow) {
                down = Math.max(down, r[1]);
            }
        }
        long rec = current;
        if (rec < up) {
            rec = up;
        }
        if (rec > down) {
            rec = down;
        }
        return (int) rec;
    }

    /** Rate limits and bounds, as {@code convertDesiredReplicasWithBehaviorRate}. */
    static int limit(Spec spec, long now, int current, int desired, List<long[]> ups, List<long[]> downs) {
        if (desired > current) {
            int cap = Math.max(current, scaleUpLimit(spec.scaleUp(), now, current, ups, downs));
            return Math.min(desired, Math.min(spec.maxReplicas(), cap));
        }
        if (desired < current) {
            int floor = Math.min(current, scaleDownLimit(spec.scaleDown(), now, current, ups, downs));
            return Math.max(desired, Math.max(spec.minReplicas(), floor));
        }
        return desired;
    }

    private static int changeIn(List<long[]> events, long now, long period) {
        int n = 0;
        for (long[] e : events) {
            if (e[0] > now - period) {
                n += (int) e[1];
            }
        }
        return n;
    }

    static int scaleUpLimit(Rules rules, long now, int current, List<long[]> ups, List<long[]> downs) {
        if (rules.select() == Select.DISABLED) {
            return current;
        }
        int result = rules.select() == Select.MIN ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (Policy p : rules.policies()) {
            int start = current - changeIn(ups, now, p.periodTicks()) + changeIn(downs, now, p.periodTicks());
            int proposed = p.percent() ? (int) Math.ceil(start * (1 + p.value() / 100.0)) : start + p.value();
            result = rules.select() == Select.MIN ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    static int scaleDownLimit(Rules rules, long now, int current, List<long[]> ups, List<long[]> downs) {
        if (rules.select() == Select.DISABLED) {
            return current;
        }
        int result = rules.select() == Select.MIN ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (Policy p : rules.policies()) {
            int start = current - changeIn(ups, now, p.periodTicks()) + changeIn(downs, now, p.periodTicks());
            int proposed = p.percent() ? (int) (start * (1 - p.value() / 100.0)) : start - p.value();
            result = rules.select() == Select.MIN ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    /** What the HPA on {@code target} did, or null if it has none. */
    public AutoscalingResult status(String target) {
        for (int k = 0; k < specs.size(); k++) {
            if (specs.get(k).target().equals(target)) {
                State st = states[k];
                return new AutoscalingResult(st.events, st.desired < 0 ? 0 : st.desiredMin, st.desiredMax, Math.max(st.desired, 0));
            }
        }
        return null;
    }
}
