package io.capsim.workloads.arrival;

import io.capsim.workloads.ArrivalField;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.random.EmpiricalDistribution;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.TraceColumns;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.trace.TraceOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizedArrivalsTest {

    private static ArrivalCursor poisson(RandomStreams s) {
        return new PoissonProcess().open(new ProcessSpec("poisson", Map.of("rate", 10.0)), s.stream("arrivals"), "p");
    }

    /**
     * Prompt tokens lognormal mean 1,000, cv 1.5 clamped to [1, 8,192]; output tokens gamma mean
     * 200, cv 1. 200,000 draws: the output mean has SE 200 / sqrt(2e5) = 0.45, tolerance 2.5. The
     * clamp at 8,192 is about the 99.5th percentile of the lognormal, so the input mean drops
     * slightly below 1,000 and must stay within [950, 1,000].
     */
    @Test
    void tokensFollowTheirDistributionsAndBounds() {
        RandomStreams s = new RandomStreams(9);
        io.capsim.engine.random.Counts in = io.capsim.engine.random.Counts.of(new DistributionSpec("lognormal", Map.of("mean", 1000.0,
                "cv", 1.5)), s.stream("tokens/in"), 1, 8192);
        io.capsim.engine.random.Counts out = io.capsim.engine.random.Counts.of(new DistributionSpec("gamma", Map.of("mean", 200.0,
                "cv", 1.0)), s.stream("tokens/out"), 1, 100_000);
        SizedArrivals c = new SizedArrivals(poisson(s), null, in, out);
        double inSum = 0;
        double outSum = 0;
        long prev = -1;
        for (int i = 0; i < 200_000; i++) {
            assertTrue(c.advance());
            assertTrue(c.timeTicks() > prev);
            prev = c.timeTicks();
            assertTrue(c.inputTokens() >= 1 && c.inputTokens() <= 8192);
            assertEquals(ArrivalCursor.NO_WORK, c.workTicks(), "work kept from the source");
            inSum += c.inputTokens();
            outSum += c.outputTokens();
        }
        assertEquals(200, outSum / 200_000, 2.5);
        double inMean = inSum / 200_000;
        assertTrue(inMean > 950 && inMean < 1000, "input mean " + inMean);
    }

    /** Empirical prompt tokens from the Azure trace's ContextTokens column: same mean as the column. */
    @Test
    void empiricalTokensFromATraceColumn() {
        double[] values = TraceColumns.values(TraceFormats.open("azure-llm-2023", Samples.path(Samples.AZURE_CONV),
                TraceOptions.defaults()), ArrivalField.INPUT_TOKENS);
        assertEquals(19_366, values.length);
        assertEquals(374, values[0]);
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        EmpiricalDistribution d = TraceColumns.empirical(TraceFormats.open("azure-llm-2023",
                Samples.path(Samples.AZURE_CONV), TraceOptions.defaults()), ArrivalField.INPUT_TOKENS, false,
                new RandomStreams(4).stream("tokens"));
        assertEquals(mean, d.meanSeconds(), 1e-6);
        io.capsim.engine.random.Counts tokens = new io.capsim.engine.random.Counts(d, 0, Long.MAX_VALUE);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            sum += tokens.sample();
        }
        // The column's sd is about 1,100 tokens: SE of the mean of 1e5 draws is 3.5; tolerance 20.
        assertEquals(mean, sum / 100_000, 20);
    }
}
