package io.capsim.engine.results;

import io.capsim.engine.kernel.SimTime;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Response times of one service within the current time bin, for {@code timeseries.csv}: one
 * HdrHistogram (microseconds, over {@link LatencyRecorder}'s range) that is read at each bin
 * boundary and then reset, so memory stays the same however long the run. Two significant digits
 * (relative error at most 1%, plenty for a chart) and int counts keep it at about 20 KiB, small
 * enough to stay in cache beside the run's own 3-digit histogram on the serving path. Recording is
 * O(1) and allocates nothing; every completion counts, warm-up included.
 */
public final class ServiceBins {

    private final IntCountsHistogram latency = new IntCountsHistogram(1, LatencyRecorder.HIGHEST_MICROS, 2);

    /** Records one completed request's response time, in ticks (nanoseconds). */
    public void completed(long ticks) {
        long micros = (ticks + SimTime.MICROSECOND / 2) / SimTime.MICROSECOND;
        latency.recordValue(Math.min(Math.max(micros, 0), LatencyRecorder.HIGHEST_MICROS));
    }

    /** Requests completed in the bin so far. */
    public long completions() {
        return latency.getTotalCount();
    }

    /** The response time at percentile {@code p} (0-100) in the bin, milliseconds; NaN without completions. */
    public double percentileMillis(double p) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(p) / 1000.0;
    }

    /** Starts the next bin. */
    public void reset() {
        latency.reset();
    }
}
