package io.capsim.engine.results;

/**
 * The time integral of a piecewise-constant quantity, from a start time on: call
 * {@link #set(long, double)} at every change. Allocates nothing.
 */
public final class TimeWeighted {

    private long start;
    private long last;
    private double value;
    private double area;

    /** Begins integrating at {@code now}, discarding what was integrated before; keeps the value. */
    public void reset(long now) {
        start = now;
        last = now;
        area = 0;
    }

    /** The quantity changes to {@code newValue} at {@code now} (not before the previous change). */
    public void set(long now, double newValue) {
        area += value * (now - last);
        last = now;
        value = newValue;
    }

    /** Adds {@code delta} to the quantity at {@code now}. */
    public void add(long now, double delta) {
        set(now, value + delta);
    }

    /** The current value. */
    public double value() {
        return value;
    }

    /** Time average over [start, now]; the current value when no time has passed. */
    public double average(long now) {
        double a = area + value * (now - last);
        long span = now - start;
        return span > 0 ? a / span : value;
    }
}
