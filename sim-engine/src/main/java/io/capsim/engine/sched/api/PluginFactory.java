package io.capsim.engine.sched.api;


import java.util.List;

/**
 * Builds one named plugin from its typed arguments. Registered by {@link #name()} in the
 * scheduler's plugin registry (the built-ins' is {@code BuiltInPlugins.registry()}); out-of-tree
 * factories are found with {@link java.util.ServiceLoader} (declare them in {@code
 * META-INF/services/io.capsim.engine.sched.api.PluginFactory}).
 *
 * <p>One factory instance serves every run of a scenario: the registry found when the scenario is
 * read builds the profiles of all its runs, and replications and sweep points run in parallel. So
 * a factory must keep no state between calls and be safe to call from several threads; the
 * plugins it creates are each used by one run only.
 *
 * @param <A> the arguments type
 */
public interface PluginFactory<A extends PluginArgs> {

    /** Plugin name, for example {@code NodeResourcesFit}; exact, case-sensitive. */
    String name();

    /** Class of the arguments (a record). */
    Class<A> argsType();

    /** Arguments used when the profile gives none. */
    A defaultArgs();

    /**
     * Problems with the arguments, each with its field path relative to the args; empty when
     * valid.
     */
    default List<ConfigProblem> validate(A args) {
        return List.of();
    }

    /**
     * Decodes this plugin's typed arguments from what a user wrote (a KubeSchedulerConfiguration's
     * {@code pluginConfig[].args}), adding each problem of form to {@code problems} with its path
     * relative to the args; the values are checked by {@link #validate} afterwards. The default
     * reads a record of numbers, booleans and strings, one key per record component (absent keys
     * keep {@link #defaultArgs()}'s values); a factory whose args nest overrides it.
     *
     * @return the args, or null when a problem was added
     */
    default A decode(ArgsNode args, List<ConfigProblem> problems) {
        return RecordArgs.decode(this, args, problems);
    }

    /** A new plugin instance for one scheduler. */
    Plugin create(A args, PluginContext context);

    /** Casts and validates untyped arguments. */
    @SuppressWarnings("unchecked")
    default List<ConfigProblem> validateUntyped(PluginArgs args) {
        if (!argsType().isInstance(args)) {
            return List.of(ConfigProblem.at("", "args of " + name() + " must be " + argsType().getSimpleName()
                    + ", not " + args.getClass().getSimpleName()));
        }
        return validate((A) args);
    }

    /** Casts and creates. */
    @SuppressWarnings("unchecked")
    default Plugin createUntyped(PluginArgs args, PluginContext context) {
        return create((A) args, context);
    }
}
