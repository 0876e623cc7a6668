package com.example.capsim.nodecost;

import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.ScorePlugin;
import java.util.List;

/**
 * An out-of-tree score plugin: prefers cheaper nodes. Score = 100 * (1 - cost / maxCostPerNodeHour),
 * clamped to [0, 100], where cost is the node's {@code costPerNodeHour}.
 *
 * <p>Found through {@link java.util.ServiceLoader}: the factory is listed in {@code
 * META-INF/services/io.capsim.engine.sched.api.PluginFactory}, and a scenario names the plugin as
 * {@value #NAME}.
 */
public final class NodeCostScore implements ScorePlugin {

    /** The name profiles use. Out-of-tree names should carry a domain, so they cannot clash. */
    public static final String NAME = "example.com/NodeCost";

    /**
     * Arguments.
     *
     * @param maxCostPerNodeHour the price that scores 0, > 0
     */
    public record Args(double maxCostPerNodeHour) implements PluginArgs {}

    /** The factory, registered in META-INF/services/io.capsim.engine.sched.api.PluginFactory. */
    public static final class Factory implements PluginFactory<Args> {
        /** ServiceLoader needs a public no-argument constructor. */
        public Factory() {}

        @Override public String name() { return NAME; }
        @Override public Class<Args> argsType() { return Args.class; }
        @Override public Args defaultArgs() { return new Args(10); }
        @Override public List<ConfigProblem> validate(Args a) {
            return a.maxCostPerNodeHour() > 0 ? List.of()
                    : List.of(ConfigProblem.at("maxCostPerNodeHour",
                    a.maxCostPerNodeHour(), a.maxCostPerNodeHour() + " must be > 0"));
        }
        @Override public NodeCostScore create(Args a, PluginContext c) { return new NodeCostScore(a, c.handle().cluster()); }
    }

    private final double max;
    private final ClusterView cluster;

    private NodeCostScore(Args args, ClusterView cluster) {
        this.max = args.maxCostPerNodeHour();
        this.cluster = cluster;
    }

    /** The score of a node costing {@code cost} per hour, for a maximum price {@code max}: pure. */
    public static long scoreOf(double cost, double max) {
        double s = 100 * (1 - cost / max);
        return (long) Math.max(0, Math.min(100, s));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        return scoreOf(cluster.node(node).costPerNodeHour(), max);
    }
}
