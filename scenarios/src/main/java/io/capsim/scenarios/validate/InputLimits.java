package io.capsim.scenarios.validate;

import io.capsim.workloads.trace.TraceLimits;
import java.util.Objects;

/**
 * Bounds on the input a scenario read accepts, so that a hostile or broken file is refused with a
 * located message, in time linear in its size, instead of exhausting memory or time. Names are
 * those of {@code capsim --limit NAME=VALUE}; {@code docs/RELIABILITY.md} lists them with their
 * defaults.
 *
 * @param maxScenarioBytes bytes a scenario file may hold ({@value #SCENARIO_SIZE})
 * @param maxScalarChars characters in one line of a scenario, and so in any one-line scalar, and
 *     in any scalar at all ({@value #SCALAR_LENGTH}); checked before the YAML parser runs, which
 *     takes time quadratic in the length of a one-line token
 * @param maxDepth nesting depth of maps and lists ({@value #YAML_DEPTH})
 * @param maxAliasNodes values that YAML aliases ({@code *name}) may expand to in all
 *     ({@value #YAML_ALIASES}); bounds "billion laughs" documents
 * @param trace limits on the trace files the scenario names
 */
public record InputLimits(long maxScenarioBytes, int maxScalarChars, int maxDepth, int maxAliasNodes,
        TraceLimits trace) {

    /** Limit name of {@link #maxScenarioBytes}. */
    public static final String SCENARIO_SIZE = "scenario-size";
    /** Limit name of {@link #maxScalarChars}. */
    public static final String SCALAR_LENGTH = "scalar-length";
    /** Limit name of {@link #maxDepth}. */
    public static final String YAML_DEPTH = "yaml-depth";
    /** Limit name of {@link #maxAliasNodes}. */
    public static final String YAML_ALIASES = "yaml-aliases";

    /** 1 MiB files, 64 Ki-character lines and scalars, depth 64, 10,000 alias values, default trace limits. */
    public static final InputLimits DEFAULTS = new InputLimits(1L << 20, 1 << 16, 64, 10_000, TraceLimits.DEFAULTS);

    public InputLimits {
        Objects.requireNonNull(trace, "trace");
        if (maxScenarioBytes <= 0 || maxScalarChars <= 0 || maxDepth <= 0 || maxAliasNodes < 0) {
            throw new IllegalArgumentException("input limits must be positive");
        }
    }

    /** A copy with other trace limits. */
    public InputLimits withTrace(TraceLimits t) {
        return new InputLimits(maxScenarioBytes, maxScalarChars, maxDepth, maxAliasNodes, t);
    }

    /** The hint that ends a limit's message: {@code (limit scalar-length; raise it with --limit scalar-length=N)}. */
    static String hint(String name, String valueForm) {
        return "(limit " + name + "; raise it with --limit " + name + "=" + valueForm + ")";
    }
}
