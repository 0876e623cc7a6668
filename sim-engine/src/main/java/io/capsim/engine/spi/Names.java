package io.capsim.engine.spi;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Helpers for messages about names: suggestions for misspellings. */
public final class Names {

    private Names() {}

    /**
     * An unmodifiable set of names that iterates in the order given: for lists a user reads (allowed
     * values, parameters), which {@code Set.of} would give in an order each JVM draws afresh.
     *
     * @throws IllegalArgumentException if a name is given twice (as {@code Set.of} refuses it: a
     *     list written with a name twice is a mistake, not something to drop silently)
     */
    public static Set<String> ordered(String... names) {
        Set<String> out = new LinkedHashSet<>(Arrays.asList(names));
        if (out.size() != names.length) {
            throw new IllegalArgumentException("a name given twice: " + Arrays.toString(names));
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * {@code unknown KIND "NAME"; did you mean "X"? (allowed: A, B, C)}; the suggestion appears
     * only when a candidate is within a third of the name's length in edit distance.
     */
    public static String unknown(String kind, String name, Collection<String> allowed) {
        StringBuilder sb = new StringBuilder("unknown ").append(kind).append(" \"").append(name).append('"');
        String best = suggest(name, allowed);
        if (best != null) {
            sb.append("; did you mean \"").append(best).append("\"?");
        }
        sb.append(" (allowed: ").append(String.join(", ", allowed)).append(')');
        return sb.toString();
    }

    /**
     * {@code "NAME" is not allowed; did you mean "X"? (allowed: A, B, C)}.
     */
    public static String notAllowed(String name, Collection<String> allowed) {
        StringBuilder sb = new StringBuilder().append('"').append(name).append("\" is not allowed");
        String best = suggest(name, allowed);
        if (best != null) {
            sb.append("; did you mean \"").append(best).append("\"?");
        }
        sb.append(" (allowed: ").append(String.join(", ", allowed)).append(')');
        return sb.toString();
    }

    /** The closest candidate by case-insensitive edit distance, or null if none is close. */
    public static String suggest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = editDistance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int limit = Math.max(2, name.length() / 3);
        return bestDistance <= limit ? best : null;
    }

    /** Levenshtein distance. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
