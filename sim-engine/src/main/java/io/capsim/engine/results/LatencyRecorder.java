package io.capsim.engine.results;

import io.capsim.engine.kernel.SimTime;
import org.HdrHistogram.Histogram;

/**
 * Records virtual latencies into an HdrHistogram in whole microseconds with three significant
 * decimal digits (relative error at most 0.1%), and keeps the exact sum for the mean. Values above
 * {@link #HIGHEST_MICROS} (a year) are recorded as that value and counted in {@link #clamped()}.
 * Recording allocates nothing.
 */
public final class LatencyRecorder {

    /** Largest value the histogram tracks, in microseconds: 366 days. */
    public static final long HIGHEST_MICROS = 366L * 24 * 3600 * 1_000_000L;

    private final Histogram histogram = new Histogram(1, HIGHEST_MICROS, 3);
    private double sumTicks;
    private long clamped;

    /** Records one latency given in ticks (nanoseconds). */
    public void recordTicks(long ticks) {
        sumTicks += ticks;
        long micros = (ticks + SimTime.MICROSECOND / 2) / SimTime.MICROSECOND;
        if (micros > HIGHEST_MICROS) {
            micros = HIGHEST_MICROS;
            clamped++;
        }
        histogram.recordValue(micros);
    }

    /** Records {@code count} equal latencies of {@code ticks} (nanoseconds) each, in O(1). */
    public void recordTicks(long ticks, long count) {
        if (count <= 0) {
            return;
        }
        sumTicks += (double) ticks * count;
        long micros = (ticks + SimTime.MICROSECOND / 2) / SimTime.MICROSECOND;
        if (micros > HIGHEST_MICROS) {
            micros = HIGHEST_MICROS;
            clamped += count;
        }
        histogram.recordValueWithCount(micros, count);
    }

    /** The histogram, in microseconds. Live: copy it to keep a snapshot. */
    public Histogram histogram() {
        return histogram;
    }

    /** Number of values recorded. */
    public long count() {
        return histogram.getTotalCount();
    }

    /** Exact mean in milliseconds (not quantised by the histogram); NaN when empty. */
    public double meanMillis() {
        long n = histogram.getTotalCount();
        return n == 0 ? Double.NaN : sumTicks / n / SimTime.MILLISECOND;
    }

    /** Number of values above the tracked range. */
    public long clamped() {
        return clamped;
    }
}
