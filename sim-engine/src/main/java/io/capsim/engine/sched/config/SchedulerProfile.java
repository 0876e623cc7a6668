package io.capsim.engine.sched.config;

import java.util.List;
import java.util.Objects;

/**
 * One scheduling profile, shaped like a KubeSchedulerConfiguration profile.
 *
 * @param schedulerName profile name, non-empty (pods pick a profile by it)
 * @param plugins plugins per extension point, taken literally (apply {@link
 *     Plugins#kubernetesDefaults()}{@code .overlay(user)} first to start from kube-scheduler's
 *     defaults)
 * @param pluginConfig arguments per plugin; plugins without an entry use their default args; copied
 * @param percentageOfNodesToScore share of nodes, in percent, after which the search for feasible
 *     nodes stops: 0 for kube-scheduler's adaptive default, 100 to consider every node, {@link
 *     #INHERIT} (-1) to take the configuration's top-level value
 */
public record SchedulerProfile(String schedulerName, Plugins plugins, List<PluginConfig> pluginConfig, int percentageOfNodesToScore) {

    /** {@code percentageOfNodesToScore} not set in the profile: the top-level value applies. */
    public static final int INHERIT = -1;

    public SchedulerProfile {
        Objects.requireNonNull(schedulerName, "schedulerName");
        Objects.requireNonNull(plugins, "plugins");
        pluginConfig = List.copyOf(pluginConfig);
        if (schedulerName.isEmpty()) {
            throw new IllegalArgumentException("schedulerName must not be empty");
        }
        if (percentageOfNodesToScore < INHERIT || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("percentageOfNodesToScore " + percentageOfNodesToScore + " is not in [0, 100]");
        }
    }

    /** The same with other plugin args. */
    public SchedulerProfile withPluginConfig(List<PluginConfig> config) {
        return new SchedulerProfile(schedulerName, plugins, config, percentageOfNodesToScore);
    }

    /** The same with another percentage of nodes to score. */
    public SchedulerProfile withPercentageOfNodesToScore(int percent) {
        return new SchedulerProfile(schedulerName, plugins, pluginConfig, percent);
    }
}
