package io.capsim.engine.controllers;

import io.capsim.engine.cluster.ClusterListener;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.results.ClusterAutoscalerResult;
import io.capsim.engine.results.TimeWeighted;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Kubernetes' cluster autoscaler ({@code cluster-autoscaler/core/static_autoscaler.go}), one loop
 * every scan interval over the node pools it manages (its node groups):
 *
 * <ol>
 *   <li>Unschedulable pods: pending pods of priority at least the expendable cutoff, less those
 *       that fit on a node in the cluster or on a node still provisioning (CA's
 *       {@code filterOutSchedulable}, first fit, each pod taking its room).
 *   <li>Scale-up: for each node group below its maximum (and not backing off), the pods its
 *       template node would accept and how many new nodes they need (first-fit decreasing, the
 *       binpacking estimator), capped by the maximum; the expander picks one option
 *       ({@link BestOption}); its nodes join after the group's provisioning delay, or never if
 *       that exceeds {@code maxNodeProvisionTime} (the group then backs off for 5 minutes).
 *   <li>Scale-down, in a loop without scale-up: a node is unneeded when its utilization (the
 *       larger of its CPU and memory requests over allocatable; for a GPU node its GPU share) is
 *       below the threshold and each of its pods could move to another node that stays (no pod
 *       without a controller: such a pod blocks scale-down). A node unneeded for {@code
 *       scaleDownUnneededTime} is removed, empty ones together, at most one non-empty one per loop
 *       (drained: its pods are evicted and their owners recreate them), never below the group's
 *       minimum, and not within {@code scaleDownDelayAfterAdd} of a scale-up or {@code
 *       scaleDownDelayAfterDelete} of a removal. Unneeded timers run during those delays.
 * </ol>
 *
 * <p>Simplified, as docs/SCENARIOS.md says: the fit check is resources (CPU, memory, GPU devices,
 * extended resources), node selector, required node affinity, taints and GPU model, not the whole
 * scheduler (inter-pod affinity and spread are not checked); a drain is instant; a node that joins is
 * Ready at once; no PodDisruptionBudgets. Keyed by 0 (the loop) and 1 (nodes joining). Random
 * ties of the expander come from the stream {@code controller/cluster-autoscaler/expander}.
 */
public final class ClusterAutoscaler implements Controller {

    /** Registered name. */
    public static final String NAME = "cluster-autoscaler";

    /** CA's {@code --initial-node-group-backoff-duration}: a group whose nodes did not join waits this long. */
    public static final long BACKOFF_TICKS = 300_000_000_000L;

    private static final long LOOP = 0;
    private static final long JOIN = 1;

    /** How the scale-up option is chosen ({@code --expander}). */
    public enum Expander {
        /** Least idle CPU plus memory fraction after the scale-up; ties at random. */
        LEAST_WASTE("least-waste"),
        /** Any option, uniformly at random (CA's default). */
        RANDOM("random"),
        /** The group of highest {@link NodeGroup#priority}; ties at random. */
        PRIORITY("priority");

        private final String configName;

        Expander(String configName) {
            this.configName = configName;
        }

        /** The name in {@code --expander} and in scenarios. */
        public String configName() {
            return configName;
        }

        /** The expander of a config name, or null. */
        public static Expander of(String name) {
            for (Expander e : values()) {
                if (e.configName.equals(name)) {
                    return e;
                }
            }
            return null;
        }
    }

    /**
     * A node pool the autoscaler manages.
     *
     * @param pool the pool (its nodes are the template)
     * @param minCount fewest nodes, at least 0
     * @param maxCount most nodes, at least minCount and at least 1
     * @param provisioningTicks from scale-up to the node joining, ticks, at least 0
     * @param priority for the {@code priority} expander: higher is preferred
     */
    public record NodeGroup(NodePoolSpec pool, int minCount, int maxCount, long provisioningTicks, int priority) {
        public NodeGroup {
            Objects.requireNonNull(pool, "pool");
            if (minCount < 0 || maxCount < Math.max(1, minCount) || provisioningTicks < 0) {
                throw new IllegalArgumentException("node group " + pool.name() + ": need 0 <= min <= max, max >= 1");
            }
        }
    }

    /**
     * The autoscaler's settings (cluster-autoscaler's flags, with their defaults in the scenario reader).
     *
     * @param groups node groups, in scenario order
     * @param scanIntervalTicks {@code --scan-interval} (10 s)
     * @param unneededTicks {@code --scale-down-unneeded-time} (10 min)
     * @param delayAfterAddTicks {@code --scale-down-delay-after-add} (10 min)
     * @param delayAfterDeleteTicks {@code --scale-down-delay-after-delete} (the scan interval)
     * @param utilizationThreshold {@code --scale-down-utilization-threshold} (0.5)
     * @param gpuUtilizationThreshold {@code --scale-down-gpu-utilization-threshold} (0.5)
     * @param maxNodeProvisionTicks {@code --max-node-provision-time} (15 min)
     * @param expander {@code --expander}
     * @param expendablePriorityCutoff {@code --expendable-pods-priority-cutoff} (-10): pods below it
     *     never cause a scale-up
     * @param maxEmptyBulkDelete {@code --max-empty-bulk-delete} (10)
     * @param scaleDownEnabled {@code --scale-down-enabled}
     * @param nonEmptyCandidates {@code --scale-down-non-empty-candidates-count} (30): non-empty nodes
     *     whose pods are simulated elsewhere in one loop, least utilized first
     */
    public record Spec(List<NodeGroup> groups, long scanIntervalTicks, long unneededTicks, long delayAfterAddTicks,
            long delayAfterDeleteTicks, double utilizationThreshold, double gpuUtilizationThreshold,
            long maxNodeProvisionTicks, Expander expander, int expendablePriorityCutoff, int maxEmptyBulkDelete,
            boolean scaleDownEnabled, int nonEmptyCandidates) {
        public Spec {
            groups = List.copyOf(groups);
            Objects.requireNonNull(expander, "expander");
            if (groups.isEmpty() || scanIntervalTicks <= 0 || unneededTicks < 0 || delayAfterAddTicks < 0
                    || delayAfterDeleteTicks < 0 || maxNodeProvisionTicks <= 0 || maxEmptyBulkDelete < 1
                    || nonEmptyCandidates < 1
                    || !(utilizationThreshold >= 0 && utilizationThreshold <= 1)
                    || !(gpuUtilizationThreshold >= 0 && gpuUtilizationThreshold <= 1)) {
                throw new IllegalArgumentException("invalid cluster autoscaler settings");
            }
        }
    }

    /**
     * A scale-up option: grow {@code group} by {@code nodes} nodes, which would take pods
     * requesting {@code cpuMillis} and {@code memoryMiB} in all.
     */
    public record Option(int group, int nodes, int pods, long cpuMillis, long memoryMiB) {}

    /**
     * The expanders' choice, a pure function of the options (CA's {@code expander/waste}, {@code
     * expander/random}, {@code expander/priority}).
     */
    public static final class BestOption {
        private BestOption() {}

        /**
         * The options the expander keeps (ties among them go to a random draw).
         *
         * @param templates each group's template node (its allocatable CPU and memory)
         * @param priorities each group's priority (the {@code priority} expander)
         */
        public static List<Option> best(Expander e, List<Option> options, List<NodeSpec> templates,
                List<Integer> priorities) {
            List<Option> out = new ArrayList<>();
            double best = 0;
            for (Option o : options) {
                double score = switch (e) {
                    case LEAST_WASTE -> waste(o, templates.get(o.group()));
                    case PRIORITY -> -priorities.get(o.group());
                    case RANDOM -> 0;
                };
                if (out.isEmpty() || score < best) {
                    out.clear();
                    best = score;
                    out.add(o);
                } else if (score == best) {
                    out.add(o);
                }
            }
            return out;
        }

        /**
         * Least-waste's score: idle CPU fraction plus idle memory fraction of the new nodes once
         * the pods are on them, in [0, 2]; lower is better.
         */
        public static double waste(Option o, NodeSpec template) {
            double cpu = (double) template.cpuMillis() * o.nodes();
            double mem = (double) template.memoryMiB() * o.nodes();
            return (cpu > 0 ? (cpu - o.cpuMillis()) / cpu : 0) + (mem > 0 ? (mem - o.memoryMiB()) / mem : 0);
        }
    }

    private final Spec spec;
    private ControllerContext ctx;
    private ClusterView cluster;
    private UniformRandomProvider rng;
    private final Group[] groups;
    private final Map<String, Integer> groupOfPool = new HashMap<>();
    private final List<Upcoming> upcoming = new ArrayList<>();
    private final Map<Integer, Long> unneededSince = new HashMap<>();
    private final List<ClusterAutoscalerResult.Event> events = new ArrayList<>();
    private long lastScaleUp = Long.MIN_VALUE / 2;
    private long lastScaleDown = Long.MIN_VALUE / 2;
    private long measuredFrom;

    private static final class Group {
        final NodeGroup g;
        final List<Boolean> taken = new ArrayList<>(); // name index k -> live or upcoming
        final TimeWeighted nodesOverTime = new TimeWeighted();
        int live;
        int upcoming;
        int least;
        int most;
        int atStart;
        long scaleUps;
        long added;
        long removed;
        long failed;
        long backoffUntil = Long.MIN_VALUE;

        Group(NodeGroup g) {
            this.g = g;
        }

        int takeIndex() {
            for (int k = 0; k < taken.size(); k++) {
                if (!taken.get(k)) {
                    taken.set(k, true);
                    return k;
                }
            }
            taken.add(true);
            return taken.size() - 1;
        }
    }

    private record Upcoming(int group, int index, long atTicks, boolean fails) {}

    /** An autoscaler with these settings. */
    public ClusterAutoscaler(Spec spec) {
        this.spec = spec;
        groups = new Group[spec.groups().size()];
        for (int k = 0; k < groups.length; k++) {
            groups[k] = new Group(spec.groups().get(k));
            if (groupOfPool.putIfAbsent(groups[k].g.pool().name(), k) != null) {
                throw new IllegalArgumentException("two node groups for pool " + groups[k].g.pool().name());
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(ControllerContext context) {
        ctx = context;
        cluster = context.cluster();
        rng = context.streams().stream("controller/" + NAME + "/expander");
        for (int i = 0; i < cluster.size(); i++) {
            Integer k = groupOfPool.get(cluster.node(i).pool());
            if (k != null && !cluster.nodeRemoved(i)) {
                Group g = groups[k];
                int idx = nameIndex(g, cluster.node(i).name());
                while (g.taken.size() <= idx) {
                    g.taken.add(false);
                }
                g.taken.set(idx, true);
                g.live++;
            }
        }
        for (Group g : groups) {
            g.atStart = g.live;
            g.least = g.live;
            g.most = g.live;
            g.nodesOverTime.set(context.now(), g.live);
        }
        context.watch(new ClusterListener() {
            @Override
            public void nodeRemoved(int node) {
                unneededSince.remove(node);
            }
        });
        context.enqueue(LOOP);
    }

    /** The index {@code k} of a node named {@code <pool>-<k>}, or a large index for another name. */
    private static int nameIndex(Group g, String node) {
        String prefix = g.g.pool().name() + "-";
        if (node.startsWith(prefix)) {
            try {
                return Integer.parseInt(node.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return g.taken.size();
            }
        }
        return g.taken.size();
    }

    /** Starts the measured window (node-hours count from here). */
    public void startMeasuring(long now) {
        measuredFrom = now;
        for (Group g : groups) {
            g.nodesOverTime.reset(now);
        }
    }

    @Override
    public long reconcile(long key) {
        long now = ctx.now();
        if (key == JOIN) {
            join(now);
            return NO_REQUEUE;
        }
        runOnce(now);
        return spec.scanIntervalTicks();
    }

    private void join(long now) {
        for (int u = 0; u < upcoming.size(); u++) {
            Upcoming up = upcoming.get(u);
            if (up.atTicks() > now) {
                continue;
            }
            upcoming.remove(u--);
            Group g = groups[up.group()];
            g.upcoming--;
            if (up.fails()) {
                g.taken.set(up.index(), false);
                g.failed++;
                g.backoffUntil = now + BACKOFF_TICKS;
                event(now, g, ClusterAutoscalerResult.Kind.TIMED_OUT, 1);
                continue;
            }
            ctx.api().addNode(g.g.pool().node(up.index()));
            g.added++;
            setLive(g, now, g.live + 1);
            event(now, g, ClusterAutoscalerResult.Kind.JOINED, 1);
        }
    }

    private void setLive(Group g, long now, int live) {
        g.live = live;
        g.least = Math.min(g.least, live);
        g.most = Math.max(g.most, live);
        g.nodesOverTime.set(now, live);
    }

    private void event(long now, Group g, ClusterAutoscalerResult.Kind kind, int nodes) {
        events.add(new ClusterAutoscalerResult.Event(now, g.g.pool().name(), kind, nodes, g.live));
    }

    /** One loop of the autoscaler. */
    void runOnce(long now) {
        List<Pod> unschedulable = unschedulablePods();
        if (!unschedulable.isEmpty() && scaleUp(unschedulable, now)) {
            return;
        }
        if (spec.scaleDownEnabled()) {
            scaleDown(now);
        }
    }

    // ---- 1. unschedulable pods ----

    private List<Pod> unschedulablePods() {
        List<Pod> pending = new ArrayList<>();
        for (Pod p : cluster.pods()) {
            if (p.phase() == PodPhase.PENDING && p.priority() >= spec.expendablePriorityCutoff()) {
                pending.add(p);
            }
        }
        if (pending.isEmpty()) {
            return pending;
        }
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            if (!cluster.nodeRemoved(i)) {
                bins.add(Bin.of(cluster, i));
            }
        }
        for (Upcoming u : upcoming) {
            if (!u.fails()) {
                bins.add(Bin.template(groups[u.group()].g.pool().node(u.index())));
            }
        }
        List<Pod> out = new ArrayList<>();
        for (Pod p : pending) {
            if (Bin.firstFit(bins, p, -1) < 0) {
                out.add(p);
            }
        }
        return out;
    }

    // ---- 2. scale-up ----

    private boolean scaleUp(List<Pod> pods, long now) {
        List<Option> options = new ArrayList<>();
        List<NodeSpec> templates = new ArrayList<>();
        List<Integer> priorities = new ArrayList<>();
        for (int k = 0; k < groups.length; k++) {
            Group g = groups[k];
            NodeSpec template = g.g.pool().node(g.taken.size());
            templates.add(template);
            priorities.add(g.g.priority());
            int room = g.g.maxCount() - g.live - g.upcoming;
            if (room <= 0 || now < g.backoffUntil) {
                continue;
            }
            Option o = estimate(k, template, pods, room);
            if (o != null) {
                options.add(o);
            }
        }
        if (options.isEmpty()) {
            return false;
        }
        List<Option> best = BestOption.best(spec.expander(), options, templates, priorities);
        Option chosen = best.size() == 1 ? best.get(0) : best.get(rng.nextInt(best.size()));
        Group g = groups[chosen.group()];
        boolean fails = g.g.provisioningTicks() > spec.maxNodeProvisionTicks();
        long delay = fails ? spec.maxNodeProvisionTicks() : g.g.provisioningTicks();
        for (int n = 0; n < chosen.nodes(); n++) {
            upcoming.add(new Upcoming(chosen.group(), g.takeIndex(), now + delay, fails));
        }
        g.upcoming += chosen.nodes();
        g.scaleUps++;
        lastScaleUp = now;
        event(now, g, ClusterAutoscalerResult.Kind.SCALE_UP, chosen.nodes());
        ctx.enqueueAfter(JOIN, delay);
        return true;
    }

    /**
     * The binpacking estimate: the pods the template accepts, largest first (CPU share plus memory
     * share of the template), each on the first new node with room; at most {@code room} nodes.
     * Null if the template accepts none of them.
     */
    static Option estimate(int group, NodeSpec template, List<Pod> pods, int room) {
        List<Pod> fitting = new ArrayList<>();
        Bin empty = Bin.template(template);
        for (Pod p : pods) {
            if (empty.accepts(p)) {
                fitting.add(p);
            }
        }
        if (fitting.isEmpty()) {
            return null;
        }
        double cpu = Math.max(1, template.cpuMillis());
        double mem = Math.max(1, template.memoryMiB());
        fitting.sort(Comparator.comparingDouble((Pod p) -> -(p.requests().cpuMillis() / cpu
                + p.requests().memoryMiB() / mem)));
        List<Bin> bins = new ArrayList<>();
        int count = 0;
        long cpuSum = 0;
        long memSum = 0;
        for (Pod p : fitting) {
            if (Bin.firstFit(bins, p, -1) < 0) {
                if (bins.size() == room) {
                    continue;
                }
                Bin b = Bin.template(template);
                b.take(p);
                bins.add(b);
            }
            count++;
            cpuSum += p.requests().cpuMillis();
            memSum += p.requests().memoryMiB();
        }
        return new Option(group, bins.size(), count, cpuSum, memSum);
    }

    // ---- 3. scale-down ----

    /** Utilization of node {@code i} as CA measures it: GPU share on a GPU node, else max(CPU, memory) requested share. */
    public static double utilization(ClusterView c, int i) {
        if (c.gpuCount(i) > 0) {
            return c.gpuMilliUsed(i) / (double) ((long) c.gpuCount(i) * io.capsim.engine.cluster.Resources.GPU_MILLI);
        }
        double cpu = c.cpuCapacity(i) > 0 ? c.cpuUsed(i) / (double) c.cpuCapacity(i) : 0;
        double mem = c.memoryCapacity(i) > 0 ? c.memoryUsed(i) / (double) c.memoryCapacity(i) : 0;
        return Math.max(cpu, mem);
    }

    /**
     * The nodes unneeded now, in the order found: candidates of the managed pools below their
     * threshold, least utilized first (then by name), each whose pods all fit, first fit, on nodes
     * that are neither unneeded nor given a moved pod already; at most {@code nonEmptyCandidates}
     * non-empty nodes are tried (empty ones need no simulation).
     */
    List<Integer> unneeded() {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.nodeRemoved(i) || !groupOfPool.containsKey(cluster.node(i).pool())) {
                continue;
            }
            double threshold = cluster.gpuCount(i) > 0 ? spec.gpuUtilizationThreshold() : spec.utilizationThreshold();
            if (utilization(cluster, i) < threshold && movable(cluster.podsOn(i))) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) { // no node to simulate the others for
            return candidates;
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> utilization(cluster, i))
                .thenComparingInt(cluster::nameRank));
        List<Bin> bins = new ArrayList<>();
        int[] binOf = new int[cluster.size()];
        for (int i = 0; i < cluster.size(); i++) {
            binOf[i] = -1;
            if (!cluster.nodeRemoved(i)) {
                binOf[i] = bins.size();
                bins.add(Bin.of(cluster, i));
            }
        }
        List<Integer> out = new ArrayList<>();
        int tried = 0;
        for (int i : candidates) {
            Bin self = bins.get(binOf[i]);
            if (self.receivedPods) {
                continue;
            }
            if (!cluster.podsOn(i).isEmpty() && tried++ >= spec.nonEmptyCandidates()) {
                continue;
            }
            self.closed = true;
            Map<Integer, Bin> saved = new HashMap<>();
            boolean ok = true;
            for (Pod p : cluster.podsOn(i)) {
                int b = Bin.find(bins, p, binOf[i]);
                if (b < 0) {
                    ok = false;
                    break;
                }
                saved.computeIfAbsent(b, x -> bins.get(x).copy());
                bins.get(b).take(p);
            }
            if (ok) {
                for (int b : saved.keySet()) {
                    bins.get(b).receivedPods = true;
                }
                out.add(i);
            } else {
                for (Map.Entry<Integer, Bin> e : saved.entrySet()) {
                    bins.get(e.getKey()).restore(e.getValue());
                }
                self.closed = false;
            }
        }
        return out;
    }

    /** Pods without a controller block scale-down (CA's "not replicated" rule). */
    private static boolean movable(List<Pod> pods) {
        for (Pod p : pods) {
            if (p.spec().owner().kind() == Owner.Kind.NONE) {
                return false;
            }
        }
        return true;
    }

    private void scaleDown(long now) {
        List<Integer> unneeded = unneeded();
        Map<Integer, Long> since = new HashMap<>();
        for (int i : unneeded) {
            since.put(i, unneededSince.getOrDefault(i, now));
        }
        unneededSince.clear();
        unneededSince.putAll(since);
        if (now < lastScaleUp + spec.delayAfterAddTicks() || now < lastScaleDown + spec.delayAfterDeleteTicks()) {
            return;
        }
        int[] removable = new int[groups.length];
        for (int k = 0; k < groups.length; k++) {
            removable[k] = groups[k].live - groups[k].g.minCount();
        }
        int empty = 0;
        boolean drained = false;
        for (int i : unneeded) {
            if (now - since.get(i) < spec.unneededTicks()) {
                continue;
            }
            int k = groupOfPool.get(cluster.node(i).pool());
            if (removable[k] <= 0) {
                continue;
            }
            List<Pod> pods = List.copyOf(cluster.podsOn(i));
            if (pods.isEmpty() ? empty >= spec.maxEmptyBulkDelete() : drained) {
                continue;
            }
            if (pods.isEmpty()) {
                empty++;
            } else {
                drained = true;
            }
            removable[k]--;
            remove(i, pods, k, now);
        }
    }

    private void remove(int i, List<Pod> pods, int k, long now) {
        Group g = groups[k];
        String name = cluster.node(i).name();
        for (Pod p : pods) {
            ctx.api().deletePod(p, PodEndReason.EVICTED);
        }
        ctx.api().removeNode(i);
        g.taken.set(nameIndex(g, name), false);
        g.removed++;
        setLive(g, now, g.live - 1);
        lastScaleDown = now;
        event(now, g, ClusterAutoscalerResult.Kind.REMOVED, 1);
    }

    /** What the autoscaler did; node-hours and cost over the measured window ending at {@code now}. */
    public ClusterAutoscalerResult result(long now) {
        List<ClusterAutoscalerResult.Pool> pools = new ArrayList<>();
        for (Group g : groups) {
            double mean = g.nodesOverTime.average(now);
            double hours = mean * (now - measuredFrom) / 3.6e12;
            NodePoolSpec p = g.g.pool();
            pools.add(new ClusterAutoscalerResult.Pool(p.name(), g.g.minCount(), g.g.maxCount(), g.atStart, g.live,
                    g.least, g.most, mean, g.scaleUps, g.added, g.removed, g.failed, hours, p.costPerNodeHour(),
                    hours * p.costPerNodeHour()));
        }
        return new ClusterAutoscalerResult(spec.expander().configName(), pools, events);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ClusterAutoscaler[%d groups, %s]", groups.length, spec.expander().configName());
    }
}
