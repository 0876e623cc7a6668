package io.capsim.engine.sched.config;

import java.util.List;

/**
 * Plugins enabled and disabled at one extension point (KubeSchedulerConfiguration {@code
 * PluginSet}). A disabled name of {@code "*"} disables every default plugin at the point.
 *
 * @param enabled plugins to enable, in order; copied
 * @param disabled names to disable; copied
 */
public record PluginSet(List<PluginRef> enabled, List<String> disabled) {

    /** Nothing enabled or disabled. */
    public static final PluginSet EMPTY = new PluginSet(List.of(), List.of());

    public PluginSet {
        enabled = List.copyOf(enabled);
        disabled = List.copyOf(disabled);
    }

    /** Enables the given plugins without weights. */
    public static PluginSet enable(String... names) {
        return new PluginSet(java.util.Arrays.stream(names).map(PluginRef::of).toList(), List.of());
    }

    /** Enables the given plugins. */
    public static PluginSet enable(PluginRef... refs) {
        return new PluginSet(List.of(refs), List.of());
    }

    /** True if {@code name} is enabled here. */
    public boolean enables(String name) {
        for (int k = 0; k < enabled.size(); k++) {
            if (enabled.get(k).name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code name} is disabled here (by name or by {@code "*"}). */
    public boolean disables(String name) {
        return disabled.contains(name) || disabled.contains("*");
    }
}
