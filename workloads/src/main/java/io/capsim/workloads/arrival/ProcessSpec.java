package io.capsim.workloads.arrival;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A named arrival process with its numeric parameters, as written in a scenario (rates per second,
 * durations in seconds).
 *
 * @param process registered process name, for example {@code poisson}
 * @param params parameter values by name; copied, sorted by name
 */
public record ProcessSpec(String process, Map<String, Double> params) {

    public ProcessSpec {
        Objects.requireNonNull(process, "process");
        params = Collections.unmodifiableMap(new TreeMap<>(params));
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
