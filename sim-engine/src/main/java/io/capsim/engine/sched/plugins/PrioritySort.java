package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.QueueSortPlugin;
import io.capsim.engine.sched.api.QueuedPodInfo;
import io.capsim.engine.sched.api.QueuedPodInfo;

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
    public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
        int pa = a.pod().priority();
        int pb = b.pod().priority();
        if (pa != pb) {
            return pa > pb;
        }
        if (a.timestamp() != b.timestamp()) {
            return a.timestamp() < b.timestamp();
        }
        return a.pod().id() < b.pod().id();
    }
}
