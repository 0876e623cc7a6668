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
 * The placement policies of the FGD comparison, as profiles: the same filters (NodeResourcesFit,
 * NodeAffinity, TaintToleration), PrioritySort, DefaultBinder, no preemption, every node
 * considered ({@code percentageOfNodesToScore = 100}), and one score setup each.
 *
 * <ul>
 *   <li>{@link #NAMES} capsim's: FGD, and Kubernetes-style baselines. Baselines put GPU shares on
 *       the best-fitting device (the scheduler's default); FGD picks the device itself.
 *   <li>{@link #PAPER_NAMES} the six policies of the paper's inflation figure (Weng et al., USENIX
 *       ATC'23, Fig. 9a; Fig. 7 for fragmentation), each with its simulator's score plugin and GPU
 *       selection ({@link GpuSelection}) as its artifact runs them ({@code
 *       experiments/run_scripts/generate_run_scripts.py}): Random with a random GPU, DotProd,
 *       GpuClustering, GpuPacking and BestFit with the best-fitting GPU, FGD with FGD's GPU.
 * </ul>
 */
public final class BuiltInProfiles {

    /** capsim's profile names, in the order of the comparison. */
    public static final List<String> NAMES = List.of("fgd", "fgd-packing", "best-fit", "least-allocated", "random");

    /** The FGD paper's six policies, in the order of its figures' legends. */
    public static final List<String> PAPER_NAMES = List.of("paper-random", "paper-dot-prod", "paper-gpu-clustering",
            "paper-gpu-packing", "paper-best-fit", "paper-fgd");

    /** Every built-in policy name: {@link #NAMES}, then {@link #PAPER_NAMES}. */
    public static final List<String> ALL_NAMES = java.util.stream.Stream.concat(NAMES.stream(), PAPER_NAMES.stream())
            .toList();

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
     * One of the paper's policies: the common filters, {@code score} at weight 1 (also at preScore
     * if it is a PreScore plugin), and {@link GpuSelection} with {@code gpuPolicy} at reserve.
     */
    private static SchedulerProfile paper(String name, String score, boolean preScore, String gpuPolicy) {
        Plugins p = base(PluginSet.enable(new PluginRef(score, 1)))
                .with(ExtensionPoint.RESERVE, PluginSet.enable(BuiltInPlugins.GPU_SELECTION));
        if (preScore) {
            p = p.with(ExtensionPoint.PRE_SCORE, PluginSet.enable(score));
        }
        return new SchedulerProfile(name, p, List.of(new PluginConfig(BuiltInPlugins.GPU_SELECTION,
                new GpuSelection.Args(gpuPolicy))), 100);
    }

    /** The paper's Random: {@link FgdPaperRandom} (a uniformly random feasible node), a random GPU. */
    public static SchedulerProfile paperRandom() {
        return paper("paper-random", BuiltInPlugins.FGD_PAPER_RANDOM, true, "Random");
    }

    /** The paper's DotProd: {@link FgdPaperDotProduct}, the best-fitting GPU. */
    public static SchedulerProfile paperDotProd() {
        return paper("paper-dot-prod", BuiltInPlugins.FGD_PAPER_DOT_PRODUCT, false, "BestFit");
    }

    /** The paper's GpuClustering: {@link FgdPaperGpuClustering}, the best-fitting GPU. */
    public static SchedulerProfile paperGpuClustering() {
        return paper("paper-gpu-clustering", BuiltInPlugins.FGD_PAPER_GPU_CLUSTERING, false, "BestFit");
    }

    /** The paper's GpuPacking: {@link FgdPaperGpuPacking}, the best-fitting GPU. */
    public static SchedulerProfile paperGpuPacking() {
        return paper("paper-gpu-packing", BuiltInPlugins.FGD_PAPER_GPU_PACKING, false, "BestFit");
    }

    /** The paper's BestFit: {@link FgdPaperBestFit}, the best-fitting GPU. */
    public static SchedulerProfile paperBestFit() {
        return paper("paper-best-fit", BuiltInPlugins.FGD_PAPER_BEST_FIT, false, "BestFit");
    }

    /** The paper's FGD: {@link Fgd}, FGD's GPU (the same device FGD's own choice gives). */
    public static SchedulerProfile paperFgd() {
        return paper("paper-fgd", BuiltInPlugins.FGD, false, "FGD");
    }

    /**
     * The profile named {@code name} (one of {@link #ALL_NAMES}).
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
            case "paper-random" -> paperRandom();
            case "paper-dot-prod" -> paperDotProd();
            case "paper-gpu-clustering" -> paperGpuClustering();
            case "paper-gpu-packing" -> paperGpuPacking();
            case "paper-best-fit" -> paperBestFit();
            case "paper-fgd" -> paperFgd();
            default -> throw new IllegalArgumentException(io.capsim.engine.spi.Names.unknown("policy", name, ALL_NAMES));
        };
    }
}
