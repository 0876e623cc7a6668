package io.capsim.engine.sched.config;

import io.capsim.engine.sched.api.PluginArgs;

import java.util.Objects;

/**
 * Arguments for one plugin (an entry of KubeSchedulerConfiguration's {@code pluginConfig}).
 *
 * @param name plugin name
 * @param args its arguments, of the type its factory declares
 */
public record PluginConfig(String name, PluginArgs args) {

    public PluginConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(args, "args");
    }
}
