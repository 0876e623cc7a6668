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

    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\.([0-9]+)(?=\\.|$)");

    /**
     * A parameter's name as messages and scenario paths show it: a list item's index in brackets
     * ({@code rate.1} is {@code rate[1]}, {@code to.0.1} is {@code to[0][1]}), the form a scenario
     * file's list and {@code --set} take.
     */
    public static String shown(String parameter) {
        return parameter.indexOf('.') < 0 ? parameter : INDEX.matcher(parameter).replaceAll("[$1]");
    }
}
