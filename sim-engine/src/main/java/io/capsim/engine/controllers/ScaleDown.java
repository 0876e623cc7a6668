package io.capsim.engine.controllers;

import io.capsim.engine.api.ClusterApi;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Owner;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.controllers.ClusterAutoscaler.Spec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster autoscaler's scale-down, as CA's {@code core/scaledown} does it: find the unneeded
 * nodes (below the utilization threshold, every pod movable and fitting elsewhere in a drain
 * simulation: {@code planner/planner.go}, {@code simulator/}), track since when each has been
 * unneeded ({@code unneeded/nodes.go}), and remove those unneeded long enough within the groups'
 * minimums and the loop's limits, draining their pods ({@code actuation/}). A drain is instant:
 * the pods are evicted and their owners recreate them.
 */
final class ScaleDown {

    private final Spec spec;
    private final ClusterView cluster;
    private final ClusterApi api;
    private final NodeGroups groups;
    private final Map<Integer, Long> unneededSince = new HashMap<>();
    private long lastScaleDown = Long.MIN_VALUE / 2;

    /** The scale-down of these groups, acting through {@code api}. */
    ScaleDown(Spec spec, ClusterView cluster, ClusterApi api, NodeGroups groups) {
        this.spec = spec;
        this.cluster = cluster;
        this.api = api;
        this.groups = groups;
    }

    /** Forgets a node that left the cluster. */
    void nodeRemoved(int node) {
        unneededSince.remove(node);
    }

    /** Utilization of node {@code i} as CA measures it: GPU share on a GPU node, else max(CPU, memory) requested share. */
    static double utilization(ClusterView c, int i) {
        if (c.gpuCount(i) > 0) {
            return c.gpuMilliUsed(i) / (double) ((long) c.gpuCount(i) * Resources.GPU_MILLI);
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
            if (cluster.nodeRemoved(i) || groups.groupOf(cluster.node(i).pool()) < 0) {
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

    /**
     * One scale-down pass: updates the unneeded nodes and their times, then, unless within {@code
     * scaleDownDelayAfterAdd} of {@code lastScaleUp} or {@code scaleDownDelayAfterDelete} of the
     * last removal, removes those unneeded for {@code scaleDownUnneededTime}: empty ones together
     * (at most {@code maxEmptyBulkDelete}), at most one non-empty one, never below a group's minimum.
     */
    void run(long now, long lastScaleUp) {
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
        int[] removable = new int[groups.size()];
        for (int k = 0; k < removable.length; k++) {
            removable[k] = groups.removable(k);
        }
        int empty = 0;
        boolean drained = false;
        for (int i : unneeded) {
            if (now - since.get(i) < spec.unneededTicks()) {
                continue;
            }
            int k = groups.groupOf(cluster.node(i).pool());
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
        String name = cluster.node(i).name();
        for (Pod p : pods) {
            api.deletePod(p, PodEndReason.EVICTED);
        }
        api.removeNode(i);
        groups.removed(k, name, now);
        lastScaleDown = now;
    }
}
