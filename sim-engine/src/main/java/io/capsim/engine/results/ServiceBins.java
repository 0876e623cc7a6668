package io.capsim.engine.results;

import io.capsim.engine.kernel.SimTime;
import java.util.Arrays;

/**
 * Response times of one service within the current time bin, for {@code timeseries.csv}, in the
 * layout of an HdrHistogram (ticks, over {@link LatencyRecorder}'s range, two significant digits:
 * relative error at most 1%, plenty for a chart). The serving path only counts each value in that
 * layout's array ({@link HdrLayout}: about 20 KiB of int counts, small enough to stay in cache
 * beside the run's own histograms); at each bin boundary the bin's percentiles are read from the
 * counts as HdrHistogram reads them ({@link HdrLayout#valueAtPercentile}), and the counts are
 * cleared, so memory stays the same however long the run.
 * Every completion counts, warm-up included. Recording is O(1) and allocates nothing.
 */
public final class ServiceBins {

    /** Largest value tracked, ticks: {@link LatencyRecorder#HIGHEST_MICROS}. */
    private static final long HIGHEST_TICKS = LatencyRecorder.HIGHEST_MICROS * SimTime.MICROSECOND;
    // Ticks counted as they are (no division on the serving path); values below 1.024 us share
    // the first bucket.
    private static final HdrLayout LAYOUT = new HdrLayout(1024, HIGHEST_TICKS, 2);
    // The layout's parameters as constants of the recording path.
    private static final int LZC_BASE = LAYOUT.leadingZeroCountBase();
    private static final long MASK = LAYOUT.subBucketMask();
    private static final int UNIT = LAYOUT.unitMagnitude();
    private static final int HALF_MAG = LAYOUT.subBucketHalfCountMagnitude();

    private final int[] counts = new int[LAYOUT.length()];
    private long completions;

    /** Records one completed request's response time, in ticks (nanoseconds, not negative). */
    public void completed(long ticks) {
        counts[HdrLayout.index(Math.min(ticks, HIGHEST_TICKS), LZC_BASE, MASK, UNIT, HALF_MAG)]++;
        completions++;
    }

    /** Requests completed in the bin so far. */
    public long completions() {
        return completions;
    }

    /** The response time at percentile {@code p} (0-100) in the bin, milliseconds; NaN without completions. */
    public double percentileMillis(double p) {
        if (completions == 0) {
            return Double.NaN;
        }
        return LAYOUT.valueAtPercentile(counts, completions, p) / (double) SimTime.MILLISECOND;
    }

    /** Starts the next bin. */
    public void reset() {
        if (completions > 0) {
            Arrays.fill(counts, 0);
        }
        completions = 0;
    }
}
