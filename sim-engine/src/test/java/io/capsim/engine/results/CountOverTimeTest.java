package io.capsim.engine.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CountOverTimeTest {

    @Test
    void averagesAStepFunctionWorkedByHand() {
        CountOverTime c = new CountOverTime();
        c.reset(10);
        c.set(10, 2); // 2 over [10, 30): area 40
        c.add(30, 3); // 5 over [30, 40): area 50
        c.add(40, -5); // 0 over [40, 60): area 0
        assertEquals(0, c.value());
        assertEquals(90.0 / 50, c.average(60), 0.0);
        assertEquals(90.0 / 30, c.average(40), 0.0); // up to the last change
    }

    @Test
    void resetKeepsTheValueAndForgetsTheArea() {
        CountOverTime c = new CountOverTime();
        c.set(0, 4);
        c.set(100, 1); // area 400, then reset at 100: forgotten
        c.reset(100);
        assertEquals(1.0, c.average(300), 0.0);
        assertEquals(1.0, c.average(100), 0.0); // no time has passed: the value
    }

    @Test
    void areasPast2To62SpillWithoutOverflowing() {
        CountOverTime c = new CountOverTime();
        c.reset(0);
        c.set(0, (1L << 30) - 1);
        long span = (1L << 31) - 1; // product just below 2^61
        long t = 0;
        for (int i = 0; i < 8; i++) { // 8 such products: about 2^64 in all, past a long
            t += span;
            c.set(t, (1L << 30) - 1);
        }
        assertEquals((1L << 30) - 1, c.average(t), 1e-6);
    }

    @Test
    void countsAndSpansOf2To31OrMoreAreIntegratedInDoubles() {
        CountOverTime c = new CountOverTime();
        c.reset(0);
        c.set(0, 3_000_000_000L);
        c.set(5_000_000_000L, 0); // 3e9 over 5e9 ticks
        assertEquals(3e9 / 2, c.average(10_000_000_000L), 1.0);
    }

    /** The average equals the exact time average (computed in big integers) within double rounding. */
    @Property(tries = 300)
    void averageIsTheExactTimeAverage(@ForAll("changes") List<long[]> changes) {
        CountOverTime c = new CountOverTime();
        c.reset(0);
        BigInteger area = BigInteger.ZERO;
        long now = 0;
        long value = 0;
        for (long[] ch : changes) {
            long next = now + ch[0];
            area = area.add(BigInteger.valueOf(value).multiply(BigInteger.valueOf(ch[0])));
            now = next;
            value = ch[1];
            c.set(now, value);
        }
        long end = now + 1;
        area = area.add(BigInteger.valueOf(value));
        double exact = new BigDecimal(area).divide(BigDecimal.valueOf(end), MathContext.DECIMAL64).doubleValue();
        assertEquals(exact, c.average(end), Math.abs(exact) * 1e-12);
        assertEquals(value, c.value());
    }

    @Provide
    Arbitrary<List<long[]>> changes() {
        Arbitrary<Long> gap = Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000),
                Arbitraries.longs().between(0, 1L << 40));
        Arbitrary<Long> count = Arbitraries.oneOf(Arbitraries.longs().between(0, 64),
                Arbitraries.longs().between(0, 1L << 33));
        return Combinators.combine(gap, count).as((g, v) -> new long[] {g, v}).list().ofMaxSize(60);
    }
}
