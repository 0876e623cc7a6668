package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.BindPlugin;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.Status;

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
    public Status bind(Pod pod, int node) {
        return Status.SUCCESS;
    }
}
