package io.capsim.scenarios.validate;

import java.util.function.Supplier;

/**
 * The {@link ReadSettings} of the scenario read running on this thread. The field readers are
 * called with a map, a path and a {@link Problems} collector; the settings reach the few that
 * need them (trace files, list files) through here, set for exactly the duration of one
 * {@link ScenarioReader#readDocument} call.
 */
final class ReadContext {

    private static final ThreadLocal<ReadSettings> CURRENT = new ThreadLocal<>();

    private ReadContext() {}

    /** The settings of the read in progress, or the defaults outside one. */
    static ReadSettings current() {
        ReadSettings s = CURRENT.get();
        return s == null ? ReadSettings.DEFAULTS : s;
    }

    /** Runs {@code read} with {@code settings} current, restoring the previous ones after. */
    static <T> T with(ReadSettings settings, Supplier<T> read) {
        return scoped(CURRENT, settings, read);
    }

    /** Runs {@code body} with {@code local} set to {@code value}, restoring its previous value after. */
    static <V, T> T scoped(ThreadLocal<V> local, V value, Supplier<T> body) {
        V previous = local.get();
        local.set(value);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                local.remove();
            } else {
                local.set(previous);
            }
        }
    }
}
