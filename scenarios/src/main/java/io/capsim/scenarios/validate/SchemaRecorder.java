package io.capsim.scenarios.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Watches the scenario readers while they read a document, recording every field they ask a
 * {@link Fields} for (its kind, whether it is required, range, allowed values, pattern), which
 * maps are keyed by name and which maps refuse unknown keys. {@link ScenarioSchema} turns the
 * recording into a JSON Schema, so the schema is whatever the readers accept: a field added to a
 * reader shows up in it without anything else to edit. Idle (one thread-local read per field)
 * outside {@link #record}.
 */
final class SchemaRecorder {

    /** What a reader asked for. */
    enum Kind { ANY, BOOLEAN, STRING, CHOICE, INTEGER, NUMBER, DURATION, CPU, MEMORY, MAP, LIST_OF_MAPS,
        LIST_OF_STRINGS, LABELS, PARAMETER }

    /**
     * One field as a reader reads it.
     *
     * @param min lower bound, or null; {@code minExclusive} excludes it
     * @param max upper bound, or null
     * @param allowed the allowed strings of a {@link Kind#CHOICE}, else empty
     * @param pattern a regular expression a string must match, or null; {@code patternText} says it in words
     * @param def the default of an optional field (Boolean, Long, Double or String), or null
     * @param note a description the reader gives (process parameters), or null
     */
    record FieldSpec(Kind kind, boolean required, Double min, boolean minExclusive, Double max, List<String> allowed,
            String pattern, String patternText, Object def, String note) {
        FieldSpec {
            allowed = List.copyOf(allowed);
        }

        static FieldSpec of(Kind kind, boolean required) {
            return new FieldSpec(kind, required, null, false, null, List.of(), null, null, null, null);
        }
    }

    /** The fields read from one map (by normalised path), and whether unknown keys are refused there. */
    static final class ObjectSpec {
        final Map<String, List<FieldSpec>> fields = new LinkedHashMap<>();
        /** Maps read at this path, and in how many of them each key was required. */
        int instances;
        final Map<String, Integer> requiredIn = new LinkedHashMap<>();
        boolean closed;
        /** Values of keys the reader takes whatever their name (extended resources), or null. */
        FieldSpec otherKeys;
        String otherKeysPattern;

        void add(String key, FieldSpec spec) {
            List<FieldSpec> list = fields.computeIfAbsent(key, k -> new ArrayList<>());
            for (FieldSpec old : list) {
                if (old.kind() == spec.kind()) {
                    return;
                }
            }
            list.add(spec);
        }

        /** True if every map read at this path required the key. */
        boolean required(String key) {
            return instances > 0 && requiredIn.getOrDefault(key, 0) >= instances;
        }
    }

    /** A recording: objects by normalised path ({@code *} for a name, {@code []} for a list item). */
    static final class Recording {
        final Map<String, ObjectSpec> objects = new LinkedHashMap<>();
        final Set<String> namedMaps = new LinkedHashSet<>();

        ObjectSpec object(String rawPath) {
            return objects.computeIfAbsent(normalise(rawPath), k -> new ObjectSpec());
        }

        /** The path with names under a named map replaced by {@code *} and list indexes by {@code []}. */
        String normalise(String rawPath) {
            if (rawPath.isEmpty()) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            for (String seg : rawPath.split("\\.", -1)) {
                String s = seg.replaceAll("\\[\\d+]", "[]");
                if (namedMaps.contains(out.toString())) {
                    int bracket = s.indexOf('[');
                    s = "*" + (bracket < 0 ? "" : s.substring(bracket));
                }
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(s);
            }
            return out.toString();
        }
    }

    private static final ThreadLocal<Recording> CURRENT = new ThreadLocal<>();

    private SchemaRecorder() {}

    /** Runs {@code read} while recording into {@code into}. */
    static <T> T record(Recording into, Supplier<T> read) {
        return ReadContext.scoped(CURRENT, into, read);
    }

    static boolean active() {
        return CURRENT.get() != null;
    }

    static void field(String mapPath, String key, FieldSpec spec) {
        Recording r = CURRENT.get();
        if (r != null) {
            r.object(mapPath).add(key, spec);
        }
    }

    static void field(String mapPath, String key, Kind kind, boolean required) {
        field(mapPath, key, FieldSpec.of(kind, required));
    }

    /** A map is read at {@code mapPath}. */
    static void instance(String mapPath) {
        Recording r = CURRENT.get();
        if (r != null) {
            r.object(mapPath).instances++;
        }
    }

    /** A map read at {@code mapPath} requires {@code key} (counted once per map). */
    static void requiredIn(String mapPath, String key) {
        Recording r = CURRENT.get();
        if (r != null) {
            r.object(mapPath).requiredIn.merge(key, 1, Integer::sum);
        }
    }

    /** A map that reports unknown keys. */
    static void closed(String mapPath) {
        Recording r = CURRENT.get();
        if (r != null) {
            r.object(mapPath).closed = true;
        }
    }

    /** A map whose keys are names (pools, services, ...), each holding a map. */
    static void named(String mapPath) {
        Recording r = CURRENT.get();
        if (r != null) {
            r.namedMaps.add(r.normalise(mapPath));
        }
    }

    /** A map that takes keys matching {@code keyPattern} beside its fields, each value as {@code spec}. */
    static void otherKeys(String mapPath, String keyPattern, FieldSpec spec) {
        Recording r = CURRENT.get();
        if (r != null) {
            ObjectSpec o = r.object(mapPath);
            o.otherKeys = spec;
            o.otherKeysPattern = keyPattern;
        }
    }
}
