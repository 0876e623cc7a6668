package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.ExtensionPoint;
import io.capsim.engine.sched.config.PluginConfig;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.PluginSet;
import io.capsim.engine.sched.config.Plugins;
import io.capsim.engine.sched.config.SchedulerProfile;
import java.util.List;
import java.util.Map;

/**
 * The four placement policies of the FGD comparison, as profiles: the same filters
 * (NodeResourcesFit, NodeAffinity, TaintToleration), PrioritySort, DefaultBinder, no preemption,
 * every node considered ({@code percentageOfNodesToScore = 100}), and one score plugin each.
 * Baselines put GPU shares on the best-fitting device (the scheduler's default); FGD picks the
 * device itself.
 */
public final class BuiltInProfiles {

    /** Profile names, in the order of the comparison. */
    public static final List<String> NAMES = List.of("fgd", "fgd-packing", "best-fit", "least-allocated", "random");

    private BuiltInProfiles() {}

    /**
     * The default plugins of kube-scheduler that capsim models, in kube-scheduler's multiPoint
     * order with their default score weights: PrioritySort, TaintToleration (3), NodeAffinity (2),
     * NodeResourcesFit (1), PodTopologySpread (2), InterPodAffinity (2), DefaultPreemption,
     * NodeResourcesBalancedAllocation (1), DefaultBinder. (SchedulingGates, NodeUnschedulable,
     * NodeName, NodePorts, the volume plugins and ImageLocality have nothing to act on in capsim.)
     */
    public static Plugins kubernetesDefaults() {
        return Plugins.multiPoint(new PluginSet(List.of(
                PluginRef.of(BuiltInPlugins.PRIORITY_SORT),
                new PluginRef(BuiltInPlugins.TAINT_TOLERATION, 3),
                new PluginRef(BuiltInPlugins.NODE_AFFINITY, 2),
                new PluginRef(BuiltInPlugins.NODE_RESOURCES_FIT, 1),
                new PluginRef(BuiltInPlugins.POD_TOPOLOGY_SPREAD, 2),
                new PluginRef(BuiltInPlugins.INTER_POD_AFFINITY, 2),
                PluginRef.of(BuiltInPlugins.DEFAULT_PREEMPTION),
                new PluginRef(BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION, 1),
                PluginRef.of(BuiltInPlugins.DEFAULT_BINDER)), List.of()));
    }

    /**
     * kube-scheduler's default profile: {@code default-scheduler}, the default plugins and args,
     * and the top-level {@code percentageOfNodesToScore} (adaptive unless set).
     */
    public static SchedulerProfile kubernetesDefault() {
        return new SchedulerProfile("default-scheduler", kubernetesDefaults(), List.of(), SchedulerProfile.INHERIT);
    }

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
