package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.Plugin;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.spi.Registry;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Every built-in scheduling plugin, by name, and the registry that adds out-of-tree plugins found
 * with {@link ServiceLoader}.
 */
public final class BuiltInPlugins {

    public static final String PRIORITY_SORT = "PrioritySort";
    public static final String NODE_RESOURCES_FIT = "NodeResourcesFit";
    public static final String NODE_RESOURCES_BALANCED_ALLOCATION = "NodeResourcesBalancedAllocation";
    public static final String NODE_AFFINITY = "NodeAffinity";
    public static final String TAINT_TOLERATION = "TaintToleration";
    public static final String GPU_SHARE_PACKING = "GpuSharePacking";
    public static final String FGD = "FGD";
    public static final String RANDOM_SCORE = "RandomScore";
    public static final String COSCHEDULING = "Coscheduling";
    public static final String DEFAULT_PREEMPTION = "DefaultPreemption";
    public static final String DEFAULT_BINDER = "DefaultBinder";
    public static final String POD_TOPOLOGY_SPREAD = "PodTopologySpread";
    public static final String INTER_POD_AFFINITY = "InterPodAffinity";
    public static final String GPU_SELECTION = "GpuSelection";
    public static final String FGD_PAPER_BEST_FIT = "FgdPaperBestFit";
    public static final String FGD_PAPER_GPU_PACKING = "FgdPaperGpuPacking";
    public static final String FGD_PAPER_GPU_CLUSTERING = "FgdPaperGpuClustering";
    public static final String FGD_PAPER_DOT_PRODUCT = "FgdPaperDotProduct";
    public static final String FGD_PAPER_RANDOM = "FgdPaperRandom";

    private BuiltInPlugins() {}

    /** The built-in factories, in documentation order. */
    public static List<PluginFactory<?>> factories() {
        return List.of(PrioritySort.FACTORY, NodeResourcesFit.FACTORY, NodeResourcesBalancedAllocation.FACTORY,
                NodeAffinityPlugin.FACTORY, TaintTolerationPlugin.FACTORY, GpuSharePacking.FACTORY, Fgd.FACTORY,
                RandomScore.FACTORY, Coscheduling.FACTORY, DefaultPreemption.FACTORY, DefaultBinder.FACTORY,
                PodTopologySpread.FACTORY, InterPodAffinity.FACTORY, GpuSelection.FACTORY, FgdPaperBestFit.FACTORY,
                FgdPaperGpuPacking.FACTORY, FgdPaperGpuClustering.FACTORY, FgdPaperDotProduct.FACTORY,
                FgdPaperRandom.FACTORY);
    }

    /** A new registry of the built-ins only. */
    public static Registry<PluginFactory<?>> registry() {
        return Registry.of("plugin", factories(), PluginFactory::name);
    }

    /**
     * A new registry of the built-ins plus every {@link PluginFactory} that {@link ServiceLoader}
     * finds through {@code loader}.
     *
     * @throws IllegalArgumentException if an out-of-tree plugin reuses a registered name
     */
    public static Registry<PluginFactory<?>> registryWithServiceLoader(ClassLoader loader) {
        List<PluginFactory<?>> all = new java.util.ArrayList<>(factories());
        for (PluginFactory<?> f : ServiceLoader.load(PluginFactory.class, loader)) {
            all.add(f);
        }
        return Registry.of("plugin", all, PluginFactory::name);
    }

    /** A factory for a plugin that takes no arguments. */
    public static PluginFactory<PluginArgs.None> noArgs(String name, Function<PluginContext, Plugin> create) {
        return new PluginFactory<>() {
            @Override public String name() { return name; }
            @Override public Class<PluginArgs.None> argsType() { return PluginArgs.None.class; }
            @Override public PluginArgs.None defaultArgs() { return PluginArgs.None.INSTANCE; }
            @Override public Plugin create(PluginArgs.None args, PluginContext context) { return create.apply(context); }
        };
    }
}
