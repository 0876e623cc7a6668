package io.capsim.engine.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ServiceBinsTest {

    private static final long MS = 1_000_000L;

    @Test
    void percentilesWorkedByHand() {
        ServiceBins b = new ServiceBins();
        // 2.5 ms, 10 ms, 10 ms, 40 ms. Above 2,048 us the recorder's sub-buckets are 2^k us wide for
        // values in [1024 * 2^k, 2048 * 2^k) us; eight of them make a bin count 8 * 2^k us wide.
        // 2,500 us: k = 1, counts of 16 us from 2,048 us: [2,496, 2,512) -> highest 2,511 us.
        // 10,000 us: k = 3, counts of 64 us: [9,984, 10,048) -> highest 10,047 us.
        // 40,000 us: k = 5, counts of 256 us: [39,936, 40,192) -> highest 40,191 us.
        for (long ms : new long[] {10, 40}) {
            b.completed(ms * MS);
        }
        b.completed(2_500_000L);
        b.completed(10 * MS);
        assertEquals(4, b.completions());
        assertEquals(2.511, b.percentileMillis(25), 1e-9); // the first of four
        assertEquals(10.047, b.percentileMillis(50), 1e-9); // the second
        assertEquals(10.047, b.percentileMillis(75), 1e-9);
        assertEquals(40.191, b.percentileMillis(99), 1e-9);
        assertEquals(2.496, b.percentileMillis(0), 1e-9); // percentile 0: the lowest of its count
    }

    @Test
    void belowTwoMillisecondsTheCountsAreEightMicrosecondsWide() {
        ServiceBins b = new ServiceBins();
        b.completed(0);
        assertEquals(0.007, b.percentileMillis(50), 1e-12); // 0 us shares [0, 8) us
        b.reset();
        b.completed(1_000_400L); // rounds to 1,000 us: [1,000, 1,008)
        assertEquals(1.007, b.percentileMillis(99), 1e-12);
    }

    @Test
    void resetStartsAnEmptyBin() {
        ServiceBins b = new ServiceBins();
        b.completed(5 * MS);
        b.reset();
        assertEquals(0, b.completions());
        assertTrue(Double.isNaN(b.percentileMillis(50)));
        b.completed(7 * MS);
        assertEquals(7, b.percentileMillis(50), 0.06);
    }

    /** A value counted at the index the recorder returned lands where completed(ticks) puts it. */
    @Property(tries = 200)
    void countedAtTheRecordersIndexEqualsCompleted(
            @ForAll @Size(min = 1, max = 50) List<@LongRange(min = 0, max = 400L * 24 * 3600 * 1_000_000_000L) Long> ticks) {
        ServiceBins direct = new ServiceBins();
        ServiceBins shared = new ServiceBins();
        LatencyRecorder r = new LatencyRecorder();
        for (long t : ticks) {
            direct.completed(t);
            shared.counted(r.recordTicksAt(t));
        }
        for (double p : new double[] {0, 1, 50, 90, 99, 99.9, 100}) {
            assertEquals(direct.percentileMillis(p), shared.percentileMillis(p), 0.0, "p" + p);
        }
    }

    /** Each percentile is within the bins' precision of the exact one (values in whole microseconds). */
    @Property(tries = 200)
    void percentilesAreWithinTheBinsPrecision(
            @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 3_600_000_000L) Long> micros,
            @ForAll @LongRange(min = 1, max = 100) long percentile) {
        ServiceBins b = new ServiceBins();
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        for (long us : sorted) {
            b.completed(us * 1_000);
        }
        // HdrHistogram's rule: the value at which the running count reaches ceil(p * n / 100).
        int rank = (int) Math.max(1, Math.ceil(Math.nextDown((double) percentile) * sorted.length / 100.0));
        long exact = sorted[Math.min(sorted.length, rank) - 1];
        double got = b.percentileMillis(percentile) * 1000;
        double tolerance = Math.max(8, exact / 128.0);
        assertTrue(got >= exact && got <= exact + tolerance,
                () -> "p" + percentile + " of " + Arrays.toString(sorted) + ": " + got + " us, exact " + exact);
    }
}
