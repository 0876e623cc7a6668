package io.capsim.reports.compare;

import java.util.Locale;

/** Which way a metric should move. */
public enum Direction {
    /** Lower is better (latencies, waits, failures, rejections, pending pods, cost). */
    LOWER,
    /** Higher is better (throughput, completed work). */
    HIGHER,
    /** Informational: reported, never a regression. */
    NONE;

    /** The name used in tolerance files: {@code lower}, {@code higher}, {@code none}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The default direction of a metric, from its pointer's names (case-insensitive):
     * <ol>
     *   <li>a leaf named {@code count} is informational;
     *   <li>lower is better for a {@code mean}, {@code pNN} or {@code max} leaf of a latency object
     *       (a parent named {@code ...Ms} or {@code ...Seconds}, such as {@code latencyMs}), and for
     *       any pointer with a name containing {@code latency}, {@code wait}, {@code delay},
     *       {@code fail}, {@code reject}, {@code pending} or {@code cost};
     *   <li>higher is better for a name containing {@code throughput}, or a leaf named
     *       {@code completed};
     *   <li>anything else is informational.
     * </ol>
     */
    public static Direction byName(String pointer) {
        String[] t = pointer.split("/", -1);
        String leaf = t[t.length - 1];
        if (leaf.equalsIgnoreCase("count")) {
            return NONE;
        }
        String parent = t.length >= 2 ? t[t.length - 2] : "";
        if ((parent.endsWith("Ms") || parent.endsWith("Seconds")) && leaf.matches("mean|max|p[0-9]+")) {
            return LOWER;
        }
        String lower = pointer.toLowerCase(Locale.ROOT);
        for (String w : new String[] {"latency", "wait", "delay", "fail", "reject", "pending", "cost"}) {
            if (lower.contains(w)) {
                return LOWER;
            }
        }
        if (lower.contains("throughput") || leaf.equalsIgnoreCase("completed")) {
            return HIGHER;
        }
        return NONE;
    }
}
