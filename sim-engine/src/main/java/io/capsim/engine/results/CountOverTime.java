package io.capsim.engine.results;

/**
 * The time integral of a piecewise-constant count (requests in service, requests waiting), from a
 * start time on: call {@link #set(long, long)} or {@link #add(long, long)} at every change. The
 * integral is kept exactly, in count-ticks, as a {@code long} while it fits (spilling into a
 * {@code double} only past 2<sup>62</sup>, or for a count or a span of 2<sup>31</sup> or more),
 * so on a path that changes it every event it costs integer arithmetic, not a conversion and a
 * floating-point multiply-add. Allocates nothing. For quantities that are not whole numbers, see
 * {@link TimeWeighted}.
 */
public final class CountOverTime {

    private static final long SPILL_AT = 1L << 62;

    private long start;
    private long last;
    private long value;
    private long area; // exact, below 2^62
    private double spilled; // what no longer fitted in area

    /** Begins integrating at {@code now}, discarding what was integrated before; keeps the value. */
    public void reset(long now) {
        start = now;
        last = now;
        area = 0;
        spilled = 0;
    }

    /** The count changes to {@code newValue} at {@code now} (not before the previous change). */
    public void set(long now, long newValue) {
        long dt = now - last;
        long v = value;
        if (((v | dt) >>> 31) == 0) { // both in [0, 2^31): the product is below 2^62, the sum below 2^63
            long a = area + v * dt;
            if (a < SPILL_AT) {
                area = a;
            } else {
                spilled += a;
                area = 0;
            }
        } else {
            spilled += (double) v * dt;
        }
        last = now;
        value = newValue;
    }

    /** Adds {@code delta} to the count at {@code now}. */
    public void add(long now, long delta) {
        set(now, value + delta);
    }

    /** The current count. */
    public long value() {
        return value;
    }

    /** Time average over [start, now]; the current count when no time has passed. */
    public double average(long now) {
        long span = now - start;
        if (span <= 0) {
            return value;
        }
        return (spilled + area + (double) value * (now - last)) / span;
    }
}
