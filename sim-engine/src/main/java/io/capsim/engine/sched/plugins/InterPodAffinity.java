package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodAffinityTerm;
import io.capsim.engine.cluster.PodSpec;
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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' InterPodAffinity ({@code pkg/scheduler/framework/plugins/interpodaffinity}); all pods
 * are in one namespace in capsim.
 *
 * <p>Filter, in order: (1) the pod's required affinity: for every term the node must carry the
 * term's topology key, and pods matching all terms must run in the node's domain, except for the
 * first pod of a group that matches its own terms when no pod matches anywhere (unresolvable
 * otherwise); (2) the pod's required anti-affinity: no pod matching a term in the node's domain;
 * (3) symmetry: no running pod whose required anti-affinity matches the incoming pod in the node's
 * domain. (2) and (3) are resolvable (preemption may help).
 *
 * <p>Score: for each placed pod E on node N, into the domain of N for the term's key: + weight of
 * the incoming pod's preferred affinity terms E matches, - weight of its preferred anti-affinity
 * terms E matches, + {@code hardPodAffinityWeight} for E's required affinity terms the incoming pod
 * matches, +/- weight of E's preferred affinity/anti-affinity terms the incoming pod matches. A node
 * scores the sum over the keys it carries; normalised to {@code 100 * (s - min) / (max - min)}
 * (0 everywhere when all are equal). Skipped (score 0) when nothing applies.
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    /**
     * Arguments.
     *
     * @param hardPodAffinityWeight weight of existing pods' required affinity terms in scoring, in [0, 100]
     * @param ignorePreferredTermsOfExistingPods score only the incoming pod's preferred terms
     */
    public record Args(long hardPodAffinityWeight, boolean ignorePreferredTermsOfExistingPods) implements PluginArgs {}

    /** The factory. */
    public static final PluginFactory<Args> FACTORY = new PluginFactory<>() {
        @Override public String name() { return BuiltInPlugins.INTER_POD_AFFINITY; }
        @Override public Class<Args> argsType() { return Args.class; }
        @Override public Args defaultArgs() { return new Args(1, false); }
        @Override public List<ConfigProblem> validate(Args a) {
            return a.hardPodAffinityWeight() < 0 || a.hardPodAffinityWeight() > 100
                    ? List.of(ConfigProblem.at("hardPodAffinityWeight", a.hardPodAffinityWeight(),
                            a.hardPodAffinityWeight() + " is not in [0, 100]")) : List.of();
        }
        @Override public InterPodAffinity create(Args a, PluginContext c) {
            return new InterPodAffinity(c.handle().cluster(), a);
        }
    };

    private final ClusterView cluster;
    private final long hardWeight;
    private final boolean ignoreExistingPreferred;

    // Filter state of the current cycle: counts per (topology key, domain).
    private final Map<String, long[]> existingAnti = new LinkedHashMap<>();
    private final Map<String, long[]> affinity = new LinkedHashMap<>();
    private final Map<String, long[]> anti = new LinkedHashMap<>();
    private boolean filterActive;
    private boolean matchesOwnTerms;
    private boolean affinityEmpty;
    // Score state.
    private final Map<String, long[]> topologyScore = new LinkedHashMap<>();

    InterPodAffinity(ClusterView cluster, Args args) {
        this.cluster = cluster;
        this.hardWeight = args.hardPodAffinityWeight();
        this.ignoreExistingPreferred = args.ignorePreferredTermsOfExistingPods();
    }

    @Override
    public String name() {
        return BuiltInPlugins.INTER_POD_AFFINITY;
    }

    private long[] counts(Map<String, long[]> m, String key) {
        return m.computeIfAbsent(key, k -> new long[cluster.topologyDomainCount(k)]);
    }

    private void add(Map<String, long[]> m, String key, int node, long delta) {
        int d = cluster.topologyDomains(key)[node];
        if (d >= 0) {
            counts(m, key)[d] += delta;
        }
    }

    private static boolean matchesAll(List<PodAffinityTerm> terms, Map<String, String> labels) {
        for (PodAffinityTerm t : terms) {
            if (!t.selects(labels)) {
                return false;
            }
        }
        return true;
    }

    private Collection<Pod> placedPods() {
        java.util.ArrayList<Pod> out = new java.util.ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            out.addAll(cluster.podsOn(i));
        }
        return out;
    }

    // ---- Filter ----

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        existingAnti.clear();
        affinity.clear();
        anti.clear();
        PodSpec p = pod.spec();
        Map<String, String> labels = p.labels();
        for (Pod e : cluster.placedPodsWithAffinity()) {
            for (PodAffinityTerm t : e.spec().podAntiAffinity().required()) {
                if (t.selects(labels)) {
                    add(existingAnti, t.topologyKey(), e.node(), 1);
                }
            }
        }
        List<PodAffinityTerm> req = p.podAffinity().required();
        List<PodAffinityTerm> reqAnti = p.podAntiAffinity().required();
        filterActive = !existingAnti.isEmpty() || !req.isEmpty() || !reqAnti.isEmpty();
        if (req.isEmpty() && reqAnti.isEmpty()) {
            return Status.SUCCESS;
        }
        for (Pod e : placedPods()) {
            Map<String, String> el = e.spec().labels();
            if (!req.isEmpty() && matchesAll(req, el)) {
                for (PodAffinityTerm t : req) {
                    add(affinity, t.topologyKey(), e.node(), 1);
                }
            }
            for (PodAffinityTerm t : reqAnti) {
                if (t.selects(el)) {
                    add(anti, t.topologyKey(), e.node(), 1);
                }
            }
        }
        matchesOwnTerms = matchesAll(req, labels);
        affinityEmpty = !anyCount(affinity);
        return Status.SUCCESS;
    }

    private boolean anyCount(Map<String, long[]> m) {
        for (long[] c : m.values()) {
            for (long v : c) {
                if (v > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Code filter(CycleState state, Pod pod, int node) {
        if (!filterActive) {
            return Code.SUCCESS;
        }
        List<PodAffinityTerm> req = pod.spec().podAffinity().required();
        if (!req.isEmpty()) {
            boolean podsExist = true;
            for (PodAffinityTerm t : req) {
                int d = cluster.topologyDomains(t.topologyKey())[node];
                if (d < 0) {
                    return Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
                }
                long[] c = affinity.get(t.topologyKey());
                if (c == null || c[d] <= 0) {
                    podsExist = false;
                }
            }
            if (!podsExist && !(affinityEmpty && matchesOwnTerms)) {
                return Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
            }
        }
        for (PodAffinityTerm t : pod.spec().podAntiAffinity().required()) {
            int d = cluster.topologyDomains(t.topologyKey())[node];
            long[] c = anti.get(t.topologyKey());
            if (d >= 0 && c != null && c[d] > 0) {
                return Code.UNSCHEDULABLE;
            }
        }
        for (Map.Entry<String, long[]> e : existingAnti.entrySet()) {
            int d = cluster.topologyDomains(e.getKey())[node];
            if (d >= 0 && e.getValue()[d] > 0) {
                return Code.UNSCHEDULABLE;
            }
        }
        return Code.SUCCESS;
    }

    @Override
    public Rejection explain(CycleState state, Pod pod, int node) {
        String n = cluster.node(node).name();
        List<PodAffinityTerm> req = pod.spec().podAffinity().required();
        if (!req.isEmpty() && filter(state, pod, node) == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
            return Rejection.of(name(), n, "node(s) didn't match pod affinity rules");
        }
        for (PodAffinityTerm t : pod.spec().podAntiAffinity().required()) {
            int d = cluster.topologyDomains(t.topologyKey())[node];
            long[] c = anti.get(t.topologyKey());
            if (d >= 0 && c != null && c[d] > 0) {
                return Rejection.of(name(), n, "node(s) didn't match pod anti-affinity rules");
            }
        }
        return Rejection.of(name(), n, "node(s) didn't satisfy existing pods anti-affinity rules");
    }

    // ---- Score ----

    @Override
    public Status preScore(CycleState state, Pod pod, int[] feasible, int count) {
        topologyScore.clear();
        PodSpec p = pod.spec();
        boolean hasConstraints = !p.podAffinity().preferred().isEmpty() || !p.podAntiAffinity().preferred().isEmpty();
        if (ignoreExistingPreferred && !hasConstraints) {
            return Status.SKIP;
        }
        Collection<Pod> pods = hasConstraints ? placedPods() : cluster.placedPodsWithAffinity();
        Map<String, String> labels = p.labels();
        for (Pod e : pods) {
            int node = e.node();
            Map<String, String> el = e.spec().labels();
            for (PodAffinityTerm.Weighted w : p.podAffinity().preferred()) {
                if (w.term().selects(el)) {
                    add(topologyScore, w.term().topologyKey(), node, w.weight());
                }
            }
            for (PodAffinityTerm.Weighted w : p.podAntiAffinity().preferred()) {
                if (w.term().selects(el)) {
                    add(topologyScore, w.term().topologyKey(), node, -w.weight());
                }
            }
            if (hardWeight > 0) {
                for (PodAffinityTerm t : e.spec().podAffinity().required()) {
                    if (t.selects(labels)) {
                        add(topologyScore, t.topologyKey(), node, hardWeight);
                    }
                }
            }
            if (!ignoreExistingPreferred) {
                for (PodAffinityTerm.Weighted w : e.spec().podAffinity().preferred()) {
                    if (w.term().selects(labels)) {
                        add(topologyScore, w.term().topologyKey(), node, w.weight());
                    }
                }
                for (PodAffinityTerm.Weighted w : e.spec().podAntiAffinity().preferred()) {
                    if (w.term().selects(labels)) {
                        add(topologyScore, w.term().topologyKey(), node, -w.weight());
                    }
                }
            }
        }
        return topologyScore.isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        long s = 0;
        for (Map.Entry<String, long[]> e : topologyScore.entrySet()) {
            int d = cluster.topologyDomains(e.getKey())[node];
            if (d >= 0) {
                s += e.getValue()[d];
            }
        }
        return s;
    }

    @Override
    public void normalize(CycleState state, Pod pod, int[] nodes, long[] scores, int count) {
        if (topologyScore.isEmpty()) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int k = 0; k < count; k++) {
            min = Math.min(min, scores[k]);
            max = Math.max(max, scores[k]);
        }
        long diff = max - min;
        for (int k = 0; k < count; k++) {
            scores[k] = diff > 0 ? (long) (MAX_SCORE * ((double) (scores[k] - min) / diff)) : 0;
        }
    }
}
