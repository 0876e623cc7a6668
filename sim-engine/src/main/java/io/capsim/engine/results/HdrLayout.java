package io.capsim.engine.results;

import org.HdrHistogram.AbstractHistogram;

/**
 * The bucket layout of an HdrHistogram with a given lowest discernible value, highest trackable
 * value and number of significant digits, computed as HdrHistogram computes it, so that counts
 * kept in a plain array on the serving path (an index, an increment: no minimum and maximum kept,
 * no index normalisation, no total) can be added to a real histogram of that layout afterwards,
 * which then equals one that recorded the values itself: same counts, hence the same percentiles,
 * minimum, maximum and mean. {@code HdrLayoutTest} holds it to HdrHistogram value by value.
 */
final class HdrLayout {

    private final int unitMagnitude;
    private final int subBucketHalfCountMagnitude;
    private final int subBucketHalfCount;
    private final long subBucketMask;
    private final int leadingZeroCountBase;
    private final int length;

    HdrLayout(long lowestDiscernible, long highestTrackable, int digits) {
        long largestSingleUnit = 2 * (long) Math.pow(10, digits);
        unitMagnitude = (int) (Math.log(lowestDiscernible) / Math.log(2));
        int subBucketCountMagnitude = (int) Math.ceil(Math.log(largestSingleUnit) / Math.log(2));
        subBucketHalfCountMagnitude = subBucketCountMagnitude - 1;
        int subBucketCount = 1 << subBucketCountMagnitude;
        subBucketHalfCount = subBucketCount / 2;
        subBucketMask = ((long) subBucketCount - 1) << unitMagnitude;
        leadingZeroCountBase = 64 - unitMagnitude - subBucketCountMagnitude;
        length = index(highestTrackable) + 1;
    }

    /** Counts-array entries needed for values up to the highest trackable one. */
    int length() {
        return length;
    }

    /** The counts-array index of {@code value} (0..highest). */
    int index(long value) {
        return index(value, leadingZeroCountBase, subBucketMask, unitMagnitude, subBucketHalfCountMagnitude);
    }

    /**
     * The counts-array index of {@code value} in the layout with these parameters. A recorder
     * keeps its layout's parameters in static final fields ({@link #leadingZeroCountBase()} and
     * the others) and calls this, so the JIT folds them into the recording path as constants.
     */
    static int index(long value, int leadingZeroCountBase, long subBucketMask, int unitMagnitude,
            int subBucketHalfCountMagnitude) {
        int bucket = leadingZeroCountBase - Long.numberOfLeadingZeros(value | subBucketMask);
        int sub = (int) (value >>> (bucket + unitMagnitude));
        return ((bucket + 1) << subBucketHalfCountMagnitude) + (sub - (1 << subBucketHalfCountMagnitude));
    }

    int leadingZeroCountBase() {
        return leadingZeroCountBase;
    }

    long subBucketMask() {
        return subBucketMask;
    }

    int unitMagnitude() {
        return unitMagnitude;
    }

    int subBucketHalfCountMagnitude() {
        return subBucketHalfCountMagnitude;
    }

    /** The lowest value that has counts-array index {@code index}. */
    long valueAt(int index) {
        int bucket = (index >> subBucketHalfCountMagnitude) - 1;
        int sub = (index & (subBucketHalfCount - 1)) + subBucketHalfCount;
        if (bucket < 0) {
            sub -= subBucketHalfCount;
            bucket = 0;
        }
        return (long) sub << (bucket + unitMagnitude);
    }

    /** The highest value that has counts-array index {@code index}. */
    long highestAt(int index) {
        int bucket = Math.max(0, (index >> subBucketHalfCountMagnitude) - 1);
        return valueAt(index) + (1L << (bucket + unitMagnitude)) - 1;
    }

    /**
     * The value at {@code percentile} (0-100) of {@code total} values counted in {@code counts},
     * whose entry {@code k} holds this layout's indices {@code k << shift} to {@code ((k + 1) <<
     * shift) - 1} (shift 0: indexed by this layout), as {@link AbstractHistogram#getValueAtPercentile}
     * gives it for a histogram holding them: the first entry where the running count reaches
     * ceil(percentile x total / 100) (at least 1), taken at the highest value of its range (its
     * lowest for percentile 0). {@code total} must be above 0.
     */
    long valueAtPercentile(int[] counts, long total, double percentile, int shift) {
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        long target = Math.max(1, (long) Math.ceil(requested * total / 100.0));
        long running = 0;
        for (int k = 0; k < counts.length; k++) {
            running += counts[k];
            if (running >= target) {
                return percentile == 0.0 ? valueAt(k << shift) : highestAt(((k + 1) << shift) - 1);
            }
        }
        return 0;
    }

    /** Adds {@code counts[0..end)} (indexed by this layout) to {@code h}, a histogram of this layout. */
    void addTo(long[] counts, int end, AbstractHistogram h) {
        for (int i = 0; i < end; i++) {
            if (counts[i] != 0) {
                h.recordValueWithCount(valueAt(i), counts[i]);
            }
        }
    }
}
