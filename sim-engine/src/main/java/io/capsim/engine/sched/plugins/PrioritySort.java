package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.PluginArgs;
import io.capsim.engine.sched.PluginFactory;
import io.capsim.engine.sched.PodInfo;
import io.capsim.engine.sched.QueueSortPlugin;

/** Kubernetes' PrioritySort: higher priority first, then earlier queue timestamp (then submission order). */
public final class PrioritySort implements QueueSortPlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.PRIORITY_SORT, c -> new PrioritySort());

    @Override
    public String name() {
        return BuiltInPlugins.PRIORITY_SORT;
    }

    @Override
    public boolean less(PodInfo a, PodInfo b) {
        if (a.priority() != b.priority()) {
            return a.priority() > b.priority();
        }
        if (a.queueTimestamp() != b.queueTimestamp()) {
            return a.queueTimestamp() < b.queueTimestamp();
        }
        return a.id() < b.id();
    }
}
