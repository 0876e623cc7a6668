package io.capsim.engine.results;

import io.capsim.engine.kernel.SimTime;
import org.HdrHistogram.Histogram;

/**
 * Records virtual latencies for an HdrHistogram in whole microseconds with three significant
 * decimal digits (relative error at most 0.1%), and keeps the exact sum for the mean. Values above
 * {@link #HIGHEST_MICROS} (a year) are recorded as that value and counted in {@link #clamped()}.
 *
 * <p>Recording, on the serving path, only counts the value in the histogram's own bucket layout
 * ({@link HdrLayout}: an index and an increment); {@link #histogram()} builds the HdrHistogram from
 * the counts, equal to one that recorded every value itself. The counts (about 280 KiB) are
 * allocated at the first record, so a recorder nothing reaches costs nothing. Recording allocates
 * nothing after that.
 */
public final class LatencyRecorder {

    /** Largest value the histogram tracks, in microseconds: 366 days. */
    public static final long HIGHEST_MICROS = 366L * 24 * 3600 * 1_000_000L;

    private static final HdrLayout LAYOUT = new HdrLayout(1, HIGHEST_MICROS, 3);
    // The layout's parameters as constants of the recording path.
    private static final int LZC_BASE = LAYOUT.leadingZeroCountBase();
    private static final long MASK = LAYOUT.subBucketMask();
    private static final int UNIT = LAYOUT.unitMagnitude();
    private static final int HALF_MAG = LAYOUT.subBucketHalfCountMagnitude();

    private long[] counts; // by LAYOUT index; null until the first record
    private long count;
    private long zeros; // values of 0 (a request that did not wait), counted apart: no array access
    private double sumTicks;
    private long clamped;

    /** Records one latency given in ticks (nanoseconds). */
    public void recordTicks(long ticks) {
        if (ticks <= 0) {
            if (ticks < 0) {
                throw new IllegalArgumentException("negative latency " + ticks + " ns");
            }
            zeros++;
            count++;
            return;
        }
        sumTicks += ticks;
        long micros = (ticks + SimTime.MICROSECOND / 2) / SimTime.MICROSECOND;
        if (micros > HIGHEST_MICROS || micros < 0) { // below 0: the rounding overflowed
            micros = HIGHEST_MICROS;
            clamped++;
        }
        long[] c = counts;
        if (c == null) {
            c = counts = new long[LAYOUT.length()];
        }
        c[HdrLayout.index(micros, LZC_BASE, MASK, UNIT, HALF_MAG)]++;
        count++;
    }

    /** Records {@code count} equal latencies of {@code ticks} (nanoseconds) each, in O(1). */
    public void recordTicks(long ticks, long count) {
        if (ticks < 0) {
            throw new IllegalArgumentException("negative latency " + ticks + " ns");
        }
        if (count <= 0) {
            return;
        }
        sumTicks += (double) ticks * count;
        long micros = (ticks + SimTime.MICROSECOND / 2) / SimTime.MICROSECOND;
        if (micros > HIGHEST_MICROS || micros < 0) { // below 0: the rounding overflowed
            micros = HIGHEST_MICROS;
            clamped += count;
        }
        if (counts == null) {
            counts = new long[LAYOUT.length()];
        }
        counts[LAYOUT.index(micros)] += count;
        this.count += count;
    }

    /** A new histogram of what was recorded, in microseconds (1 to {@link #HIGHEST_MICROS}, 3 digits). */
    public Histogram histogram() {
        Histogram h = new Histogram(1, HIGHEST_MICROS, 3);
        if (counts != null) {
            LAYOUT.addTo(counts, h);
        }
        if (zeros > 0) {
            h.recordValueWithCount(0, zeros);
        }
        return h;
    }

    /** Number of values recorded. */
    public long count() {
        return count;
    }

    /** Exact mean in milliseconds (not quantised by the histogram); NaN when empty. */
    public double meanMillis() {
        return count == 0 ? Double.NaN : sumTicks / count / SimTime.MILLISECOND;
    }

    /** Number of values above the tracked range. */
    public long clamped() {
        return clamped;
    }
}
