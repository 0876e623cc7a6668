package io.capsim.engine.sched.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.cluster.LabelSelector;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodAffinity;
import io.capsim.engine.cluster.PodAffinityTerm;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.TopologySpreadConstraint;
import io.capsim.engine.cluster.TopologySpreadConstraint.WhenUnsatisfiable;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PodTopologySpread and InterPodAffinity against kube-scheduler's arithmetic
 * ({@code podtopologyspread/{filtering,scoring}.go}, {@code interpodaffinity/{filtering,scoring}.go}),
 * on Kubernetes-style tables whose expected values are worked out by hand in the comments.
 *
 * <p>Topology (every case): n1, n2 in zone a; n3, n4 in zone b; pods with {@code app=web} already
 * running: 2 on n1, 1 on n2, 1 on n3, 0 on n4.
 */
class SpreadAndAffinityTest {

    private static final String ZONE = NodeSpec.ZONE_LABEL;
    private static final String HOST = NodeSpec.HOSTNAME_LABEL;

    private static NodeSpec node(String name, String zone) {
        Map<String, String> labels = zone == null ? Map.of(HOST, name) : Map.of(HOST, name, ZONE, zone);
        return NodeSpec.of(name, 64000, 262144, 0, "").withLabels(labels);
    }

    private static PluginKit cluster(boolean withN5) {
        List<NodeSpec> nodes = new ArrayList<>(List.of(node("n1", "a"), node("n2", "a"), node("n3", "b"), node("n4", "b")));
        if (withN5) {
            nodes.add(node("n5", null));
        }
        PluginKit k = new PluginKit(nodes);
        int[] web = {2, 1, 1, 0};
        for (int n = 0; n < web.length; n++) {
            for (int i = 0; i < web[n]; i++) {
                k.place(PodSpec.builder("web-" + n + "-" + i).labels(Map.of("app", "web"))
                        .requests(Resources.of(100, 100)).build(), n, 0);
            }
        }
        return k;
    }

    private static PodTopologySpread pts(PluginKit k) {
        return (PodTopologySpread) PodTopologySpread.FACTORY.create(PodTopologySpread.FACTORY.defaultArgs(),
                new io.capsim.engine.sched.api.PluginContext(k.scheduler.handle(), new io.capsim.engine.random.RandomStreams(1),
                        io.capsim.engine.cluster.TargetWorkload.EMPTY));
    }

    private static InterPodAffinity ipa(PluginKit k) {
        return (InterPodAffinity) InterPodAffinity.FACTORY.create(InterPodAffinity.FACTORY.defaultArgs(),
                new io.capsim.engine.sched.api.PluginContext(k.scheduler.handle(), new io.capsim.engine.random.RandomStreams(1),
                        io.capsim.engine.cluster.TargetWorkload.EMPTY));
    }

    private static Code[] filter(PodTopologySpread p, PluginKit k, Pod pod) {
        p.preFilter(k.state, pod);
        Code[] out = new Code[k.cluster.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.filter(k.state, pod, i);
        }
        return out;
    }

    private static long[] scores(io.capsim.engine.sched.api.ScorePlugin p, io.capsim.engine.sched.api.PreScorePlugin pre,
            PluginKit k, Pod pod, int nodes) {
        int[] feasible = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            feasible[i] = i;
        }
        assertEquals(Status.SUCCESS, pre.preScore(k.state, pod, feasible, nodes));
        long[] s = new long[nodes];
        for (int i = 0; i < nodes; i++) {
            s[i] = p.score(k.state, pod, i);
        }
        p.normalize(k.state, pod, feasible, s, nodes);
        return s;
    }

    private static TopologySpreadConstraint hard(int maxSkew, String key) {
        return TopologySpreadConstraint.of(maxSkew, key, WhenUnsatisfiable.DO_NOT_SCHEDULE, LabelSelector.of(Map.of("app", "web")));
    }

    private static TopologySpreadConstraint soft(int maxSkew, String key) {
        return TopologySpreadConstraint.of(maxSkew, key, WhenUnsatisfiable.SCHEDULE_ANYWAY, LabelSelector.of(Map.of("app", "web")));
    }

    private static Pod incoming(PluginKit k, Map<String, String> labels, List<TopologySpreadConstraint> c) {
        return k.pod(PodSpec.builder("in").labels(labels).topologySpreadConstraints(c).requests(Resources.of(100, 100)).build());
    }

    private static final Code OK = Code.SUCCESS;
    private static final Code NO = Code.UNSCHEDULABLE;

    @Test
    void hardZoneSpreadF1() {
        // Counts a = 3, b = 1; min 1. n1, n2: 3 + 1 - 1 = 3 > 1; n3, n4: 1 + 1 - 1 = 1 <= 1.
        PluginKit k = cluster(false);
        assertArrayEquals(new Code[] {NO, NO, OK, OK}, filter(pts(k), k, incoming(k, Map.of("app", "web"), List.of(hard(1, ZONE)))));
    }

    @Test
    void minDomainsAboveTheDomainsMakesTheMinimumZeroF2() {
        // 2 domains < minDomains 3: min = 0. b: 1 + 1 - 0 = 2 > 1, a: 4 > 1: no node. With maxSkew 2, b passes.
        PluginKit k = cluster(false);
        TopologySpreadConstraint c = new TopologySpreadConstraint(1, ZONE, WhenUnsatisfiable.DO_NOT_SCHEDULE,
                LabelSelector.of(Map.of("app", "web")), 3, TopologySpreadConstraint.Policy.HONOR,
                TopologySpreadConstraint.Policy.IGNORE, List.of());
        assertArrayEquals(new Code[] {NO, NO, NO, NO}, filter(pts(k), k, incoming(k, Map.of("app", "web"), List.of(c))));
        TopologySpreadConstraint c2 = new TopologySpreadConstraint(2, ZONE, WhenUnsatisfiable.DO_NOT_SCHEDULE,
                LabelSelector.of(Map.of("app", "web")), 3, TopologySpreadConstraint.Policy.HONOR,
                TopologySpreadConstraint.Policy.IGNORE, List.of());
        assertArrayEquals(new Code[] {NO, NO, OK, OK}, filter(pts(k), k, incoming(k, Map.of("app", "web"), List.of(c2))));
    }

    @Test
    void aNodeWithoutTheKeyIsUnresolvableF3AndANonMatchingPodDoesNotCountItselfF5() {
        // F3: n5 has no zone: unresolvable; the others as in F1.
        PluginKit k = cluster(true);
        assertArrayEquals(new Code[] {NO, NO, OK, OK, Code.UNSCHEDULABLE_AND_UNRESOLVABLE},
                filter(pts(k), k, incoming(k, Map.of("app", "web"), List.of(hard(1, ZONE)))));
        // F5: the pod is app=api: selfMatch 0. n1, n2: 3 - 1 = 2 > 1; n3, n4: 1 - 1 = 0.
        PluginKit k5 = cluster(false);
        assertArrayEquals(new Code[] {NO, NO, OK, OK}, filter(pts(k5), k5, incoming(k5, Map.of("app", "api"), List.of(hard(1, ZONE)))));
    }

    @Test
    void softZoneSpreadS1() {
        // size(zone) = 2: weight ln 4 = 1.386294. raw n1 = n2 = round(3 x 1.386) = 4, n3 = n4 = round(1.386) = 1.
        // Normalised 100 (max + min - s) / max with min 1, max 4: 25, 25, 100, 100.
        PluginKit k = cluster(false);
        PodTopologySpread p = pts(k);
        assertArrayEquals(new long[] {25, 25, 100, 100}, scores(p, p, k, incoming(k, Map.of("app", "web"), List.of(soft(1, ZONE))), 4));
    }

    @Test
    void softHostnameAndZoneS2() {
        // w_host = ln(4 + 2) = 1.791759, w_zone = ln 4 = 1.386294.
        // n1 = 2 x 1.7918 + 3 x 1.3863 = 7.742 -> 8; n2 = 1.7918 + 4.1589 = 5.951 -> 6; n3 = 1.7918 + 1.3863 = 3.178 -> 3;
        // n4 = 0 + 1.3863 -> 1. min 1, max 8: 100 x 1/8 = 12, 300/8 = 37, 600/8 = 75, 100.
        PluginKit k = cluster(false);
        PodTopologySpread p = pts(k);
        assertArrayEquals(new long[] {12, 37, 75, 100},
                scores(p, p, k, incoming(k, Map.of("app", "web"), List.of(soft(1, HOST), soft(1, ZONE))), 4));
    }

    @Test
    void systemDefaultsForAReplicaSetPodS3() {
        // No constraints, owned by a ReplicaSet selecting app=web: hostname maxSkew 3 (+2), zone maxSkew 5 (+4).
        // n5 has no zone: not ignored with system defaults; its "" value is a third zone bucket: size 3,
        // w_zone = ln 5 = 1.609438; w_host = ln 7 = 1.945910.
        // n1 = (2 x 1.9459 + 2) + (3 x 1.6094 + 4) = 14.72 -> 15; n2 = 3.9459 + 8.8283 -> 13;
        // n3 = 3.9459 + 5.6094 -> 10 (9.555 rounds up); n4 = 2 + 5.6094 -> 8; n5 = 2 + (no zone) -> 2.
        // min 2, max 15: 100 x 2/15 = 13, 400/15 = 26, 700/15 = 46, 900/15 = 60, 100.
        PluginKit k = cluster(true);
        PodTopologySpread p = pts(k);
        Pod pod = k.pod(PodSpec.builder("in").labels(Map.of("app", "web")).owner(Owner.replicaSet("web"))
                .requests(Resources.of(100, 100)).build());
        assertArrayEquals(new long[] {13, 26, 46, 60, 100}, scores(p, p, k, pod, 5));
    }

    @Test
    void noOwnerAndNoConstraintsSkipsS4() {
        PluginKit k = cluster(false);
        PodTopologySpread p = pts(k);
        Pod pod = k.pod(PodSpec.builder("in").labels(Map.of("app", "web")).requests(Resources.of(100, 100)).build());
        assertEquals(Status.SKIP, p.preScore(k.state, pod, new int[] {0, 1, 2, 3}, 4));
    }

    private static PodAffinityTerm term(String app, String key) {
        return new PodAffinityTerm(LabelSelector.of(Map.of("app", app)), key);
    }

    @Test
    void requiredAffinityAndExistingAntiAffinityA1() {
        // db on n1 (zone a); cache on n3 (zone b) with required anti-affinity to app=web by zone. Incoming
        // app=web with required affinity to app=db by zone: affinity counts {(zone, a): 1}, existing
        // anti-affinity {(zone, b): 1}: n1, n2 pass; n3, n4 fail the affinity (unresolvable) first.
        PluginKit k = new PluginKit(List.of(node("n1", "a"), node("n2", "a"), node("n3", "b"), node("n4", "b")));
        k.place(PodSpec.builder("db").labels(Map.of("app", "db")).build(), 0, 0);
        k.place(PodSpec.builder("cache").labels(Map.of("app", "cache"))
                .podAntiAffinity(new PodAffinity(List.of(term("web", ZONE)), List.of())).build(), 2, 0);
        InterPodAffinity p = ipa(k);
        Pod in = k.pod(PodSpec.builder("in").labels(Map.of("app", "web"))
                .podAffinity(new PodAffinity(List.of(term("db", ZONE)), List.of())).build());
        p.preFilter(k.state, in);
        Code U = Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
        assertArrayEquals(new Code[] {OK, OK, U, U}, new Code[] {p.filter(k.state, in, 0), p.filter(k.state, in, 1),
            p.filter(k.state, in, 2), p.filter(k.state, in, 3)});
        // Without the affinity, the existing anti-affinity alone rejects zone b (resolvable).
        Pod plain = k.pod(PodSpec.builder("plain").labels(Map.of("app", "web")).build());
        p.preFilter(k.state, plain);
        assertArrayEquals(new Code[] {OK, OK, NO, NO}, new Code[] {p.filter(k.state, plain, 0), p.filter(k.state, plain, 1),
            p.filter(k.state, plain, 2), p.filter(k.state, plain, 3)});
    }

    @Test
    void theFirstPodOfASelfAffineGroupMayGoAnywhereA2() {
        PluginKit k = new PluginKit(List.of(node("n1", "a"), node("n2", "a"), node("n3", "b"), node("n4", null)));
        InterPodAffinity p = ipa(k);
        Pod first = k.pod(PodSpec.builder("in").labels(Map.of("app", "web"))
                .podAffinity(new PodAffinity(List.of(term("web", ZONE)), List.of())).build());
        p.preFilter(k.state, first);
        Code U = Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
        // No app=web pod anywhere and the pod matches itself: every node with a zone label passes.
        assertArrayEquals(new Code[] {OK, OK, OK, U}, new Code[] {p.filter(k.state, first, 0), p.filter(k.state, first, 1),
            p.filter(k.state, first, 2), p.filter(k.state, first, 3)});
        // One app=web pod on n3: only zone b.
        k.place(PodSpec.builder("w").labels(Map.of("app", "web")).build(), 2, 0);
        p.preFilter(k.state, first);
        assertArrayEquals(new Code[] {U, U, OK, U}, new Code[] {p.filter(k.state, first, 0), p.filter(k.state, first, 1),
            p.filter(k.state, first, 2), p.filter(k.state, first, 3)});
    }

    @Test
    void requiredAntiAffinityByHostnameA3() {
        // Web pods 2/1/1/0: anti-affinity to app=web by hostname leaves n4 only; by zone, no node.
        PluginKit k = cluster(false);
        InterPodAffinity p = ipa(k);
        Pod in = k.pod(PodSpec.builder("in").labels(Map.of("app", "web"))
                .podAntiAffinity(new PodAffinity(List.of(term("web", HOST)), List.of())).build());
        p.preFilter(k.state, in);
        assertArrayEquals(new Code[] {NO, NO, NO, OK}, new Code[] {p.filter(k.state, in, 0), p.filter(k.state, in, 1),
            p.filter(k.state, in, 2), p.filter(k.state, in, 3)});
        Pod byZone = k.pod(PodSpec.builder("z").labels(Map.of("app", "web"))
                .podAntiAffinity(new PodAffinity(List.of(term("web", ZONE)), List.of())).build());
        p.preFilter(k.state, byZone);
        assertArrayEquals(new Code[] {NO, NO, NO, NO}, new Code[] {p.filter(k.state, byZone, 0),
            p.filter(k.state, byZone, 1), p.filter(k.state, byZone, 2), p.filter(k.state, byZone, 3)});
    }

    @Test
    void preferredTermsBothWaysA4() {
        // db on n1; old-web on n3; x on n4 with required affinity to app=web by zone and preferred
        // anti-affinity (20) to app=web by hostname. Incoming app=web prefers app=db by zone (80) and
        // avoids app=web by hostname (50): zone a += 80, host n3 -= 50, zone b += 1 (x's required term,
        // hardPodAffinityWeight 1), host n4 -= 20. Raw n1 = n2 = 80, n3 = 1 - 50 = -49, n4 = 1 - 20 = -19.
        // Normalised 100 (s - min) / (max - min), min -49, max 80: 100, 100, 0, int(100 x 30/129) = 23.
        PluginKit k = new PluginKit(List.of(node("n1", "a"), node("n2", "a"), node("n3", "b"), node("n4", "b")));
        k.place(PodSpec.builder("db").labels(Map.of("app", "db")).build(), 0, 0);
        k.place(PodSpec.builder("old-web").labels(Map.of("app", "web")).build(), 2, 0);
        k.place(PodSpec.builder("x").labels(Map.of("app", "x"))
                .podAffinity(new PodAffinity(List.of(term("web", ZONE)), List.of()))
                .podAntiAffinity(new PodAffinity(List.of(), List.of(new PodAffinityTerm.Weighted(20, term("web", HOST)))))
                .build(), 3, 0);
        InterPodAffinity p = ipa(k);
        Pod in = k.pod(PodSpec.builder("in").labels(Map.of("app", "web"))
                .podAffinity(new PodAffinity(List.of(), List.of(new PodAffinityTerm.Weighted(80, term("db", ZONE)))))
                .podAntiAffinity(new PodAffinity(List.of(), List.of(new PodAffinityTerm.Weighted(50, term("web", HOST)))))
                .build());
        assertArrayEquals(new long[] {100, 100, 0, 23}, scores(p, p, k, in, 4));
    }

    @Test
    void nothingToScoreIsSkipped() {
        PluginKit k = cluster(false);
        InterPodAffinity p = ipa(k);
        Pod in = k.pod(PodSpec.builder("in").labels(Map.of("app", "web")).build());
        assertEquals(Status.SKIP, p.preScore(k.state, in, new int[] {0, 1, 2, 3}, 4));
    }
}
