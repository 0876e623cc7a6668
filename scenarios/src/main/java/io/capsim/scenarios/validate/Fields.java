package io.capsim.scenarios.validate;

import io.capsim.engine.spi.Names;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Reads the fields of one YAML map strictly, recording a {@link Problem} (with location and field
 * path) for every missing, mistyped or out-of-range value, and — on {@link #finish()} — for every
 * key that was not read (unknown or misspelled keys), with a suggestion.
 */
public final class Fields {

    private final YamlNode.MapNode map;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();
    /** Keys read as required here (for the schema: required where every map read requires them). */
    private final Set<String> requiredKeys = new java.util.HashSet<>();
    /** Keys asked about with {@link #has} (a field read as required after that is required only when given). */
    private final Set<String> askedFirst = new java.util.HashSet<>();
    private int added;

    /**
     * @param map the map to read
     * @param path its dotted path, empty for the root
     * @param problems where problems go
     */
    public Fields(YamlNode.MapNode map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
        SchemaRecorder.instance(path);
    }

    /** The collector this reader reports to. */
    public Problems problems() {
        return problems;
    }

    /** Number of problems this reader has reported so far. */
    public int problemCount() {
        return added;
    }

    /** Treats every key of the map as read (when its schema is unknown, after an earlier error). */
    public void markAllKnown() {
        known.addAll(map.entries().keySet());
    }

    private void report(Location location, String key, String message) {
        added++;
        problems.add(location, pathOf(key), message);
    }

    /** The dotted path of this map, empty for the root. */
    String pathPrefix() {
        return path;
    }

    /** The path of a child field. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where the map starts. */
    public Location location() {
        return map.location();
    }

    /** Where a key is written. */
    public Location keyLocation(String key) {
        return map.keyLocation(key);
    }

    /** Where a field's value is written, or the map's location if it is absent. */
    public Location locationOf(String key) {
        YamlNode n = map.get(key);
        return n == null ? map.location() : n.location();
    }

    /** The map's entries (read-only). */
    public java.util.Map<String, YamlNode> entries() {
        return map.entries();
    }

    /** Records a problem at a given location and path (for values below this map). */
    public void problemAt(Location location, String path, String message) {
        added++;
        problems.add(location, path, message);
    }

    private void record(String key, SchemaRecorder.Kind kind, boolean required, Double min, boolean minExclusive,
            Double max, Object def) {
        if (SchemaRecorder.active()) {
            if (required && !askedFirst.contains(key) && requiredKeys.add(key)) {
                SchemaRecorder.requiredIn(path, key);
            }
            SchemaRecorder.field(path, key, new SchemaRecorder.FieldSpec(kind, required, min, minExclusive, max,
                    java.util.List.of(), null, null, required ? null : def, null));
        }
    }

    /** A boolean field. */
    public boolean bool(String key, boolean required, boolean def) {
        record(key, SchemaRecorder.Kind.BOOLEAN, required, null, false, null, def);
        YamlNode.Scalar s = scalar(key, required, "true or false");
        if (s == null) {
            return def;
        }
        if (s.type() != YamlNode.ScalarType.BOOLEAN) {
            report(s.location(), key, "expected true or false, found " + s.describe());
            return def;
        }
        return Boolean.parseBoolean(s.text());
    }

    /** Records a problem about a field. */
    public void problem(String key, String message) {
        report(locationOf(key), key, message);
    }

    /** The raw node of a field (marking it known), or null if absent or null. */
    public YamlNode node(String key) {
        if (known.add(key)) {
            SchemaRecorder.field(path, key, SchemaRecorder.Kind.ANY, false);
        }
        YamlNode n = map.get(key);
        if (n instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.NULL) {
            return null;
        }
        return n;
    }

    /** True if the field is present and not null. */
    public boolean has(String key) {
        known.add(key);
        askedFirst.add(key);
        return node(key) != null;
    }

    /**
     * Where to report a required field that is missing: the {@code --set PATH=null} that removed
     * it, the {@code key: null} that left it empty, or else the start of the map.
     */
    private Location missingAt(String key) {
        Location removed = map.removedAt(key);
        if (removed != null) {
            return removed;
        }
        YamlNode n = map.get(key);
        return n != null ? n.location() : map.location();
    }

    private YamlNode.Scalar scalar(String key, boolean required, String expected) {
        YamlNode n = node(key);
        if (n == null) {
            if (required) {
                report(missingAt(key), key, "is required (" + expected + ")");
            }
            return null;
        }
        if (!(n instanceof YamlNode.Scalar s)) {
            report(n.location(), key, "expected " + expected + ", found " + n.describe());
            return null;
        }
        return s;
    }

    /**
     * A string field.
     *
     * @param pattern a regex the value must match, or null; compiled once by the caller
     * @param patternDescription what the pattern allows, for the message
     */
    public String string(String key, boolean required, String def, java.util.regex.Pattern pattern,
            String patternDescription) {
        if (SchemaRecorder.active()) {
            if (required && !askedFirst.contains(key) && requiredKeys.add(key)) {
                SchemaRecorder.requiredIn(path, key);
            }
            SchemaRecorder.field(path, key, new SchemaRecorder.FieldSpec(SchemaRecorder.Kind.STRING, required, null,
                    false, null, java.util.List.of(), pattern == null ? null : pattern.pattern(), patternDescription,
                    required ? null : def, null));
        }
        YamlNode.Scalar s = scalar(key, required, "a string");
        if (s == null) {
            return def;
        }
        if (s.type() != YamlNode.ScalarType.STRING) {
            report(s.location(), key, "expected a string, found " + s.describe());
            return def;
        }
        if (pattern != null && !pattern.matcher(s.text()).matches()) {
            report(s.location(), key, "\"" + s.text() + "\" is not allowed; use " + patternDescription);
            return def;
        }
        return s.text();
    }

    /** One of a fixed set of strings. */
    public String choice(String key, boolean required, String def, Set<String> allowed) {
        if (SchemaRecorder.active()) {
            if (required && !askedFirst.contains(key) && requiredKeys.add(key)) {
                SchemaRecorder.requiredIn(path, key);
            }
            SchemaRecorder.field(path, key, new SchemaRecorder.FieldSpec(SchemaRecorder.Kind.CHOICE, required, null,
                    false, null, java.util.List.copyOf(allowed), null, null, required ? null : def, null));
        }
        YamlNode.Scalar s = scalar(key, required, "one of " + String.join(", ", allowed));
        if (s == null) {
            return def;
        }
        if (s.type() != YamlNode.ScalarType.STRING && allowed.contains(s.text())) {
            report(s.location(), key, s.text() + " is read as " + s.describe() + " in YAML; quote it: \"" + s.text()
                    + "\"");
            return def;
        }
        if (s.type() != YamlNode.ScalarType.STRING || !allowed.contains(s.text())) {
            report(s.location(), key, Names.notAllowed(s.text(), allowed));
            return def;
        }
        return s.text();
    }

    /** An integer field in [min, max]. */
    public long integer(String key, boolean required, long def, long min, long max) {
        record(key, SchemaRecorder.Kind.INTEGER, required, (double) min, false, (double) max,
                def < min || def > max ? null : def); // out of range: "absent" means something else
        YamlNode.Scalar s = scalar(key, required, "an integer in [" + min + ", " + max + "]");
        if (s == null) {
            return def;
        }
        if (s.type() != YamlNode.ScalarType.INTEGER) {
            report(s.location(), key,
                    "expected an integer in [" + min + ", " + max + "], found " + s.describe());
            return def;
        }
        long v;
        try {
            v = YamlNumbers.parseLong(s.text());
        } catch (IllegalArgumentException e) {
            report(s.location(), key, e.getMessage() + "; use an integer in [" + min + ", " + max + "]");
            return def;
        }
        if (v < min || v > max) {
            report(s.location(), key, v + " is not in [" + min + ", " + max + "]");
            return def;
        }
        return v;
    }

    /**
     * A finite number field in the range given ({@code minExclusive} to exclude min).
     *
     * @param def the value of an absent optional field, and of an invalid optional one
     * @return the value; NaN if the field is required and missing or invalid, so that no check
     *     comparing it with another field reports a problem about a value the user never wrote
     */
    public double number(String key, boolean required, double def, double min, boolean minExclusive, double max) {
        record(key, SchemaRecorder.Kind.NUMBER, required, min, minExclusive, max, Double.isFinite(def) ? def : null);
        String range = (minExclusive ? "(" : "[") + fmt(min) + ", " + fmt(max) + "]";
        double failed = required ? Double.NaN : def;
        YamlNode.Scalar s = scalar(key, required, "a number in " + range);
        if (s == null) {
            return required ? failed : def;
        }
        if (s.type() != YamlNode.ScalarType.INTEGER && s.type() != YamlNode.ScalarType.FLOAT) {
            report(s.location(), key, "expected a number in " + range + ", found " + s.describe());
            return failed;
        }
        double v;
        try {
            v = YamlNumbers.parse(s.text());
        } catch (IllegalArgumentException e) {
            report(s.location(), key, e.getMessage() + "; use a number in " + range);
            return failed;
        }
        if (v < min || (minExclusive && v == min) || v > max) {
            report(s.location(), key, s.text() + " is not in " + range);
            return failed;
        }
        return v;
    }

    /**
     * A duration in seconds (number of seconds or a string like "250ms"), in [min, max] seconds.
     *
     * @param def the value of an absent optional field, and of an invalid optional one
     * @return the value; NaN if the field is required and missing or invalid (see {@link #number})
     */
    public double seconds(String key, boolean required, double def, double min, boolean minExclusive, double max) {
        record(key, SchemaRecorder.Kind.DURATION, required, min, minExclusive, max, Double.isFinite(def) ? def : null);
        double v = quantity(key, required, Double.NaN, Quantities.DURATION_FORMS, Quantities::seconds,
                min, minExclusive, max, "s");
        return Double.isNaN(v) && !required ? def : v;
    }

    /** CPU in millicores from cores (number) or "500m". */
    public long cpuMillis(String key, boolean required, long def, long min, long max) {
        record(key, SchemaRecorder.Kind.CPU, required, (double) min, false, (double) max, null);
        return (long) quantity(key, required, def, Quantities.CPU_FORMS,
                t -> (double) Quantities.cpuMillis(t), min, false, max, "m");
    }

    /** Memory in MiB from bytes or "4Gi". */
    public long memoryMiB(String key, boolean required, long def, long min, long max) {
        record(key, SchemaRecorder.Kind.MEMORY, required, (double) min, false, (double) max, null);
        return (long) quantity(key, required, def, Quantities.MEMORY_FORMS,
                t -> (double) Quantities.memoryMiB(t), min, false, max, "Mi");
    }

    private double quantity(String key, boolean required, double def, String forms,
            ToDoubleFunction<String> parse, double min, boolean minExclusive, double max, String unit) {
        YamlNode.Scalar s = scalar(key, required, forms);
        if (s == null) {
            return def;
        }
        if (s.type() == YamlNode.ScalarType.BOOLEAN || s.type() == YamlNode.ScalarType.NULL) {
            report(s.location(), key, "expected " + forms + ", found " + s.describe());
            return def;
        }
        double v;
        try {
            boolean number = s.type() == YamlNode.ScalarType.INTEGER || s.type() == YamlNode.ScalarType.FLOAT;
            v = parse.applyAsDouble(number ? YamlNumbers.plain(s.text()) : s.text());
        } catch (IllegalArgumentException e) {
            report(s.location(), key, e.getMessage() + (e.getMessage().contains("; use ") ? "" : "; use " + forms));
            return def;
        }
        if (!Double.isFinite(v) || v < min || (minExclusive && v == min) || v > max) {
            String range = (minExclusive ? "(" : "[") + fmt(min) + unit + ", " + fmt(max) + unit + "]";
            report(s.location(), key, s.text() + " is not in " + range);
            return def;
        }
        return v;
    }

    /** A nested map, or null (with a problem if required or of the wrong type). */
    public YamlNode.MapNode map(String key, boolean required) {
        record(key, SchemaRecorder.Kind.MAP, required, null, false, null, null);
        YamlNode n = node(key);
        if (n == null) {
            if (required) {
                report(missingAt(key), key, "is required (a map)");
            }
            return null;
        }
        if (!(n instanceof YamlNode.MapNode m)) {
            report(n.location(), key, "expected a map, found " + n.describe());
            return null;
        }
        return m;
    }

    /** Reports every key that was not read as unknown, suggesting the nearest known key. */
    public void finish() {
        SchemaRecorder.closed(path);
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                report(map.keyLocation(key), key, Names.unknown("field", key, known));
            }
        }
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
