package io.capsim.workloads.trace;

import java.util.Locale;

/** What a trace reader does with a row it cannot use (scenario key {@code onBadRow}). */
public enum BadRowPolicy {
    /** Stop with a {@link TraceFormatException} naming file, line and reason (the default). */
    STOP,
    /** Skip the row and count it in {@link TraceCursor#skippedRows()}. */
    SKIP;

    /** The scenario spelling: {@code stop} or {@code skip}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The policy spelt {@code key}, exactly.
     *
     * @throws IllegalArgumentException if {@code key} is neither {@code stop} nor {@code skip}
     */
    public static BadRowPolicy of(String key) {
        for (BadRowPolicy p : values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("onBadRow: \"" + key + "\" is not one of stop, skip");
    }
}
