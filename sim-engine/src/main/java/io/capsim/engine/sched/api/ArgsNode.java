package io.capsim.engine.sched.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's {@code args} as the user wrote them, before any plugin has read them: maps (in the
 * written order), lists and scalars, independent of the file format. Each plugin's factory decodes
 * its own typed args from it ({@link io.capsim.engine.sched.api.PluginFactory#decode}).
 */
public sealed interface ArgsNode {

    /** What was written, for messages: {@code a map}, {@code a list}, {@code the string "x"}, {@code 3}. */
    String describe();

    /** A map of keys to nodes, in the written order. */
    record MapNode(Map<String, ArgsNode> entries) implements ArgsNode {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** A list. */
    record ListNode(List<ArgsNode> items) implements ArgsNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar: its text and what kind of scalar the format said it was. */
    record Scalar(String text, Kind kind) implements ArgsNode {
        /** Scalar kinds. */
        public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the string \"" + text + "\"";
                case NUMBER, BOOLEAN -> text;
                case NULL -> "null";
            };
        }
    }
}
