package io.capsim.engine.results;

import io.capsim.engine.kernel.SimTime;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Response times of one service within the current time bin, for {@code timeseries.csv}: one
 * HdrHistogram (ticks, over {@link LatencyRecorder}'s range) that is read at each bin
 * boundary and then reset, so memory stays the same however long the run. Two significant digits
 * (relative error at most 1%, plenty for a chart) and int counts keep it at about 20 KiB, small
 * enough to stay in cache beside the run's own 3-digit histogram on the serving path. Recording is
 * O(1) and allocates nothing; every completion counts, warm-up included.
 */
public final class ServiceBins {

    /** Largest value tracked, ticks: {@link LatencyRecorder#HIGHEST_MICROS}. */
    private static final long HIGHEST_TICKS = LatencyRecorder.HIGHEST_MICROS * SimTime.MICROSECOND;

    // Ticks recorded as they are (no division on the serving path); values below 1.024 us share
    // the first bucket, which HdrHistogram shifts away internally.
    private final IntCountsHistogram latency = new IntCountsHistogram(1024, HIGHEST_TICKS, 2);

    /** Records one completed request's response time, in ticks (nanoseconds, not negative). */
    public void completed(long ticks) {
        latency.recordValue(Math.min(ticks, HIGHEST_TICKS));
    }

    /** Requests completed in the bin so far. */
    public long completions() {
        return latency.getTotalCount();
    }

    /** The response time at percentile {@code p} (0-100) in the bin, milliseconds; NaN without completions. */
    public double percentileMillis(double p) {
        return latency.getTotalCount() == 0 ? Double.NaN
                : latency.getValueAtPercentile(p) / (double) SimTime.MILLISECOND;
    }

    /** Starts the next bin. */
    public void reset() {
        latency.reset();
    }
}
