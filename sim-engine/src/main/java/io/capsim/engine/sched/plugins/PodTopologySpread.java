package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.LabelSelector;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Toleration;
import io.capsim.engine.cluster.TopologySpreadConstraint;
import io.capsim.engine.cluster.TopologySpreadConstraint.Policy;
import io.capsim.engine.cluster.TopologySpreadConstraint.WhenUnsatisfiable;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.FilterPlugin;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.PreFilterPlugin;
import io.capsim.engine.sched.api.PreScorePlugin;
import io.capsim.engine.sched.api.Rejection;
import io.capsim.engine.sched.api.ScorePlugin;
import io.capsim.engine.sched.api.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' PodTopologySpread ({@code pkg/scheduler/framework/plugins/podtopologyspread}).
 *
 * <p>Constraints: a pod's own {@code topologySpreadConstraints}; a pod without any gets the cluster
 * defaults, which with {@code defaultingType: System} (the default) are kube-scheduler's system
 * defaults ({@code kubernetes.io/hostname} maxSkew 3 and {@code topology.kubernetes.io/zone} maxSkew
 * 5, both ScheduleAnyway) over the pod's default selector. capsim has one namespace, no Service,
 * ReplicationController or StatefulSet objects, and a ReplicaSet per service whose selector is its
 * pod template's labels, so the default selector of a ReplicaSet's pod is its labels and other pods
 * get none (no default spreading, as kube-scheduler does for a pod with no such owner).
 *
 * <p>Filter (DoNotSchedule constraints): for each constraint, the eligible domains are the values of
 * its key on nodes that carry every hard constraint's key and pass the inclusion policies
 * ({@code nodeAffinityPolicy} Honor: the pod's node selector and required node affinity;
 * {@code nodeTaintsPolicy} Honor: its tolerations of NoSchedule/NoExecute taints); the global
 * minimum is the fewest matching pods over them (0 when there are fewer than {@code minDomains});
 * a node passes if {@code matching + selfMatch - min <= maxSkew}. A node without the key is
 * unresolvable; a skew too large is resolvable (preemption may help).
 *
 * <p>Score (ScheduleAnyway constraints): per constraint the weight is {@code ln(size + 2)} (size:
 * distinct values over the feasible nodes; for the hostname key, the feasible nodes not ignored);
 * a node's raw score is {@code round(sum(count * weight + maxSkew - 1))} over the constraints whose
 * key it carries; normalised as {@code 100 * (max + min - raw) / max} (100 everywhere when max is
 * 0). With the pod's own constraints, feasible nodes missing a key are ignored and score 0.
 *
 * <p>Counting visits every pod placed on the cluster (as kube-scheduler does), so a cycle of a pod
 * with constraints costs time linear in the placed pods; pods without constraints cost nothing.
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    /** Arguments. @param defaultingType {@code System} (kube-scheduler's defaults) or {@code List} (none) */
    public record Args(String defaultingType) implements PluginArgs {}

    /** The factory. */
    public static final PluginFactory<Args> FACTORY = new PluginFactory<>() {
        @Override public String name() { return BuiltInPlugins.POD_TOPOLOGY_SPREAD; }
        @Override public Class<Args> argsType() { return Args.class; }
        @Override public Args defaultArgs() { return new Args("System"); }
        @Override public List<ConfigProblem> validate(Args a) {
            return a.defaultingType().equals("System") || a.defaultingType().equals("List") ? List.of()
                    : List.of(ConfigProblem.at("defaultingType", a.defaultingType(), "\"" + a.defaultingType()
                            + "\" is not allowed (allowed: System, List; List with no defaultConstraints, the only "
                            + "list capsim reads, means no default spreading)"));
        }
        @Override public PodTopologySpread create(Args a, PluginContext c) {
            return new PodTopologySpread(c.handle().cluster(), a.defaultingType().equals("System"));
        }
    };

    private static final List<TopologySpreadConstraint> SYSTEM_DEFAULTS = List.of(
            TopologySpreadConstraint.of(3, NodeSpec.HOSTNAME_LABEL, WhenUnsatisfiable.SCHEDULE_ANYWAY, LabelSelector.EVERYTHING),
            TopologySpreadConstraint.of(5, NodeSpec.ZONE_LABEL, WhenUnsatisfiable.SCHEDULE_ANYWAY, LabelSelector.EVERYTHING));

    private final ClusterView cluster;
    private final boolean systemDefaulted;

    /** One constraint resolved for the pod of the current cycle. */
    private static final class Resolved {
        final TopologySpreadConstraint c;
        final LabelSelector selector;
        final boolean hostname;
        int[] domains;
        long[] perNode; // matching pods per node (hostname) or unused
        long[] perDomain; // matching pods per domain
        boolean[] eligible;
        long min;
        double weight;
        boolean selfMatch;

        Resolved(TopologySpreadConstraint c, LabelSelector selector) {
            this.c = c;
            this.selector = selector;
            this.hostname = c.topologyKey().equals(NodeSpec.HOSTNAME_LABEL);
        }
    }

    private final List<Resolved> hard = new ArrayList<>();
    private final List<Resolved> soft = new ArrayList<>();
    private boolean requireAll;
    private boolean[] ignored = new boolean[0];
    private long[] nodeCount = new long[0];

    PodTopologySpread(ClusterView cluster, boolean systemDefaulted) {
        this.cluster = cluster;
        this.systemDefaulted = systemDefaulted;
    }

    @Override
    public String name() {
        return BuiltInPlugins.POD_TOPOLOGY_SPREAD;
    }

    /** The pod's constraints of one kind, with their selectors; empty when none apply. */
    private void resolve(Pod pod, WhenUnsatisfiable when, List<Resolved> out) {
        out.clear();
        PodSpec p = pod.spec();
        if (!p.topologySpreadConstraints().isEmpty()) {
            for (TopologySpreadConstraint c : p.topologySpreadConstraints()) {
                if (c.whenUnsatisfiable() != when) {
                    continue;
                }
                LabelSelector s = c.labelSelector();
                if (s != null) {
                    for (String key : c.matchLabelKeys()) {
                        String v = p.labels().get(key);
                        if (v != null) {
                            s = s.and(key, v);
                        }
                    }
                }
                out.add(new Resolved(c, s));
            }
            return;
        }
        if (!systemDefaulted || when != WhenUnsatisfiable.SCHEDULE_ANYWAY
                || p.owner().kind() != Owner.Kind.REPLICA_SET || p.labels().isEmpty()) {
            return;
        }
        LabelSelector selector = LabelSelector.of(p.labels());
        for (TopologySpreadConstraint c : SYSTEM_DEFAULTS) {
            out.add(new Resolved(c, selector));
        }
    }

    private static boolean matches(LabelSelector s, Pod p) {
        return s != null && !s.isEmpty() && s.matches(p.spec().labels());
    }

    private long countOn(int node, LabelSelector s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        long n = 0;
        for (Pod p : cluster.podsOn(node)) {
            if (s.matches(p.spec().labels())) {
                n++;
            }
        }
        return n;
    }

    private static boolean includes(Resolved r, Pod pod, NodeSpec node) {
        if (r.c.nodeAffinityPolicy() == Policy.HONOR && !NodeAffinityPlugin.selectorMatches(pod.spec(), node)) {
            return false;
        }
        return r.c.nodeTaintsPolicy() != Policy.HONOR
                || Toleration.firstUntolerated(node.taints(), pod.spec().tolerations()) == null;
    }

    // ---- Filter ----

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        resolve(pod, WhenUnsatisfiable.DO_NOT_SCHEDULE, hard);
        if (hard.isEmpty()) {
            return Status.SUCCESS;
        }
        int n = cluster.size();
        for (Resolved r : hard) {
            r.domains = cluster.topologyDomains(r.c.topologyKey());
            int d = cluster.topologyDomainCount(r.c.topologyKey());
            r.perDomain = new long[d];
            r.eligible = new boolean[d];
            r.selfMatch = matches(r.selector, pod);
        }
        for (int i = 0; i < n; i++) {
            boolean all = true;
            for (Resolved r : hard) {
                all &= r.domains[i] >= 0;
            }
            if (!all) {
                continue;
            }
            NodeSpec node = cluster.node(i);
            for (Resolved r : hard) {
                if (!includes(r, pod, node)) {
                    continue;
                }
                int d = r.domains[i];
                r.eligible[d] = true;
                r.perDomain[d] += countOn(i, r.selector);
            }
        }
        for (Resolved r : hard) {
            long min = Long.MAX_VALUE;
            int domains = 0;
            for (int d = 0; d < r.eligible.length; d++) {
                if (r.eligible[d]) {
                    domains++;
                    min = Math.min(min, r.perDomain[d]);
                }
            }
            int minDomains = r.c.minDomains() == null ? 1 : r.c.minDomains();
            r.min = domains < minDomains ? 0 : min;
        }
        return Status.SUCCESS;
    }

    @Override
    public Code filter(CycleState state, Pod pod, int node) {
        for (int k = 0; k < hard.size(); k++) {
            Resolved r = hard.get(k);
            int d = r.domains[node];
            if (d < 0) {
                return Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
            }
            long match = r.eligible[d] ? r.perDomain[d] : 0;
            if (match + (r.selfMatch ? 1 : 0) - r.min > r.c.maxSkew()) {
                return Code.UNSCHEDULABLE;
            }
        }
        return Code.SUCCESS;
    }

    @Override
    public Rejection explain(CycleState state, Pod pod, int node) {
        for (Resolved r : hard) {
            if (r.domains[node] < 0) {
                return Rejection.of(name(), cluster.node(node).name(),
                        "node(s) didn't match pod topology spread constraints (missing required label)");
            }
        }
        return Rejection.of(name(), cluster.node(node).name(), "node(s) didn't match pod topology spread constraints");
    }

    // ---- Score ----

    @Override
    public Status preScore(CycleState state, Pod pod, int[] feasible, int count) {
        resolve(pod, WhenUnsatisfiable.SCHEDULE_ANYWAY, soft);
        if (soft.isEmpty() || cluster.size() == 0) {
            return Status.SKIP;
        }
        int n = cluster.size();
        if (ignored.length < n) {
            ignored = new boolean[n];
            nodeCount = new long[n];
        }
        requireAll = !pod.spec().topologySpreadConstraints().isEmpty() || !systemDefaulted;
        int ignoredCount = 0;
        for (int k = 0; k < count; k++) {
            int i = feasible[k];
            boolean ign = false;
            if (requireAll) {
                for (Resolved r : soft) {
                    if (cluster.topologyDomains(r.c.topologyKey())[i] < 0) {
                        ign = true;
                    }
                }
            }
            ignored[i] = ign;
            if (ign) {
                ignoredCount++;
            }
        }
        for (Resolved r : soft) {
            r.domains = cluster.topologyDomains(r.c.topologyKey());
            if (r.hostname) {
                r.weight = Math.log(count - ignoredCount + 2);
                continue;
            }
            // Buckets: the values of feasible, non-ignored nodes (slot 0 is the "" value of nodes without the key).
            int dc = cluster.topologyDomainCount(r.c.topologyKey());
            r.eligible = new boolean[dc + 1];
            r.perDomain = new long[dc + 1];
            int size = 0;
            for (int k = 0; k < count; k++) {
                int i = feasible[k];
                if (ignored[i]) {
                    continue;
                }
                int b = r.domains[i] + 1;
                if (!r.eligible[b]) {
                    r.eligible[b] = true;
                    size++;
                }
            }
            r.weight = Math.log(size + 2);
            for (int i = 0; i < n; i++) {
                if (requireAll && !hasAllKeys(i)) {
                    continue;
                }
                int b = r.domains[i] + 1;
                if (!r.eligible[b] || !includes(r, pod, cluster.node(i))) {
                    continue;
                }
                r.perDomain[b] += countOn(i, r.selector);
            }
        }
        return Status.SUCCESS;
    }

    private boolean hasAllKeys(int i) {
        for (Resolved r : soft) {
            if (cluster.topologyDomains(r.c.topologyKey())[i] < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        if (ignored[node]) {
            return 0;
        }
        double s = 0;
        for (int k = 0; k < soft.size(); k++) {
            Resolved r = soft.get(k);
            int d = r.domains[node];
            if (d < 0) {
                continue;
            }
            long cnt = r.hostname ? countOn(node, r.selector) : r.perDomain[d + 1];
            s += cnt * r.weight + (r.c.maxSkew() - 1);
        }
        return Math.round(s);
    }

    @Override
    public void normalize(CycleState state, Pod pod, int[] nodes, long[] scores, int count) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int k = 0; k < count; k++) {
            if (ignored[nodes[k]]) {
                continue;
            }
            min = Math.min(min, scores[k]);
            max = Math.max(max, scores[k]);
        }
        for (int k = 0; k < count; k++) {
            if (ignored[nodes[k]]) {
                scores[k] = 0;
            } else if (max == 0) {
                scores[k] = MAX_SCORE;
            } else {
                scores[k] = MAX_SCORE * (max + min - scores[k]) / max;
            }
        }
    }

    /** For tests: the default constraints of kube-scheduler. */
    static List<TopologySpreadConstraint> systemDefaults() {
        return SYSTEM_DEFAULTS;
    }
}
