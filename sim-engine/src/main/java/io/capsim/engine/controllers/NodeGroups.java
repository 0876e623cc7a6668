package io.capsim.engine.controllers;

import io.capsim.engine.api.ClusterApi;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.controllers.ClusterAutoscaler.NodeGroup;
import io.capsim.engine.results.ClusterAutoscalerResult;
import io.capsim.engine.results.TimeWeighted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster autoscaler's record of its node groups, as CA's cluster state registry keeps it
 * ({@code cluster-autoscaler/clusterstate/clusterstate.go}): per group the nodes live and the nodes
 * still provisioning (with the instant each joins or times out), the name indices taken (a node is
 * {@code <pool>-<k>}, the lowest free {@code k} first), the backoff after nodes that did not join,
 * the counters and nodes over time that make the result, and the event log. Groups are numbered in
 * scenario order.
 */
final class NodeGroups {

    private final Group[] groups;
    private final Map<String, Integer> groupOfPool = new HashMap<>();
    private final List<Upcoming> upcoming = new ArrayList<>();
    private final List<ClusterAutoscalerResult.Event> events = new ArrayList<>();
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

        /** The index {@code k} of a node named {@code <pool>-<k>}, or a large index for another name. */
        int nameIndex(String node) {
            String prefix = g.pool().name() + "-";
            if (node.startsWith(prefix)) {
                try {
                    return Integer.parseInt(node.substring(prefix.length()));
                } catch (NumberFormatException e) {
                    return taken.size();
                }
            }
            return taken.size();
        }
    }

    private record Upcoming(int group, int index, long atTicks, boolean fails) {}

    /**
     * The groups, nothing counted yet.
     *
     * @throws IllegalArgumentException if two groups have the same pool
     */
    NodeGroups(List<NodeGroup> specs) {
        groups = new Group[specs.size()];
        for (int k = 0; k < groups.length; k++) {
            groups[k] = new Group(specs.get(k));
            if (groupOfPool.putIfAbsent(groups[k].g.pool().name(), k) != null) {
                throw new IllegalArgumentException("two node groups for pool " + groups[k].g.pool().name());
            }
        }
    }

    /** Counts the groups' nodes in the cluster at {@code now}. */
    void start(ClusterView cluster, long now) {
        for (int i = 0; i < cluster.size(); i++) {
            Integer k = groupOfPool.get(cluster.node(i).pool());
            if (k != null && !cluster.nodeRemoved(i)) {
                Group g = groups[k];
                int idx = g.nameIndex(cluster.node(i).name());
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
            g.nodesOverTime.set(now, g.live);
        }
    }

    /** Starts the measured window (node-hours count from here). */
    void startMeasuring(long now) {
        measuredFrom = now;
        for (Group g : groups) {
            g.nodesOverTime.reset(now);
        }
    }

    /** How many groups. */
    int size() {
        return groups.length;
    }

    /** The group of a node pool, or -1 if the autoscaler does not manage it. */
    int groupOf(String pool) {
        Integer k = groupOfPool.get(pool);
        return k == null ? -1 : k;
    }

    /** Group {@code k}'s settings. */
    NodeGroup spec(int k) {
        return groups[k].g;
    }

    /** Group {@code k}'s template: the node it would add next. */
    NodeSpec template(int k) {
        Group g = groups[k];
        return g.g.pool().node(g.taken.size());
    }

    /** How many nodes group {@code k} may still add (its maximum less live and provisioning nodes). */
    int room(int k) {
        Group g = groups[k];
        return g.g.maxCount() - g.live - g.upcoming;
    }

    /** True if group {@code k} is backing off at {@code now}. */
    boolean backingOff(int k, long now) {
        return now < groups[k].backoffUntil;
    }

    /** How many nodes group {@code k} may lose (live above its minimum). */
    int removable(int k) {
        Group g = groups[k];
        return g.live - g.g.minCount();
    }

    /** The nodes provisioning that will join (not those that will time out). */
    List<NodeSpec> provisioning() {
        List<NodeSpec> out = new ArrayList<>();
        for (Upcoming u : upcoming) {
            if (!u.fails()) {
                out.add(groups[u.group()].g.pool().node(u.index()));
            }
        }
        return out;
    }

    /** Group {@code k} asks for {@code nodes} nodes, which join (or, if {@code fails}, time out) at {@code atTicks}. */
    void scaleUp(int k, int nodes, long atTicks, boolean fails, long now) {
        Group g = groups[k];
        for (int n = 0; n < nodes; n++) {
            upcoming.add(new Upcoming(k, g.takeIndex(), atTicks, fails));
        }
        g.upcoming += nodes;
        g.scaleUps++;
        event(now, g, ClusterAutoscalerResult.Kind.SCALE_UP, nodes);
    }

    /** Adds the nodes due by {@code now} to the cluster; a group whose nodes time out backs off. */
    void join(long now, ClusterApi api) {
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
                g.backoffUntil = now + ClusterAutoscaler.BACKOFF_TICKS;
                event(now, g, ClusterAutoscalerResult.Kind.TIMED_OUT, 1);
                continue;
            }
            api.addNode(g.g.pool().node(up.index()));
            g.added++;
            setLive(g, now, g.live + 1);
            event(now, g, ClusterAutoscalerResult.Kind.JOINED, 1);
        }
    }

    /** Group {@code k}'s node {@code name} left the cluster. */
    void removed(int k, String name, long now) {
        Group g = groups[k];
        g.taken.set(g.nameIndex(name), false);
        g.removed++;
        setLive(g, now, g.live - 1);
        event(now, g, ClusterAutoscalerResult.Kind.REMOVED, 1);
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

    /** What the groups did; node-hours and cost over the measured window ending at {@code now}. */
    ClusterAutoscalerResult result(long now, String expander) {
        List<ClusterAutoscalerResult.Pool> pools = new ArrayList<>();
        for (Group g : groups) {
            double mean = g.nodesOverTime.average(now);
            double hours = mean * (now - measuredFrom) / 3.6e12;
            NodePoolSpec p = g.g.pool();
            pools.add(new ClusterAutoscalerResult.Pool(p.name(), g.g.minCount(), g.g.maxCount(), g.atStart, g.live,
                    g.least, g.most, mean, g.scaleUps, g.added, g.removed, g.failed, hours, p.costPerNodeHour(),
                    hours * p.costPerNodeHour()));
        }
        return new ClusterAutoscalerResult(expander, pools, events);
    }
}
