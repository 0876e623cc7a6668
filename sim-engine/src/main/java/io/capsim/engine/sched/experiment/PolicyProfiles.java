package io.capsim.engine.sched.experiment;

import io.capsim.engine.sched.ExtensionPoint;
import io.capsim.engine.sched.PluginConfig;
import io.capsim.engine.sched.PluginRef;
import io.capsim.engine.sched.PluginSet;
import io.capsim.engine.sched.Plugins;
import io.capsim.engine.sched.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.NodeResourcesFit;
import io.capsim.engine.sched.plugins.ResourceWeight;
import io.capsim.engine.sched.plugins.ScoringStrategy;
import java.util.List;
import java.util.Map;

/**
 * The four placement policies of the FGD comparison, as profiles: the same filters
 * (NodeResourcesFit, NodeAffinity, TaintToleration), PrioritySort, DefaultBinder, no preemption,
 * every node considered ({@code percentageOfNodesToScore = 100}), and one score plugin each.
 * Baselines put GPU shares on the best-fitting device (the scheduler's default); FGD picks the
 * device itself.
 */
public final class PolicyProfiles {

    /** Profile names, in the order of the comparison. */
    public static final List<String> NAMES = List.of("fgd", "fgd-packing", "best-fit", "least-allocated", "random");

    private PolicyProfiles() {}

    private static Plugins base(PluginSet score) {
        Map<ExtensionPoint, PluginSet> points = Map.of(
                ExtensionPoint.QUEUE_SORT, PluginSet.enable(BuiltInPlugins.PRIORITY_SORT),
                ExtensionPoint.FILTER, PluginSet.enable(BuiltInPlugins.NODE_RESOURCES_FIT, BuiltInPlugins.NODE_AFFINITY,
                        BuiltInPlugins.TAINT_TOLERATION),
                ExtensionPoint.SCORE, score,
                ExtensionPoint.BIND, PluginSet.enable(BuiltInPlugins.DEFAULT_BINDER));
        return new Plugins(PluginSet.EMPTY, points);
    }

    private static List<PluginConfig> fit(ScoringStrategy.Type type) {
        return List.of(new PluginConfig(BuiltInPlugins.NODE_RESOURCES_FIT, new NodeResourcesFit.Args(new ScoringStrategy(
                type, List.of(new ResourceWeight("cpu", 1), new ResourceWeight(ResourceWeight.GPU, 1)), List.of()))));
    }

    /** FGD alone. */
    public static SchedulerProfile fgd() {
        return new SchedulerProfile("fgd", base(PluginSet.enable(new PluginRef(BuiltInPlugins.FGD, 1))), List.of(), 100);
    }

    /**
     * FGD with a packing tie-break: FGD weight 100 plus NodeResourcesFit MostAllocated (CPU and GPU)
     * weight 1. FGD's integer scores tie often (every placement that keeps all typical shapes
     * placeable scores alike); the second plugin only orders nodes FGD ranks equal.
     */
    public static SchedulerProfile fgdPacking() {
        return new SchedulerProfile("fgd-packing", base(PluginSet.enable(new PluginRef(BuiltInPlugins.FGD, 100),
                new PluginRef(BuiltInPlugins.NODE_RESOURCES_FIT, 1))), fit(ScoringStrategy.Type.MOST_ALLOCATED), 100);
    }

    /** Best fit: NodeResourcesFit MostAllocated over CPU and GPU, weight 1 each. */
    public static SchedulerProfile bestFit() {
        return new SchedulerProfile("best-fit", base(PluginSet.enable(BuiltInPlugins.NODE_RESOURCES_FIT)),
                fit(ScoringStrategy.Type.MOST_ALLOCATED), 100);
    }

    /** Spread: NodeResourcesFit LeastAllocated over CPU and GPU, weight 1 each. */
    public static SchedulerProfile leastAllocated() {
        return new SchedulerProfile("least-allocated", base(PluginSet.enable(BuiltInPlugins.NODE_RESOURCES_FIT)),
                fit(ScoringStrategy.Type.LEAST_ALLOCATED), 100);
    }

    /** Random: a uniformly random feasible node. */
    public static SchedulerProfile random() {
        return new SchedulerProfile("random", base(PluginSet.enable(BuiltInPlugins.RANDOM_SCORE)), List.of(), 100);
    }

    /**
     * The profile named {@code name} (one of {@link #NAMES}).
     *
     * @throws IllegalArgumentException for another name, with a suggestion
     */
    public static SchedulerProfile byName(String name) {
        return switch (name) {
            case "fgd" -> fgd();
            case "fgd-packing" -> fgdPacking();
            case "best-fit" -> bestFit();
            case "least-allocated" -> leastAllocated();
            case "random" -> random();
            default -> throw new IllegalArgumentException(io.capsim.engine.spi.Names.unknown("policy", name, NAMES));
        };
    }
}
