package io.capsim.engine.random;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A named distribution with its numeric parameters, as written in a scenario (durations already
 * converted to seconds).
 *
 * @param type registered distribution name, for example {@code exponential}
 * @param params parameter values by name; copied, sorted by name
 */
public record DistributionSpec(String type, Map<String, Double> params) {

    public DistributionSpec {
        Objects.requireNonNull(type, "type");
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** The value of a parameter, or NaN when absent. */
    public double get(String name) {
        Double v = params.get(name);
        return v == null ? Double.NaN : v;
    }

    /** True if the parameter is given. */
    public boolean has(String name) {
        return params.containsKey(name);
    }
}
