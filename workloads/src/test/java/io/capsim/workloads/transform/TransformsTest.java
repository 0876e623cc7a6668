package io.capsim.workloads.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.arrival.ArrivalProcesses;
import io.capsim.workloads.arrival.ProcessSpec;
import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.trace.TraceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TransformsTest {

    /** A fixed list of (time, inputTokens) arrivals. */
    static ArrivalCursor list(long... timesAndTokens) {
        return new ArrivalCursor() {
            int i = -2;

            @Override
            public boolean advance() {
                i += 2;
                return i < timesAndTokens.length;
            }

            @Override
            public long timeTicks() {
                return timesAndTokens[i];
            }

            @Override
            public long inputTokens() {
                return timesAndTokens[i + 1];
            }

            @Override
            public String origin() {
                return "list:" + (i / 2 + 1);
            }
        };
    }

    static List<long[]> drain(ArrivalCursor c) {
        List<long[]> out = new ArrayList<>();
        while (c.advance()) {
            out.add(new long[] {c.timeTicks(), c.inputTokens()});
        }
        return out;
    }

    static String times(List<long[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (long[] r : rows) {
            sb.append(sb.length() == 0 ? "" : " ").append(r[0]);
        }
        return sb.toString();
    }

    @Test
    void timeScaleWindowAndFilter() {
        // times 0 10 20 30 40 x 0.5 -> 0 5 10 15 20
        assertEquals("0 5 10 15 20", times(drain(Transforms.timeScale(list(0, 1, 10, 2, 20, 3, 30, 4, 40, 5), 0.5))));
        // window [10, 35) rebased -> 0 10 20; not rebased -> 10 20 30
        assertEquals("0 10 20", times(drain(Transforms.window(list(0, 1, 10, 2, 20, 3, 30, 4, 40, 5), 10, 35, true))));
        assertEquals("10 20 30", times(drain(Transforms.window(list(0, 1, 10, 2, 20, 3, 30, 4, 40, 5), 10, 35, false))));
        // inputTokens in [2, 4] -> the rows at 10, 20, 30
        assertEquals("10 20 30", times(drain(Transforms.filter(list(0, 1, 10, 2, 20, 3, 30, 4, 40, 5),
                ArrivalField.INPUT_TOKENS, 2, 4))));
    }

    @Test
    void mergeIsTimeOrderedAndStableOnTies() {
        List<long[]> rows = drain(Transforms.merge(List.of(list(0, 1, 5, 1, 9, 1), list(5, 2, 6, 2), list(1, 3))));
        assertEquals("0 1 5 5 6 9", times(rows));
        assertEquals(1, rows.get(2)[1], "on a tie the earlier source first");
        assertEquals(2, rows.get(3)[1]);
    }

    @Test
    void loopReplaysPassesShiftedByThePeriod() {
        // times 0 3 7 with period 10 (a time 12 >= period is dropped), 3 passes
        Supplier<ArrivalCursor> open = () -> list(0, 1, 3, 1, 7, 1, 12, 1);
        assertEquals("0 3 7 10 13 17 20 23 27", times(drain(Transforms.loop(open, 10, 3))));
        // natural period: last 12 + mean gap 4 = 16
        assertEquals(16, Transforms.naturalPeriod(open.get()));
        ArrivalCursor forever = Transforms.loop(open, 16, 0);
        long n = 0;
        while (n < 10_000 && forever.advance()) {
            n++;
        }
        assertEquals(10_000, n);
        assertEquals(2_499 * 16 + 12, forever.timeTicks(), "the 10,000th arrival is the 4th of pass 2,500");
    }

    /** Loop, window and time-scale over the real Azure trace keep its order and count. */
    @Test
    void loopOfARealTraceKeepsItsRate() {
        Supplier<ArrivalCursor> open = () -> TraceFormats.open("azure-llm-2023",
                Samples.path(Samples.AZURE_CODE), TraceOptions.defaults());
        long period = Transforms.naturalPeriod(open.get());
        ArrivalCursor c = Transforms.window(Transforms.loop(open, period, 3), 0, 3 * period, false);
        long n = 0;
        long prev = 0;
        while (c.advance()) {
            assertTrue(c.timeTicks() >= prev);
            assertTrue(c.origin().startsWith("AzureLLMInferenceTrace_code-head1000.csv:"));
            prev = c.timeTicks();
            n++;
        }
        assertEquals(3_000, n);
        c.close();
    }

    /**
     * Rate scaling of Poisson 100/s over 2,000 s (200,000 arrivals): x0.3 thins to 30/s; x2.5
     * superposes two copies and a half-thinned one, 250/s. Counts are Poisson (SE 0.2% and 0.5%),
     * tolerance 1.5%. Superposed copies of one stream are independent only because each copy has
     * its own seed here; the shifted copies must also stay time-ordered.
     */
    @Test
    void rateScaleThinsAndSuperposes() {
        RandomStreams streams = new RandomStreams(11);
        int[] copy = {0};
        Supplier<ArrivalCursor> open = () -> Transforms.window(ArrivalProcesses.REGISTRY.find("poisson").orElseThrow()
                .open(new ProcessSpec("poisson", Map.of("rate", 100.0)), streams.stream("copy-" + copy[0]++), "p"),
                0, 2_000_000_000_000L, false);
        assertEquals(30 * 2_000, count(Transforms.rateScale(open, 0.3, 1, streams.stream("scale-a"))), 30 * 2_000 * 0.015);
        long prev = 0;
        long n = 0;
        ArrivalCursor up = Transforms.rateScale(open, 2.5, 1_000_000_000_000L, streams.stream("scale-b"));
        while (up.advance()) {
            assertTrue(up.timeTicks() >= prev);
            prev = up.timeTicks();
            if (prev < 2_000_000_000_000L) {
                n++;
            }
        }
        assertEquals(250 * 2_000, n, 250 * 2_000 * 0.015);
        assertThrows(IllegalArgumentException.class, () -> Transforms.rateScale(open, 0, 1, streams.stream("x")));
    }

    private static long count(ArrivalCursor c) {
        long n = 0;
        while (c.advance()) {
            n++;
        }
        return n;
    }

    /** Any chain of transforms over time-ordered sources keeps the stream time-ordered. */
    @Property(tries = 100)
    void chainsOfTransformsStayTimeOrdered(@ForAll @Size(min = 1, max = 6) List<@IntRange(max = 6) Integer> chain,
            @ForAll @IntRange(min = 1, max = 1000) int seed) {
        RandomStreams streams = new RandomStreams(seed);
        int[] copies = {0};
        Supplier<ArrivalCursor> base = () -> new io.capsim.workloads.arrival.SizedArrivals(
                ArrivalProcesses.REGISTRY.find("mmpp").orElseThrow().open(new ProcessSpec("mmpp",
                        Map.of("rate.0", 500.0, "rate.1", 5.0, "hold.0", 0.2, "hold.1", 0.5)),
                        streams.stream("src-" + copies[0]++), "mmpp"),
                null, new io.capsim.engine.random.Counts(
                        io.capsim.engine.random.Distributions.create(new io.capsim.engine.random.DistributionSpec(
                                "exponential", Map.of("mean", 100.0)), streams.stream("tok-" + copies[0])), 0, 1000),
                null);
        Supplier<ArrivalCursor> current = () -> Transforms.window(base.get(), 0, 5_000_000_000L, false);
        for (int step : chain) {
            Supplier<ArrivalCursor> prev = current;
            current = switch (step) {
                case 0 -> () -> Transforms.timeScale(prev.get(), 0.37);
                case 1 -> () -> Transforms.thin(prev.get(), 0.6, streams.stream("thin"));
                case 2 -> () -> Transforms.filter(prev.get(), ArrivalField.INPUT_TOKENS, 10, 300);
                case 3 -> () -> Transforms.merge(List.of(prev.get(), prev.get()));
                case 4 -> () -> Transforms.loop(prev, 7_000_000_000L, 2);
                case 5 -> () -> Transforms.rateScale(prev, 2.5, 3_000_000_000L, streams.stream("scale"));
                default -> () -> Transforms.window(prev.get(), 1_000_000_000L, 4_000_000_000L, true);
            };
        }
        ArrivalCursor c = current.get();
        long prevTime = 0;
        long n = 0;
        while (n < 200_000 && c.advance()) {
            assertTrue(c.timeTicks() >= prevTime, "time order after " + chain + " at arrival " + n);
            prevTime = c.timeTicks();
            n++;
        }
        c.close();
    }

    @Property(tries = 200)
    void mergeOfSortedListsIsSortedAndComplete(@ForAll @Size(max = 5) List<@Size(max = 30) List<@IntRange(max = 1000) Integer>> lists) {
        List<ArrivalCursor> sources = new ArrayList<>();
        int total = 0;
        for (List<Integer> l : lists) {
            long[] arr = new long[2 * l.size()];
            List<Integer> sorted = new ArrayList<>(l);
            sorted.sort(null);
            for (int i = 0; i < sorted.size(); i++) {
                arr[2 * i] = sorted.get(i);
            }
            sources.add(list(arr));
            total += l.size();
        }
        if (sources.isEmpty()) {
            return;
        }
        List<long[]> merged = drain(Transforms.merge(sources));
        assertEquals(total, merged.size());
        for (int i = 1; i < merged.size(); i++) {
            assertTrue(merged.get(i)[0] >= merged.get(i - 1)[0]);
        }
        assertFalse(Transforms.merge(sources).advance() && total == 0);
    }
}
