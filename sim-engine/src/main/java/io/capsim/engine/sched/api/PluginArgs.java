package io.capsim.engine.sched.api;

/**
 * Typed arguments of one plugin (an entry of KubeSchedulerConfiguration's {@code pluginConfig}).
 * Implementations are records that check their invariants in the constructor.
 */
public interface PluginArgs {

    /** Arguments of a plugin that takes none. */
    record None() implements PluginArgs {
        /** The instance. */
        public static final None INSTANCE = new None();
    }
}
