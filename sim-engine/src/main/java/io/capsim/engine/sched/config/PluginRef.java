package io.capsim.engine.sched.config;

import java.util.Objects;

/**
 * A plugin named in a profile's plugin set.
 *
 * @param name plugin name
 * @param weight score weight in [1, 100], or 0 for "not given" (the plugin's default weight, else 1)
 */
public record PluginRef(String name, int weight) {

    public PluginRef {
        Objects.requireNonNull(name, "name");
    }

    /** A reference without weight. */
    public static PluginRef of(String name) {
        return new PluginRef(name, 0);
    }
}
