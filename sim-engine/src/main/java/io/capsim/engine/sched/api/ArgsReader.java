package io.capsim.engine.sched.api;

import io.capsim.engine.spi.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of one map of plugin {@link ArgsNode args}, collecting {@link
 * ConfigProblem}s with paths relative to the args instead of throwing: each reader method returns
 * its default on a problem, so one pass reports every problem. {@link #finish()} reports the keys
 * nobody read, with the nearest known name.
 */
public final class ArgsReader {

    private final ArgsNode.MapNode map;
    private final String path;
    private final List<ConfigProblem> problems;
    private final Set<String> known = new LinkedHashSet<>();

    private ArgsReader(ArgsNode.MapNode map, String path, List<ConfigProblem> problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /**
     * A reader of {@code node}, which must be a map (else a problem is added and an empty map read).
     *
     * @param path the node's path relative to the args ({@code ""} for the args themselves)
     */
    public static ArgsReader of(ArgsNode node, String path, List<ConfigProblem> problems) {
        if (node instanceof ArgsNode.MapNode m) {
            return new ArgsReader(m, path, problems);
        }
        problems.add(ConfigProblem.at(path, node == null ? null : node.describe(), "expected a map, found "
                + (node == null ? "nothing" : node.describe())));
        return new ArgsReader(new ArgsNode.MapNode(java.util.Map.of()), path, problems);
    }

    /** The path of {@code key} under this map. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** True if the map has {@code key}. */
    public boolean has(String key) {
        return map.entries().containsKey(key);
    }

    /** Problems reported so far (by every reader sharing the list). */
    public int problemCount() {
        return problems.size();
    }

    /** Adds a problem with the value at {@code key}. */
    public void problem(String key, String message) {
        known.add(key);
        ArgsNode n = map.entries().get(key);
        problems.add(ConfigProblem.at(pathOf(key), n instanceof ArgsNode.Scalar s ? s.text() : null, message));
    }

    /** Adds a problem with {@code key} itself (a field that may not be given). */
    public void keyProblem(String key, String message) {
        known.add(key);
        problems.add(ConfigProblem.key(pathOf(key), key, message));
    }

    private ArgsNode node(String key, boolean required, String what) {
        known.add(key);
        ArgsNode n = map.entries().get(key);
        if (n == null || (n instanceof ArgsNode.Scalar s && s.kind() == ArgsNode.Scalar.Kind.NULL)) {
            if (required) {
                problems.add(ConfigProblem.at(pathOf(key), "is required (" + what + ")"));
            }
            return null;
        }
        return n;
    }

    private ArgsNode.Scalar scalar(String key, boolean required, String what) {
        ArgsNode n = node(key, required, what);
        if (n == null) {
            return null;
        }
        if (n instanceof ArgsNode.Scalar s) {
            return s;
        }
        problems.add(ConfigProblem.at(pathOf(key), "expected " + what + ", found " + n.describe()));
        return null;
    }

    /** An integer in [min, max]; {@code def} when absent or on a problem. */
    public long integer(String key, boolean required, long def, long min, long max) {
        String what = "an integer in [" + min + ", " + max + "]";
        ArgsNode.Scalar s = scalar(key, required, what);
        if (s == null) {
            return def;
        }
        long v;
        try {
            if (s.kind() != ArgsNode.Scalar.Kind.NUMBER) {
                throw new NumberFormatException();
            }
            v = Long.parseLong(s.text());
        } catch (NumberFormatException e) {
            problems.add(ConfigProblem.at(pathOf(key), s.text(), "expected " + what + ", found " + s.describe()));
            return def;
        }
        if (v < min || v > max) {
            problems.add(ConfigProblem.at(pathOf(key), s.text(), v + " is not in [" + min + ", " + max + "]"));
            return def;
        }
        return v;
    }

    /** A number in [min, max]; {@code def} when absent or on a problem. */
    public double number(String key, boolean required, double def, double min, double max) {
        String what = "a number in [" + min + ", " + max + "]";
        ArgsNode.Scalar s = scalar(key, required, what);
        if (s == null) {
            return def;
        }
        double v;
        try {
            if (s.kind() != ArgsNode.Scalar.Kind.NUMBER) {
                throw new NumberFormatException();
            }
            v = Double.parseDouble(s.text());
        } catch (NumberFormatException e) {
            problems.add(ConfigProblem.at(pathOf(key), s.text(), "expected a number, found " + s.describe()));
            return def;
        }
        if (!(v >= min && v <= max)) {
            problems.add(ConfigProblem.at(pathOf(key), s.text(), s.text() + " is not in [" + min + ", " + max + "]"));
            return def;
        }
        return v;
    }

    /** A boolean; {@code def} when absent or on a problem. */
    public boolean bool(String key, boolean required, boolean def) {
        ArgsNode.Scalar s = scalar(key, required, "true or false");
        if (s == null) {
            return def;
        }
        if (s.kind() != ArgsNode.Scalar.Kind.BOOLEAN) {
            problems.add(ConfigProblem.at(pathOf(key), s.text(), "expected true or false, found " + s.describe()));
            return def;
        }
        return Boolean.parseBoolean(s.text());
    }

    /** A string (any scalar's text); {@code def} when absent or on a problem. */
    public String string(String key, boolean required, String def) {
        ArgsNode.Scalar s = scalar(key, required, "a string");
        return s == null ? def : s.text();
    }

    /** One of {@code allowed}; {@code def} when absent or on a problem. */
    public String choice(String key, boolean required, String def, Collection<String> allowed) {
        ArgsNode.Scalar s = scalar(key, required, "one of " + String.join(", ", allowed));
        if (s == null) {
            return def;
        }
        if (!allowed.contains(s.text())) {
            problems.add(ConfigProblem.at(pathOf(key), s.text(), Names.notAllowed(s.text(), allowed)));
            return def;
        }
        return s.text();
    }

    /** The map under {@code key}, or null when absent (or not a map: a problem). */
    public ArgsReader map(String key) {
        ArgsNode n = node(key, false, "a map");
        return n == null ? null : of(n, pathOf(key), problems);
    }

    /** The maps of the list under {@code key}; empty when absent. */
    public List<ArgsReader> maps(String key) {
        List<ArgsReader> out = new ArrayList<>();
        ArgsNode n = node(key, false, "a list");
        if (n == null) {
            return out;
        }
        if (!(n instanceof ArgsNode.ListNode l)) {
            problems.add(ConfigProblem.at(pathOf(key), "expected a list of maps, found " + n.describe()));
            return out;
        }
        for (int k = 0; k < l.items().size(); k++) {
            out.add(of(l.items().get(k), pathOf(key) + "[" + k + "]", problems));
        }
        return out;
    }

    /** Reports every key nobody read as unknown, naming the nearest known key and all of them. */
    public void finish() {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                problems.add(ConfigProblem.key(pathOf(key), key, Names.unknown("field", key, known)));
            }
        }
    }
}
