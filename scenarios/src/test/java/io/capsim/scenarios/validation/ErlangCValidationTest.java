package io.capsim.scenarios.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.scenarios.run.ScenarioRunner;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole stack (scenario → Poisson workload → kernel → serving model → HdrHistogram) against
 * the M/M/c closed form (Erlang C).
 *
 * <p>Tolerance 3% on the mean waiting time and the p99 response time, pooled over four seeds.
 * Why that is safe: for M/M/1 at ρ = 0.8 the mean wait W = 4 s has asymptotic variance
 * ρ(2 + 5ρ - 4ρ² + ρ³)/(1-ρ)⁴ ≈ 1976 s² per customer (Whitt, "Planning queueing simulations",
 * 1989), so 4 × 2.4 M customers give a standard error of 0.36%: 3% is 8 standard errors. For
 * M/M/8 at ρ = 0.9 (relaxation time ≈ 1/(cμ(1-√ρ)²) ≈ 47 s), 4 × 800,000 s give a standard error
 * of about 0.8% on the mean wait: 3% is about 4 standard errors, a false-failure probability near
 * 1e-4 for an arbitrary seed (and none for these fixed seeds, the run being deterministic).
 * HdrHistogram quantises p99 by at most 0.1%.
 */
class ErlangCValidationTest {

    private static final long[] SEEDS = {11, 23, 37, 51};

    record Pooled(double meanWait, double p99Response, double meanResponse, double throughput,
            double meanInSystem, double utilization) {}

    private static Pooled runPooled(int c, double lambda, double mu, double seconds, double warmup) {
        Histogram response = null;
        double waitSum = 0;
        double respSum = 0;
        long waited = 0;
        long completed = 0;
        double inSystem = 0;
        double util = 0;
        double measured = 0;
        for (long seed : SEEDS) {
            RunResult r = ScenarioRunner.run(Scenarios.singleQueue("mmc", seed, c, lambda,
                    Scenarios.exponential(1 / mu), seconds, warmup));
            ServiceResult s = r.services().get(0);
            if (response == null) {
                response = s.responseMicros().copy();
            } else {
                response.add(s.responseMicros());
            }
            waitSum += s.meanWaitMs() * s.waitMicros().getTotalCount();
            waited += s.waitMicros().getTotalCount();
            respSum += s.meanResponseMs() * s.completed();
            completed += s.completed();
            inSystem += s.meanQueueLength() + s.meanInService();
            util += s.slotUtilization();
            measured += r.measuredSeconds();
        }
        return new Pooled(waitSum / waited / 1000, response.getValueAtPercentile(99) / 1e6, respSum / completed / 1000,
                completed / measured, inSystem / SEEDS.length, util / SEEDS.length);
    }

    @ParameterizedTest(name = "M/M/{0} at λ={1}, μ={2}")
    @CsvSource({
        // c, lambda, mu, seconds per seed
        "1, 0.8, 1.0, 3000000",
        "8, 7.2, 1.0,  800000",
    })
    void meanWaitAndP99ResponseMatchErlangC(int c, double lambda, double mu, double seconds) {
        Pooled sim = runPooled(c, lambda, mu, seconds, 2000);
        double wq = QueueingTheory.mmcMeanWait(c, lambda, mu);
        double p99 = QueueingTheory.mmcResponseQuantile(c, lambda, mu, 0.99);
        System.out.printf(java.util.Locale.ROOT,
                "M/M/%d λ=%.2f μ=%.2f: mean wait sim %.5f theory %.5f (%+.2f%%); p99 response sim %.4f theory %.4f (%+.2f%%)%n",
                c, lambda, mu, sim.meanWait(), wq, 100 * (sim.meanWait() / wq - 1),
                sim.p99Response(), p99, 100 * (sim.p99Response() / p99 - 1));
        assertEquals(wq, sim.meanWait(), 0.03 * wq, "mean wait: theory " + wq + " s");
        assertEquals(p99, sim.p99Response(), 0.03 * p99, "p99 response: theory " + p99 + " s");
        // Little's law on the measured window: L = λ W (1%), and utilisation ρ = λ / (cμ) (1%).
        assertEquals(sim.throughput() * sim.meanResponse(), sim.meanInSystem(), 0.01 * sim.meanInSystem(),
                "Little's law");
        assertEquals(lambda / (c * mu), sim.utilization(), 0.01 * lambda / (c * mu), "utilisation");
    }

    @Test
    void theClosedFormsAreRight() {
        // Textbook values: M/M/1 at ρ = 0.8 waits ρ/(μ-λ) = 4 s, and its response is Exp(μ-λ):
        // p99 = ln(100)/0.2 = 23.0259 s. Erlang C(2, 1) = 1/3.
        assertEquals(4.0, QueueingTheory.mmcMeanWait(1, 0.8, 1.0), 1e-12);
        assertEquals(Math.log(100) / 0.2, QueueingTheory.mmcResponseQuantile(1, 0.8, 1.0, 0.99), 1e-9);
        assertEquals(1.0 / 3, QueueingTheory.erlangC(2, 1.0), 1e-12);
        // Erlang C(8, 7.2) from the direct sum formula.
        double a = 7.2;
        double sum = 0;
        double term = 1;
        for (int k = 0; k < 8; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double top = term / (1 - a / 8);
        assertEquals(top / (sum + top), QueueingTheory.erlangC(8, a), 1e-12);
        assertTrue(QueueingTheory.mmcResponseTail(8, 7.2, 1.0, 0) > 0.999999);
    }

    @Test
    void md1MeanWaitMatchesPollaczekKhinchine() {
        // M/D/1 at ρ = 0.7, D = 1 s: Wq = 0.7 / (2 × 0.3) = 1.1667 s. The wait of M/D/1 has about a
        // quarter less variance than M/M/1's at the same load; 400,000 s per seed give well under
        // 1% standard error. Tolerance 3%.
        double wq = QueueingTheory.md1MeanWait(0.7, 1.0);
        double waitSum = 0;
        long n = 0;
        for (long seed : SEEDS) {
            ServiceResult s = ScenarioRunner.run(Scenarios.singleQueue("md1", seed, 1, 0.7,
                    Scenarios.constant(1.0), 400_000, 1000)).services().get(0);
            waitSum += s.meanWaitMs() * s.waitMicros().getTotalCount();
            n += s.waitMicros().getTotalCount();
        }
        System.out.printf(java.util.Locale.ROOT, "M/D/1 ρ=0.7: mean wait sim %.5f theory %.5f (%+.2f%%)%n",
                waitSum / n / 1000, wq, 100 * (waitSum / n / 1000 / wq - 1));
        assertEquals(wq, waitSum / n / 1000, 0.03 * wq);
    }
}
