package io.capsim.engine.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsim.engine.kernel.SimTime;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

/** The counts kept on the serving path give the same histogram as HdrHistogram recording each value. */
class HdrLayoutTest {

    private static final long HIGHEST_TICKS = LatencyRecorder.HIGHEST_MICROS * SimTime.MICROSECOND;

    @Property(tries = 300)
    void latencyRecorderEqualsAHistogramThatRecordedEveryValue(@ForAll("seeds") long seed,
            @ForAll @LongRange(min = 1, max = 2_000) long n) {
        Random r = new Random(seed);
        LatencyRecorder rec = new LatencyRecorder();
        Histogram direct = new Histogram(1, LatencyRecorder.HIGHEST_MICROS, 3);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            long ticks = value(r, LatencyRecorder.HIGHEST_MICROS * 1000 + 5_000_000);
            rec.recordTicks(ticks);
            sum += ticks;
            direct.recordValue(Math.min((ticks + 500) / 1000, LatencyRecorder.HIGHEST_MICROS));
        }
        Histogram built = rec.histogram();
        assertEquals(direct, built);
        assertEquals(direct.getTotalCount(), rec.count());
        assertEquals(direct.getMaxValue(), built.getMaxValue());
        assertEquals(direct.getMinNonZeroValue(), built.getMinNonZeroValue());
        assertEquals(direct.getMean(), built.getMean(), 0.0);
        for (double p : new double[] {0, 1, 50, 90, 99, 99.9, 100}) {
            assertEquals(direct.getValueAtPercentile(p), built.getValueAtPercentile(p), "p" + p);
        }
        assertEquals(sum / n / 1e6, rec.meanMillis(), 1e-9 * Math.abs(sum / n / 1e6));
    }

    @Property(tries = 300)
    void serviceBinsGiveTheSamePercentilesAsAnIntCountsHistogram(@ForAll("seeds") long seed,
            @ForAll @LongRange(min = 1, max = 2_000) long n) {
        Random r = new Random(seed);
        ServiceBins bins = new ServiceBins();
        for (int bin = 0; bin < 3; bin++) {
            // The recorder's layout made eight times coarser is that of an HdrHistogram of
            // microseconds whose lowest discernible value is 8 and which keeps two digits.
            IntCountsHistogram direct = new IntCountsHistogram(8, LatencyRecorder.HIGHEST_MICROS, 2);
            for (int i = 0; i < n + bin; i++) {
                long ticks = value(r, HIGHEST_TICKS + 1_000_000);
                bins.completed(ticks);
                direct.recordValue(Math.min((ticks + 500) / 1000, LatencyRecorder.HIGHEST_MICROS));
            }
            assertEquals(direct.getTotalCount(), bins.completions());
            for (double p : new double[] {0, 0.1, 1, 25, 50, 90, 99, 99.9, 100}) {
                assertEquals(direct.getValueAtPercentile(p) / 1e3, bins.percentileMillis(p), 0.0, "bin " + bin + " p" + p);
            }
            bins.completed(7_000_000); // a record after reading: the next read sees it
            direct.recordValue(7_000);
            assertEquals(direct.getValueAtPercentile(50) / 1e3, bins.percentileMillis(50), 0.0);
            bins.reset();
            assertEquals(0, bins.completions());
            assertEquals(Double.NaN, bins.percentileMillis(50));
        }
    }

    @Test
    void latenciesRoundingPastTheRangeAreClampedToItsTop() {
        LatencyRecorder r = new LatencyRecorder();
        long top = LatencyRecorder.HIGHEST_MICROS;
        r.recordTicks(top * 1000 + 499); // rounds to the top: kept
        assertEquals(0, r.clamped());
        r.recordTicks(top * 1000 + 500); // rounds to one past it
        r.recordTicks(Long.MAX_VALUE); // the rounding itself would overflow
        r.recordTicks(top * 1000 + 500, 3);
        assertEquals(5, r.clamped());
        Histogram h = r.histogram();
        assertEquals(6, h.getTotalCount());
        assertEquals(h.highestEquivalentValue(top), h.getMaxValue());
        assertEquals(6, h.getCountAtValue(top)); // every value counted at the top
    }

    @Test
    void recordTicksWithACountEqualsThatManyRecords() {
        LatencyRecorder one = new LatencyRecorder();
        LatencyRecorder many = new LatencyRecorder();
        one.recordTicks(123_456_789L, 7);
        for (int i = 0; i < 7; i++) {
            many.recordTicks(123_456_789L);
        }
        assertEquals(many.histogram(), one.histogram());
        assertEquals(7, one.count());
        assertEquals(0, new LatencyRecorder().histogram().getTotalCount());
        LatencyRecorder waits = new LatencyRecorder(); // requests that did not wait record 0
        Histogram direct = new Histogram(1, LatencyRecorder.HIGHEST_MICROS, 3);
        for (long t : new long[] {0, 0, 499, 0, 2_000_000, 0}) {
            waits.recordTicks(t);
            direct.recordValue((t + 500) / 1000);
        }
        assertEquals(direct, waits.histogram());
        assertEquals(6, waits.count());
        assertEquals((499 + 2_000_000) / 6.0 / 1e6, waits.meanMillis(), 1e-12);
        assertEquals(0, waits.histogram().getValueAtPercentile(50));
    }

    /**
     * The counts and the built histogram end at the highest value recorded (fresh memory is dear),
     * and still equal a full-range histogram: across the first range's edge, and merged (as the
     * runs of several seeds are) with a histogram of larger values.
     */
    @Test
    void countsAndHistogramsGrowAsFarAsTheValuesNeed() {
        long edge = LatencyRecorder.FIRST_RANGE_MICROS;
        LatencyRecorder small = new LatencyRecorder();
        LatencyRecorder large = new LatencyRecorder();
        Histogram direct = new Histogram(1, LatencyRecorder.HIGHEST_MICROS, 3);
        for (long micros : new long[] {1, 999, 1_500_000, edge - 1}) {
            small.recordTicks(micros * 1000);
            direct.recordValue(micros);
        }
        Histogram s = small.histogram();
        assertEquals(direct, s);
        assertTrue(s.getHighestTrackableValue() < edge * 2, "ends near the highest value: " + s.getHighestTrackableValue());
        assertTrue(s.getEstimatedFootprintInBytes() < 200_000, "bytes: " + s.getEstimatedFootprintInBytes());
        for (long micros : new long[] {edge, 86_400_000_000L, LatencyRecorder.HIGHEST_MICROS}) {
            large.recordTicks(micros * 1000);
            direct.recordValue(micros);
        }
        Histogram merged = s.copy();
        merged.add(large.histogram());
        assertEquals(direct, merged);
        assertEquals(direct.getValueAtPercentile(99.9), merged.getValueAtPercentile(99.9));
        small.recordTicks(edge * 1000); // past the first range: the counts take the whole layout
        Histogram grown = small.histogram();
        assertEquals(5, grown.getTotalCount());
        assertEquals(direct.highestEquivalentValue(edge), grown.getMaxValue());
        // A recorder with a small first range (a scheduler's creation-to-bind) grows past it alike.
        LatencyRecorder binds = new LatencyRecorder(1L << 14);
        Histogram directBinds = new Histogram(1, LatencyRecorder.HIGHEST_MICROS, 3);
        for (long micros : new long[] {1_000, (1L << 14) - 1, 1L << 14, 90_000_000, 3_600_000_000L, 1_000}) {
            binds.recordTicks(micros * 1000);
            directBinds.recordValue(micros);
        }
        assertEquals(directBinds, binds.histogram());
        assertThrows(IllegalArgumentException.class, () -> new LatencyRecorder(0));
    }

    /** Values over every order of magnitude, bucket edges and the top of the range included. */
    private static long value(Random r, long top) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(3_000);
            case 1 -> (1L << r.nextInt(62)) + r.nextInt(3) - 1;
            case 2 -> Math.max(0, top - r.nextInt(1_000_000));
            default -> (long) Math.exp(r.nextDouble() * Math.log(top));
        } & Long.MAX_VALUE;
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }

    /** A negative latency is refused, even one that rounds to 0 us, and leaves the mean as it was. */
    @Test
    void negativeLatenciesAreRefusedBeforeAnythingIsCounted() {
        LatencyRecorder r = new LatencyRecorder();
        r.recordTicks(2 * SimTime.MILLISECOND);
        assertThrows(IllegalArgumentException.class, () -> r.recordTicks(-1));
        assertThrows(IllegalArgumentException.class, () -> r.recordTicks(-499, 3));
        assertThrows(IllegalArgumentException.class, () -> r.recordTicks(-5 * SimTime.MILLISECOND));
        assertEquals(1, r.count());
        assertEquals(2.0, r.meanMillis(), 1e-12);
    }
}
