package io.capsim.workloads.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.arrival.ArrivalProcesses;
import io.capsim.workloads.arrival.ProcessSpec;
import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.trace.TraceOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceStatsTest {

    /**
     * The Azure conversation trace against its README (19,366 rows, 3,501.7 s, 5.53 req/s;
     * ContextTokens min 2, p50 1,020, p99 4,142, max 14,050; GeneratedTokens min 7, p50 129, p99
     * 601, max 1,000) and against a plain in-memory recomputation of the binned figures.
     */
    @Test
    void azureConversationTraceMatchesItsReadmeAndARecomputation() {
        TraceStats s = TraceStats.of(azure());
        assertEquals(19_366, s.rows());
        assertEquals(3_501_721_937_000L, s.lastTicks() - s.firstTicks());
        assertEquals(5.53, s.meanRatePerSecond(), 0.005);
        TraceStats.SizeStats in = s.sizes().get(ArrivalField.INPUT_TOKENS);
        assertEquals(2, in.min());
        assertEquals(14_050, in.max(), 14_050 * 0.001);
        assertEquals(1_020, in.p50(), 1);
        assertEquals(4_142, in.p99(), 4_142 * 0.001 + 1);
        TraceStats.SizeStats out = s.sizes().get(ArrivalField.OUTPUT_TOKENS);
        assertEquals(7, out.min());
        assertEquals(1_000, out.max());
        assertEquals(129, out.p50(), 1);
        assertEquals(601, out.p99(), 1);
        assertEquals(2, s.sizes().size(), "only the token fields are carried");

        // Recompute from all times held in memory.
        List<Long> times = new ArrayList<>();
        try (TraceCursor c = azure()) {
            while (c.advance()) {
                times.add(c.timeTicks());
            }
        }
        for (long width : new long[] {1_000_000_000L, 60_000_000_000L}) {
            long firstBin = times.get(0) / width;
            long[] counts = new long[(int) (times.get(times.size() - 1) / width - firstBin + 1)];
            for (long t : times) {
                counts[(int) (t / width - firstBin)]++;
            }
            double mean = Arrays.stream(counts).average().orElseThrow();
            double var = Arrays.stream(counts).mapToDouble(x -> (x - mean) * (x - mean)).sum() / (counts.length - 1);
            long peak = Arrays.stream(counts).max().orElseThrow();
            if (width == 1_000_000_000L) {
                assertEquals(peak, s.peakPerSecond());
                assertEquals(var / mean, s.dispersionPerSecond(), 1e-9);
            } else {
                assertEquals(peak, s.peakPerMinute());
                assertEquals(var / mean, s.dispersionPerMinute(), 1e-9);
                assertTrue(Arrays.equals(counts, s.perMinute()));
            }
        }
        double[] gaps = new double[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = (times.get(i) - times.get(i - 1)) / 1e9;
        }
        double gm = Arrays.stream(gaps).average().orElseThrow();
        double gv = Arrays.stream(gaps).map(g -> (g - gm) * (g - gm)).sum() / (gaps.length - 1);
        assertEquals(gm, s.interArrivalMeanSeconds(), 1e-12);
        assertEquals(Math.sqrt(gv) / gm, s.interArrivalCv(), 1e-9);
        assertTrue(s.summary().contains("rows              19366"), s.summary());
    }

    /** Poisson at 20/s for 200,000 arrivals: CV of gaps and IDC near 1 (SE about 0.2% and 1%). */
    @Test
    void poissonLooksPoisson() {
        ArrivalCursor c = ArrivalProcesses.REGISTRY.find("poisson").orElseThrow().open(
                new ProcessSpec("poisson", Map.of("rate", 20.0)), new RandomStreams(3).stream("a"), "p");
        TraceStats s = TraceStats.of(c, 200_000);
        assertEquals(200_000, s.rows());
        assertEquals(20, s.meanRatePerSecond(), 0.2);
        assertEquals(1, s.interArrivalCv(), 0.01);
        assertEquals(1, s.dispersionPerSecond(), 0.05);
        assertTrue(s.sizes().isEmpty());
    }

    private static TraceCursor azure() {
        return TraceFormats.open("azure-llm-2023", Samples.path(Samples.AZURE_CONV), TraceOptions.defaults());
    }
}
