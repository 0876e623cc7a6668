package io.capsim.engine.results;

import java.util.Arrays;

/**
 * Response times of one service within the current time bin, for {@code timeseries.csv}: counts
 * in {@link LatencyRecorder}'s layout (microseconds, three significant digits) made eight times
 * coarser, which is the layout of an HdrHistogram of microseconds with a lowest discernible value
 * of 8 and two significant digits: relative error at most 1/128 from 2.048 ms up and 8 µs below
 * it, plenty for a chart.
 * A completion the service also records in its response-time recorder is counted at the index that
 * recorder returned ({@link #counted}), so the serving path places a value once for both; others
 * (warm-up, or a response time that differs from the recorder's) are placed here ({@link
 * #completed}). The counts are about 18 KiB of ints, small enough to stay in cache beside the
 * run's own histograms; at each bin boundary the bin's percentiles are read from them as
 * HdrHistogram reads them ({@link HdrLayout#valueAtPercentile(int[], long, double, int)}) and
 * they are cleared, so memory stays the same however long the run. Every completion counts,
 * warm-up included. Recording is O(1) and allocates nothing.
 */
public final class ServiceBins {

    /** The counts are {@link LatencyRecorder}'s layout coarsened by 2^SHIFT. */
    static final int SHIFT = 3;

    private final int[] counts = new int[((LatencyRecorder.layoutLength() - 1) >> SHIFT) + 1];
    private long completions;

    /** Records one completed request's response time, in ticks (nanoseconds, not negative). */
    public void completed(long ticks) {
        counted(LatencyRecorder.indexOfTicks(ticks));
    }

    /**
     * Records one completed request whose response time has {@code index} in {@link
     * LatencyRecorder}'s layout (as {@link LatencyRecorder#recordTicksAt} returned it).
     */
    public void counted(int index) {
        counts[index >> SHIFT]++;
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
        return LatencyRecorder.valueAtPercentile(counts, SHIFT, completions, p) / 1000.0;
    }

    /** Starts the next bin. */
    public void reset() {
        if (completions > 0) {
            Arrays.fill(counts, 0);
        }
        completions = 0;
    }
}
