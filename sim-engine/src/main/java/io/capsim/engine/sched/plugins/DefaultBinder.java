package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.BindPlugin;
import io.capsim.engine.sched.PluginArgs;
import io.capsim.engine.sched.PluginFactory;
import io.capsim.engine.sched.PodInfo;
import io.capsim.engine.sched.Status;

/** Kubernetes' DefaultBinder: the bind always succeeds (its cost is {@code SchedulerConfig.bindCostTicks}). */
public final class DefaultBinder implements BindPlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.DEFAULT_BINDER, c -> new DefaultBinder());

    @Override
    public String name() {
        return BuiltInPlugins.DEFAULT_BINDER;
    }

    @Override
    public Status bind(PodInfo pod, int node) {
        return Status.SUCCESS;
    }
}
