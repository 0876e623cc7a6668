package io.capsim.engine.kernel;

/**
 * Conversions between virtual-time ticks and physical units. One tick is one nanosecond, so a
 * {@code long} spans about 292 years of simulated time. Convert at the edges only (scenario input,
 * reports); the engine computes in ticks.
 */
public final class SimTime {

    /** Ticks per microsecond. */
    public static final long MICROSECOND = 1_000L;
    /** Ticks per millisecond. */
    public static final long MILLISECOND = 1_000_000L;
    /** Ticks per second. */
    public static final long SECOND = 1_000_000_000L;

    private SimTime() {}

    /**
     * Ticks nearest to a duration in seconds.
     *
     * @throws IllegalArgumentException if the value is not finite, negative, or too large for a long
     */
    public static long ofSeconds(double seconds) {
        if (!(seconds >= 0) || seconds * SECOND >= 0x1p63) {
            throw new IllegalArgumentException("duration of " + seconds + " s is not in [0, 9.2e9] s");
        }
        return Math.round(seconds * SECOND);
    }

    /** Seconds in a tick count. */
    public static double toSeconds(long ticks) {
        return ticks / (double) SECOND;
    }

    /** Milliseconds in a tick count. */
    public static double toMillis(long ticks) {
        return ticks / (double) MILLISECOND;
    }
}
