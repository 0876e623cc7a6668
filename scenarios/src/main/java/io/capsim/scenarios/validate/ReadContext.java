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
        ReadSettings previous = CURRENT.get();
        CURRENT.set(settings);
        try {
            return read.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
