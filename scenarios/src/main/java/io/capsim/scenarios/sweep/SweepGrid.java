package io.capsim.scenarios.sweep;

import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problems;
import io.capsim.scenarios.validate.ScenarioException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The points of a sweep: the cartesian product of {@code --param PATH=V1,V2,...} values, each
 * point a list of {@code --set} overrides. The first parameter varies slowest (nested loops in the
 * order the parameters are given), so point indices are a pure function of the command line.
 *
 * <p>Each point has a folder name derived from its values alone, never from its index (so adding
 * a value to a parameter does not rename the points already run): for each parameter, the last
 * segment of its path, '-', and the value with every character but letters, digits, '.' and '-'
 * replaced by '_' (each part cut at 40 characters, the whole at 150), joined by '_', then '_' and
 * the first 8 hex digits of the SHA-256 of the point's overrides ({@code path=value} lines). So a
 * value cannot name another folder ({@code ../x} becomes {@code .._x}), and two points whose
 * readable parts coincide still get different names.
 *
 * @param parameters the parameters, in the order given
 */
public record SweepGrid(List<Parameter> parameters) {

    /** Most points a sweep may have. */
    public static final int MAX_POINTS = 1_000_000;

    /**
     * One swept field.
     *
     * @param path the dotted field path, as {@code --set} takes it
     * @param values its values, in the order given, distinct
     */
    public record Parameter(String path, List<String> values) {
        public Parameter {
            values = List.copyOf(values);
        }
    }

    /**
     * One point.
     *
     * @param index its place in the product (0-based, first parameter slowest)
     * @param values one value per parameter
     * @param overrides {@code path=value} per parameter, as {@code --set} takes them
     * @param folder its folder name in the sweep folder
     */
    public record Point(int index, List<String> values, List<String> overrides, String folder) {
        public Point {
            values = List.copyOf(values);
            overrides = List.copyOf(overrides);
        }
    }

    public SweepGrid {
        parameters = List.copyOf(parameters);
    }

    /**
     * Parses {@code --param} options.
     *
     * @param option the option's name, for messages ("--param")
     * @throws ScenarioException (exit 2) with every problem: no '=', an empty path or value, a
     *     repeated value or path, more than {@value #MAX_POINTS} points
     */
    public static SweepGrid parse(String option, List<String> specs) {
        Problems problems = new Problems();
        List<Parameter> params = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        long points = 1;
        for (String spec : specs) {
            Location at = Location.of(option + " " + spec);
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                problems.add(at, "", "expected PATH=V1,V2,..., such as services.web.replicas=2,4,8");
                continue;
            }
            String path = spec.substring(0, eq).trim();
            if (path.isEmpty() || List.of(path.split("\\.", -1)).contains("")) {
                problems.add(at, path, "a path is dot-separated field names, such as services.web.replicas");
                continue;
            }
            if (!paths.add(path)) {
                problems.add(at, path, "this path is swept twice; give all its values in one " + option);
                continue;
            }
            List<String> values = new ArrayList<>();
            boolean ok = true;
            for (String v : spec.substring(eq + 1).split(",", -1)) {
                String value = v.trim();
                if (value.isEmpty()) {
                    problems.add(at, path, "an empty value; values are separated by commas (a value cannot hold one)");
                    ok = false;
                } else if (values.contains(value)) {
                    problems.add(at, path, "the value \"" + value + "\" is given twice");
                    ok = false;
                } else {
                    values.add(value);
                }
            }
            if (ok) {
                params.add(new Parameter(path, values));
                points *= values.size();
                if (points > MAX_POINTS) {
                    problems.add(at, path, "the sweep would have more than " + MAX_POINTS + " points");
                    break;
                }
            }
        }
        if (specs.isEmpty()) {
            problems.add(Location.of(option), "", "give at least one " + option + " PATH=V1,V2,...");
        }
        problems.throwIfAny();
        return new SweepGrid(params);
    }

    /** Number of points. */
    public int size() {
        int n = 1;
        for (Parameter p : parameters) {
            n *= p.values().size();
        }
        return n;
    }

    /** The parameters' paths, in order. */
    public List<String> paths() {
        return parameters.stream().map(Parameter::path).toList();
    }

    /** The point at {@code index} (first parameter slowest). */
    public Point point(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        List<String> values = new ArrayList<>();
        int rest = index;
        int stride = size();
        for (Parameter p : parameters) {
            stride /= p.values().size();
            values.add(p.values().get(rest / stride));
            rest %= stride;
        }
        List<String> overrides = new ArrayList<>();
        StringBuilder readable = new StringBuilder();
        for (int i = 0; i < parameters.size(); i++) {
            String path = parameters.get(i).path();
            overrides.add(path + "=" + values.get(i));
            if (readable.length() > 0) {
                readable.append('_');
            }
            String last = path.substring(path.lastIndexOf('.') + 1);
            readable.append(clean(last + "-" + values.get(i), 40));
        }
        String name = clean(readable.toString(), 150);
        if (!Character.isLetterOrDigit(name.charAt(0))) {
            name = "p" + name;
        }
        return new Point(index, values, overrides, name + "_" + hash(overrides));
    }

    /** Every point, in index order. */
    public List<Point> points() {
        List<Point> all = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            all.add(point(i));
        }
        return all;
    }

    private static String clean(String s, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        return sb.toString();
    }

    private static String hash(List<String> overrides) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest(String.join("\n", overrides).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * {@code --shard I/N}: the I-th of N slices of a sweep (1-based); point {@code k} belongs to
     * slice {@code (k mod N) + 1}, round robin, so slices differ by at most one point and a
     * parameter that makes points slow is spread over all slices.
     *
     * @param index 1..count
     * @param count at least 1
     */
    public record Shard(int index, int count) {

        /** The whole sweep. */
        public static final Shard ALL = new Shard(1, 1);

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("shard " + index + "/" + count);
            }
        }

        /**
         * Parses {@code I/N}.
         *
         * @throws ScenarioException (exit 2) if it is not two whole numbers with 1 <= I <= N
         */
        public static Shard parse(String option, String text) {
            String[] parts = text.trim().split("/", -1);
            try {
                if (parts.length == 2) {
                    int i = Integer.parseInt(parts[0].trim());
                    int n = Integer.parseInt(parts[1].trim());
                    if (n >= 1 && n <= MAX_POINTS && i >= 1 && i <= n) {
                        return new Shard(i, n);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ScenarioException(new io.capsim.scenarios.validate.Problem(Location.of(option + " " + text), "",
                    "expected I/N with 1 <= I <= N, such as 2/3 (the second of three slices)"));
        }

        /** True if the point at {@code pointIndex} is in this slice. */
        public boolean contains(int pointIndex) {
            return pointIndex % count == index - 1;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }
}
