package io.capsim.engine.results;

import io.capsim.engine.kernel.SimTime;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Records virtual latencies for an HdrHistogram in whole microseconds with three significant
 * decimal digits (relative error at most 0.1%), and keeps the exact sum for the mean. Values above
 * {@link #HIGHEST_MICROS} (a year) are recorded as that value and counted in {@link #clamped()}.
 *
 * <p>Recording, on the serving path, only counts the value in the histogram's own bucket layout
 * ({@link HdrLayout}: an index and an increment); {@link #histogram()} builds the HdrHistogram from
 * the counts, equal to one that recorded every value itself. The counts are allocated at the first
 * record (a recorder nothing reaches costs nothing) as far as values below
 * {@link #FIRST_RANGE_MICROS} (about 140 KiB), and grown by a value above it as far as 16 times that
 * value (the whole range takes about 290 KiB). Fresh memory is dear on a virtual machine (every new page
 * faults when it is first touched), so the built histogram too ends at the highest value recorded.
 * Recording allocates nothing else.
 */
public final class LatencyRecorder {

    /** Largest value the histogram tracks, in microseconds: 366 days. */
    public static final long HIGHEST_MICROS = 366L * 24 * 3600 * 1_000_000L;

    private static final HdrLayout LAYOUT = new HdrLayout(1, HIGHEST_MICROS, 3);
    // Latencies from here on round to more than HIGHEST_MICROS whole microseconds (or overflow the
    // rounding): they are recorded as HIGHEST_MICROS and counted as clamped.
    private static final long CLAMP_TICKS = (HIGHEST_MICROS + 1) * SimTime.MICROSECOND - SimTime.MICROSECOND / 2;
    // The layout's parameters as constants of the recording path.
    private static final int LZC_BASE = LAYOUT.leadingZeroCountBase();
    private static final long MASK = LAYOUT.subBucketMask();
    private static final int UNIT = LAYOUT.unitMagnitude();
    private static final int HALF_MAG = LAYOUT.subBucketHalfCountMagnitude();

    /**
     * Values below this (2^26 microseconds, about 67 seconds) fit the counts as first allocated,
     * enough for request latencies.
     */
    static final long FIRST_RANGE_MICROS = 1L << 26;
    private static final int HEADROOM_BUCKETS = 4;
    private static final long[] NONE = {};

    private final int firstLength; // counts allocated at the first record
    private long[] counts = NONE; // by LAYOUT index, as far as the highest value recorded needs
    private long count;
    private long zeros; // values of 0 (a request that did not wait), counted apart: no array access
    private double sumTicks;
    private long clamped;

    /** A recorder whose counts first cover values below {@link #FIRST_RANGE_MICROS}. */
    public LatencyRecorder() {
        this(FIRST_RANGE_MICROS);
    }

    /**
     * A recorder whose counts first cover values below {@code firstRangeMicros} (1 to {@link
     * #HIGHEST_MICROS}): less memory for latencies that are mostly short, such as a scheduler's
     * creation-to-bind. Larger values are recorded all the same (the counts grow).
     */
    public LatencyRecorder(long firstRangeMicros) {
        if (firstRangeMicros < 1 || firstRangeMicros > HIGHEST_MICROS) {
            throw new IllegalArgumentException("firstRangeMicros " + firstRangeMicros + " is not in [1, " + HIGHEST_MICROS + "]");
        }
        firstLength = Math.max(1, LAYOUT.index(firstRangeMicros));
    }

    /** Records one latency given in ticks (nanoseconds). */
    public void recordTicks(long ticks) {
        recordTicksAt(ticks);
    }

    /**
     * Records one latency given in ticks, as {@link #recordTicks(long)}, and returns the index it
     * was counted at in this recorder's layout (0 for a latency of 0): what {@link
     * ServiceBins#counted(int)} takes, so a completion's value is placed once for both.
     */
    public int recordTicksAt(long ticks) {
        if (ticks <= 0) {
            if (ticks < 0) {
                throw new IllegalArgumentException("negative latency " + ticks + " ns");
            }
            zeros++;
            count++;
            return 0;
        }
        sumTicks += ticks;
        if (ticks >= CLAMP_TICKS) {
            clamped++;
        }
        int i = indexOfTicks(ticks);
        long[] c = counts;
        if (i >= c.length) {
            c = grow(i);
        }
        c[i]++;
        count++;
        return i;
    }

    /**
     * The index of a latency of {@code ticks} (not negative) in the layout, as {@link
     * #recordTicksAt} counts it, without recording it.
     */
    static int indexOfTicks(long ticks) {
        long micros = ticks >= CLAMP_TICKS ? HIGHEST_MICROS : (ticks + SimTime.MICROSECOND / 2) / SimTime.MICROSECOND;
        return HdrLayout.index(micros, LZC_BASE, MASK, UNIT, HALF_MAG);
    }

    /** Entries in the layout, up to {@link #HIGHEST_MICROS}. */
    static int layoutLength() {
        return LAYOUT.length();
    }

    /**
     * The value at {@code percentile} of {@code total} latencies counted in {@code coarse}, whose
     * entry {@code k} holds the layout's indices {@code k << shift} to {@code ((k + 1) << shift) -
     * 1}; microseconds (see {@link HdrLayout#valueAtPercentile(int[], long, double, int)}).
     */
    static long valueAtPercentile(int[] coarse, int shift, long total, double percentile) {
        return LAYOUT.valueAtPercentile(coarse, total, percentile, shift);
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
        if (ticks >= CLAMP_TICKS) {
            clamped += count;
        }
        int i = indexOfTicks(ticks);
        if (i >= counts.length) {
            grow(i);
        }
        counts[i] += count;
        this.count += count;
    }

    /**
     * The counts, long enough for index {@code i}: at first the first range; past it, as far as
     * values 16 times {@code i}'s (four buckets more), so a run whose extremes keep growing grows
     * its counts a few times at most.
     */
    private long[] grow(int i) {
        int n = Math.max(firstLength, ((i >> HALF_MAG) + 1 + HEADROOM_BUCKETS) << HALF_MAG);
        return counts = Arrays.copyOf(counts, Math.min(LAYOUT.length(), n));
    }

    /**
     * A new histogram of what was recorded, in microseconds (3 digits), tracking values as far as
     * the highest recorded and growing itself ({@link Histogram#setAutoResize}) when more is added
     * (as when the runs of several seeds are merged), up to {@link #HIGHEST_MICROS} as recorded here.
     */
    public Histogram histogram() {
        int last = counts.length - 1;
        while (last >= 0 && counts[last] == 0) {
            last--;
        }
        Histogram h = new Histogram(1, last < 0 ? 2 : Math.max(2, LAYOUT.highestAt(last)), 3);
        h.setAutoResize(true);
        LAYOUT.addTo(counts, last + 1, h); // the counts after the last are 0
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
