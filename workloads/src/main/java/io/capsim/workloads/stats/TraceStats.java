package io.capsim.workloads.stats;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.TraceCursor;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Summary statistics of an arrival stream, for {@code capsim trace inspect}: counts, time span,
 * mean and peak rates, burstiness, and size percentiles. Computed in one pass; memory is O(1)
 * except for the per-minute count series (one long per minute of span) that the rate-over-time
 * plot needs, and one bounded histogram per size field.
 *
 * <p>Rates are counted in bins of 1 s and 60 s aligned at time 0 of the stream, from the bin of the
 * first arrival to the bin of the last (empty bins in between count as 0).
 *
 * @param rows arrivals read
 * @param skippedRows bad rows skipped by a trace reader ({@code onBadRow: skip}), else 0
 * @param filteredRows rows left out by the format's rule (for example never-run requests), else 0
 * @param firstTicks time of the first arrival, ticks (0 when there is none)
 * @param lastTicks time of the last arrival, ticks
 * @param meanRatePerSecond rows / span, arrivals per second (NaN if the span is 0)
 * @param peakPerSecond most arrivals in one 1-s bin
 * @param peakPerMinute most arrivals in one 60-s bin
 * @param dispersionPerSecond index of dispersion (variance / mean) of the 1-s bin counts; 1 for
 *     Poisson arrivals, above 1 for bursty ones (NaN with fewer than 2 bins)
 * @param dispersionPerMinute index of dispersion of the 60-s bin counts
 * @param interArrivalMeanSeconds mean gap between consecutive arrivals, s (NaN if rows &lt; 2)
 * @param interArrivalCv coefficient of variation of the gaps (1 for Poisson; NaN if rows &lt; 3)
 * @param sizes per size field that any arrival carries, its distribution
 * @param perMinute arrivals per 60-s bin, from the first arrival's bin; copied
 */
public record TraceStats(long rows, long skippedRows, long filteredRows, long firstTicks, long lastTicks,
        double meanRatePerSecond, long peakPerSecond, long peakPerMinute, double dispersionPerSecond,
        double dispersionPerMinute, double interArrivalMeanSeconds, double interArrivalCv,
        Map<ArrivalField, SizeStats> sizes, long[] perMinute) {

    /** Size fields summarised, in this order. */
    public static final List<ArrivalField> SIZE_FIELDS = List.of(ArrivalField.WORK, ArrivalField.INPUT_TOKENS,
            ArrivalField.OUTPUT_TOKENS, ArrivalField.CPU_MILLIS, ArrivalField.MEMORY_MIB, ArrivalField.GPU_MILLIS);

    public TraceStats {
        sizes = java.util.Collections.unmodifiableMap(new EnumMap<>(sizes.isEmpty()
                ? new EnumMap<ArrivalField, SizeStats>(ArrivalField.class) : sizes));
        perMinute = perMinute.clone();
    }

    /** Span from the first to the last arrival, in seconds. */
    public double spanSeconds() {
        return SimTime.toSeconds(lastTicks - firstTicks);
    }

    /** Mean arrivals per minute. */
    public double meanRatePerMinute() {
        return meanRatePerSecond * 60;
    }

    /** Arrivals per 60-s bin from the first arrival's bin (a copy). */
    @Override
    public long[] perMinute() {
        return perMinute.clone();
    }

    /** Start of the first per-minute bin, in ticks. */
    public long perMinuteStartTicks() {
        return firstTicks / (60 * SimTime.SECOND) * (60 * SimTime.SECOND);
    }

    /**
     * The distribution of one size field, in its canonical unit ({@link ArrivalField#unit()}).
     * Percentiles come from an HdrHistogram with 3 significant digits, so they are exact below
     * 2,048 and within 0.1% above.
     */
    public record SizeStats(ArrivalField field, long count, double mean, long min, long p50, long p90, long p99,
            long p999, long max) {
        public SizeStats {
            Objects.requireNonNull(field, "field");
        }
    }

    /** Reads {@code c} to its end (and closes it). */
    public static TraceStats of(ArrivalCursor c) {
        return of(c, Long.MAX_VALUE);
    }

    /**
     * Reads at most {@code maxRows} arrivals of {@code c} (an unbounded synthetic stream needs a
     * limit), then closes it. The arrivals may span at most 366 days (the per-minute series grows
     * with the span).
     */
    public static TraceStats of(ArrivalCursor c, long maxRows) {
        return of(c, maxRows, 366 * 86_400 * SimTime.SECOND);
    }

    /**
     * Reads at most {@code maxRows} arrivals of {@code c}, then closes it.
     *
     * @param maxSpanTicks the longest span from the first arrival to the last: the per-minute
     *     series holds one count per minute of it
     * @throws IllegalArgumentException if an arrival lies further from the first than that (a
     *     trace reader stops earlier, at its {@code trace-horizon} limit, with file and line)
     */
    public static TraceStats of(ArrivalCursor c, long maxRows, long maxSpanTicks) {
        Accumulator a = new Accumulator();
        try (c) {
            while (a.rows < maxRows && c.advance()) {
                if (a.rows > 0 && (c.timeTicks() - a.first > maxSpanTicks || c.timeTicks() - a.first < 0)) {
                    throw new IllegalArgumentException("arrival at " + SimTime.toSeconds(c.timeTicks())
                            + " s is more than " + SimTime.toSeconds(maxSpanTicks) + " s after the first");
                }
                a.add(c);
            }
            if (c instanceof TraceCursor t) {
                a.skipped = t.skippedRows();
                a.filtered = t.filteredRows();
            }
        }
        return a.result();
    }

    /** A human-readable summary, numbers formatted with {@link Locale#ROOT}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "rows              %d%n", rows));
        if (skippedRows > 0 || filteredRows > 0) {
            sb.append(String.format(Locale.ROOT, "skipped (bad)     %d%nleft out (rule)   %d%n", skippedRows,
                    filteredRows));
        }
        sb.append(String.format(Locale.ROOT, "span              %.3f s (first %.3f s, last %.3f s)%n", spanSeconds(),
                SimTime.toSeconds(firstTicks), SimTime.toSeconds(lastTicks)));
        sb.append(String.format(Locale.ROOT, "mean rate         %.4f /s, %.2f /min%n", meanRatePerSecond,
                meanRatePerMinute()));
        sb.append(String.format(Locale.ROOT, "peak rate         %d /s, %d /min%n", peakPerSecond, peakPerMinute));
        sb.append(String.format(Locale.ROOT, "dispersion (IDC)  %.3f (1-s bins), %.3f (60-s bins)%n",
                dispersionPerSecond, dispersionPerMinute));
        sb.append(String.format(Locale.ROOT, "inter-arrival     mean %.6f s, CV %.3f%n", interArrivalMeanSeconds,
                interArrivalCv));
        for (SizeStats s : sizes.values()) {
            sb.append(String.format(Locale.ROOT, "%-17s n %d, mean %.2f, min %d, p50 %d, p90 %d, p99 %d, p99.9 %d,"
                    + " max %d (%s)%n", s.field().key(), s.count(), s.mean(), s.min(), s.p50(), s.p90(), s.p99(),
                    s.p999(), s.max(), s.field().unit()));
        }
        return sb.toString();
    }

    /** One-pass state. */
    private static final class Accumulator {
        private static final long SECOND = SimTime.SECOND;
        private static final long MINUTE = 60 * SimTime.SECOND;

        long rows;
        long skipped;
        long filtered;
        long first;
        long last;
        // gaps: Welford
        long gaps;
        double gapMean;
        double gapM2;
        final Bins perSecond = new Bins(SECOND);
        final Bins perMinuteBins = new Bins(MINUTE);
        long[] minuteSeries = new long[64];
        long firstMinute;
        final Histogram[] histograms = new Histogram[SIZE_FIELDS.size()];
        final double[] sums = new double[SIZE_FIELDS.size()];

        void add(ArrivalCursor c) {
            long t = c.timeTicks();
            if (rows == 0) {
                first = t;
                firstMinute = t / MINUTE;
            } else {
                double gap = t - last;
                gaps++;
                double d = gap - gapMean;
                gapMean += d / gaps;
                gapM2 += d * (gap - gapMean);
            }
            last = t;
            rows++;
            perSecond.add(t);
            perMinuteBins.add(t);
            long m = t / MINUTE - firstMinute;
            if (m >= minuteSeries.length) {
                minuteSeries = Arrays.copyOf(minuteSeries, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(m + 1, 2L * minuteSeries.length)));
            }
            minuteSeries[(int) m]++;
            for (int i = 0; i < histograms.length; i++) {
                long v = SIZE_FIELDS.get(i).of(c);
                if (v >= 0) {
                    if (histograms[i] == null) {
                        histograms[i] = new Histogram(3);
                    }
                    histograms[i].recordValue(v);
                    sums[i] += v;
                }
            }
        }

        TraceStats result() {
            perSecond.finish();
            perMinuteBins.finish();
            Map<ArrivalField, SizeStats> sizes = new EnumMap<>(ArrivalField.class);
            for (int i = 0; i < histograms.length; i++) {
                Histogram h = histograms[i];
                if (h != null) {
                    long n = h.getTotalCount();
                    sizes.put(SIZE_FIELDS.get(i), new SizeStats(SIZE_FIELDS.get(i), n, sums[i] / n, h.getMinValue(),
                            h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                            h.getValueAtPercentile(99.9), h.getMaxValue()));
                }
            }
            double span = SimTime.toSeconds(last - first);
            long minutes = rows == 0 ? 0 : last / MINUTE - firstMinute + 1;
            double gapVar = gaps > 1 ? gapM2 / (gaps - 1) : Double.NaN;
            return new TraceStats(rows, skipped, filtered, first, last, span > 0 ? rows / span : Double.NaN,
                    perSecond.peak, perMinuteBins.peak, perSecond.dispersion(), perMinuteBins.dispersion(),
                    gaps > 0 ? gapMean / SimTime.SECOND : Double.NaN,
                    gaps > 1 ? Math.sqrt(gapVar) / gapMean : Double.NaN, sizes,
                    Arrays.copyOf(minuteSeries, (int) minutes));
        }
    }

    /** Counts per bin of a sorted stream, streaming: peak, and sum and sum of squares over bins. */
    private static final class Bins {
        private final long width;
        private long bin = Long.MIN_VALUE;
        private long count;
        private long bins;
        private double sum;
        private double sumSquares;
        long peak;

        Bins(long width) {
            this.width = width;
        }

        void add(long t) {
            long b = t / width;
            if (b != bin) {
                if (bin != Long.MIN_VALUE) {
                    close();
                    bins += b - bin - 1; // empty bins in between
                }
                bin = b;
                count = 0;
            }
            count++;
        }

        private void close() {
            bins++;
            sum += count;
            sumSquares += (double) count * count;
            peak = Math.max(peak, count);
        }

        void finish() {
            if (bin != Long.MIN_VALUE) {
                close();
                bin = Long.MIN_VALUE;
            }
        }

        double dispersion() {
            if (bins < 2) {
                return Double.NaN;
            }
            double mean = sum / bins;
            double var = (sumSquares - bins * mean * mean) / (bins - 1);
            return var / mean;
        }
    }
}
