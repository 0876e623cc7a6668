package io.capsim.scenarios.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that remembers where it was written, so that every message about it can
 * name the file, line and column.
 */
public sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {

    /** Where the value starts. */
    Location location();

    /** A short name of the node's type for messages: "a map", "a list", "a number"... */
    String describe();

    /**
     * A deep copy whose root is located at {@code at} (where an alias to this value is written);
     * the nodes below keep their own locations.
     *
     * @param budget values the copy may still hold; decremented by the number copied
     * @return the copy, or null if it would hold more than {@code budget[0]} values
     */
    YamlNode copyAt(Location at, int[] budget);

    /** A mapping; keys keep their written order. */
    final class MapNode implements YamlNode {
        private final Location location;
        private final Map<String, YamlNode> entries = new LinkedHashMap<>();
        private final Map<String, Location> keyLocations = new LinkedHashMap<>();
        private final Map<String, Location> removedAt = new LinkedHashMap<>();

        public MapNode(Location location) {
            this.location = location;
        }

        @Override
        public MapNode copyAt(Location at, int[] budget) {
            if (--budget[0] < 0) {
                return null;
            }
            MapNode m = new MapNode(at);
            for (Map.Entry<String, YamlNode> e : entries.entrySet()) {
                YamlNode c = e.getValue().copyAt(e.getValue().location(), budget);
                if (c == null) {
                    return null;
                }
                m.put(e.getKey(), keyLocations.get(e.getKey()), c);
            }
            return m;
        }

        @Override
        public Location location() {
            return location;
        }

        @Override
        public String describe() {
            return "a map";
        }

        /** Entries in written order (read-only). */
        public Map<String, YamlNode> entries() {
            return Collections.unmodifiableMap(entries);
        }

        /** The value under {@code key}, or null. */
        public YamlNode get(String key) {
            return entries.get(key);
        }

        /** Where {@code key} itself is written (for unknown-key messages). */
        public Location keyLocation(String key) {
            return keyLocations.getOrDefault(key, location);
        }

        /** Removes an entry, if present. */
        public void remove(String key) {
            entries.remove(key);
            keyLocations.remove(key);
        }

        /**
         * Removes an entry on behalf of {@code by} (a {@code --set PATH=null}), remembering where,
         * so that a message about the now missing field can point there.
         */
        public void remove(String key, Location by) {
            remove(key);
            removedAt.put(key, by);
        }

        /** Where {@code key} was removed by {@link #remove(String, Location)}, or null. */
        public Location removedAt(String key) {
            return entries.containsKey(key) ? null : removedAt.get(key);
        }

        /** Puts or replaces an entry. */
        public void put(String key, Location keyLocation, YamlNode value) {
            entries.put(key, value);
            keyLocations.put(key, keyLocation);
        }
    }

    /** A sequence. */
    final class ListNode implements YamlNode {
        private final Location location;
        private final List<YamlNode> items = new ArrayList<>();

        public ListNode(Location location) {
            this.location = location;
        }

        @Override
        public Location location() {
            return location;
        }

        @Override
        public String describe() {
            return "a list";
        }

        @Override
        public ListNode copyAt(Location at, int[] budget) {
            if (--budget[0] < 0) {
                return null;
            }
            ListNode l = new ListNode(at);
            for (YamlNode n : items) {
                YamlNode c = n.copyAt(n.location(), budget);
                if (c == null) {
                    return null;
                }
                l.add(c);
            }
            return l;
        }

        /** Items in order (read-only). */
        public List<YamlNode> items() {
            return Collections.unmodifiableList(items);
        }

        void add(YamlNode n) {
            items.add(n);
        }

        /** Replaces item {@code k}, or appends when {@code k} is the size. */
        void set(int k, YamlNode n) {
            if (k == items.size()) {
                items.add(n);
            } else {
                items.set(k, n);
            }
        }

        /** A copy located at {@code at} without item {@code k} (later items move up). */
        ListNode without(int k, Location at) {
            ListNode l = new ListNode(at);
            for (int i = 0; i < items.size(); i++) {
                if (i != k) {
                    l.add(items.get(i));
                }
            }
            return l;
        }
    }

    /** The type YAML resolved a scalar to. */
    enum ScalarType {
        STRING("a string"),
        INTEGER("an integer"),
        FLOAT("a number"),
        BOOLEAN("a boolean"),
        NULL("null");

        final String description;

        ScalarType(String description) {
            this.description = description;
        }
    }

    /**
     * A scalar with its resolved type and text as written.
     *
     * @param type resolved type
     * @param text text of the value (for null, "null")
     * @param location where it is written
     */
    record Scalar(ScalarType type, String text, Location location) implements YamlNode {
        @Override
        public String describe() {
            return type.description + " (" + text + ")";
        }

        @Override
        public Scalar copyAt(Location at, int[] budget) {
            return --budget[0] < 0 ? null : new Scalar(type, text, at);
        }
    }
}
