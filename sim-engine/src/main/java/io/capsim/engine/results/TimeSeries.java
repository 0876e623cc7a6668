package io.capsim.engine.results;

import java.util.Arrays;

/**
 * A step function sampled over virtual time: (time, value) points in time order, in primitive
 * arrays. A second point at the same time replaces the first.
 */
public final class TimeSeries {

    private final String name;
    private final String unit;
    private long[] times;
    private double[] values;
    private int size;

    /** An empty series. */
    public TimeSeries(String name, String unit) {
        this(name, unit, 64);
    }

    /**
     * An empty series with room for {@code points} points before it grows (a sampler that knows
     * how many it takes allocates them once).
     */
    public TimeSeries(String name, String unit, int points) {
        this.name = name;
        this.unit = unit;
        times = new long[Math.max(1, points)];
        values = new double[times.length];
    }

    /** Name, for example {@code pending-pods}. */
    public String name() {
        return name;
    }

    /** Unit of the values, for example {@code pods} or {@code ratio}. */
    public String unit() {
        return unit;
    }

    /**
     * Appends a point.
     *
     * @throws IllegalArgumentException if {@code time} is before the last point
     */
    public void record(long time, double value) {
        if (size > 0 && time < times[size - 1]) {
            throw new IllegalArgumentException("time " + time + " before " + times[size - 1]);
        }
        if (size > 0 && time == times[size - 1]) {
            values[size - 1] = value;
            return;
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = time;
        values[size] = value;
        size++;
    }

    /** Number of points. */
    public int size() {
        return size;
    }

    /** Time of point {@code k}, ticks. */
    public long time(int k) {
        return times[k];
    }

    /** Value of point {@code k}. */
    public double value(int k) {
        return values[k];
    }

    /** Value of the last point, or NaN. */
    public double last() {
        return size == 0 ? Double.NaN : values[size - 1];
    }

    /** Copy of the times. */
    public long[] times() {
        return Arrays.copyOf(times, size);
    }

    /** Copy of the values. */
    public double[] values() {
        return Arrays.copyOf(values, size);
    }
}
