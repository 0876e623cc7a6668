package io.capsim.engine.sched.api;

import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.random.RandomStreams;
import java.util.Objects;

/**
 * What a plugin factory can use to build a plugin.
 *
 * @param handle the scheduler the plugin serves
 * @param streams named random streams; plugins take streams named {@code sched/<plugin>}
 * @param workload the pod mix the cluster is expected to run (FGD's target workload); may be
 *     {@link TargetWorkload#EMPTY}
 */
public record PluginContext(SchedulerHandle handle, RandomStreams streams, TargetWorkload workload) {

    public PluginContext {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(workload, "workload");
    }
}
