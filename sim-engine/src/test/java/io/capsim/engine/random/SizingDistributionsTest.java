package io.capsim.engine.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The gamma, Pareto, bounded Pareto and empirical size distributions: sample moments against
 * closed forms over 400,000 draws with fixed seeds. For a mean with relative standard error
 * cv / sqrt(n) the tolerance is at least 5 standard errors; variances are checked only where the
 * fourth moment is finite.
 */
class SizingDistributionsTest {

    private static final int N = 400_000;

    private static double[] moments(DurationDistribution d) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double x = d.sampleTicks() / 1e9;
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / N;
        return new double[] {mean, sumSq / N - mean * mean};
    }

    private static DurationDistribution create(String type, Map<String, Double> params) {
        return Distributions.create(new DistributionSpec(type, params), new RandomStreams(42).stream(type));
    }

    @Test
    void gammaByShapeScaleAndByMeanCv() {
        // shape 3, scale 0.5: mean 1.5, variance 0.75 (cv 0.577, SE of mean 0.09%, tolerance 0.5%;
        // SE of variance about sqrt((kurtosis - 1) / n) = sqrt(3 / n) = 0.27%, tolerance 1.5%).
        DurationDistribution g = create("gamma", Map.of("shape", 3.0, "scale", 0.5));
        assertEquals(1.5, g.meanSeconds(), 1e-12);
        double[] m = moments(g);
        assertEquals(1.5, m[0], 1.5 * 0.005);
        assertEquals(0.75, m[1], 0.75 * 0.015);
        // mean 2, cv 2: shape 0.25 (the Ahrens-Dieter branch), variance (cv mean)^2 = 16.
        // SE of mean = 2 / sqrt(n) relative = 0.32%, tolerance 1.6%; kurtosis 3 + 6/0.25 = 27:
        // SE of variance sqrt(26 / n) = 0.8%, tolerance 4%.
        DurationDistribution h = create("gamma", Map.of("mean", 2.0, "cv", 2.0));
        double[] k = moments(h);
        assertEquals(2.0, k[0], 2.0 * 0.016);
        assertEquals(16.0, k[1], 16 * 0.04);
    }

    @Test
    void paretoMeanAndMinimum() {
        // shape 4, scale 1: mean 4/3, variance 1 * 4 / (9 * 2) = 0.2222, cv 0.354: tolerance 0.5% on
        // the mean. The fourth moment of shape 4 is infinite, so the variance is not checked.
        DurationDistribution p = create("pareto", Map.of("shape", 4.0, "scale", 1.0));
        assertEquals(4.0 / 3, p.meanSeconds(), 1e-12);
        double[] m = moments(p);
        assertEquals(4.0 / 3, m[0], 4.0 / 3 * 0.005);
        DurationDistribution q = create("pareto", Map.of("shape", 2.5, "mean", 10.0));
        assertEquals(10.0, q.meanSeconds(), 1e-12);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(q.sampleTicks() >= 6_000_000_000L - 1, "minimum is mean (a - 1) / a = 6 s");
        }
    }

    @Test
    void boundedParetoMeanAndBounds() {
        // L = 1, H = 1000, alpha = 1.1: mean = a L (1 - (L/H)^(a-1)) / ((a-1)(1 - (L/H)^a))
        // = 1.1 (1 - 0.001^0.1) / (0.1 (1 - 0.001^1.1)) = 5.5416. Its cv is about 4.5, so the SE
        // of the mean is 0.7%; tolerance 3.5%.
        double a = 1.1;
        double expected = a * (1 - Math.pow(0.001, a - 1)) / ((a - 1) * (1 - Math.pow(0.001, a)));
        DurationDistribution b = create("bounded-pareto", Map.of("lower", 1.0, "upper", 1000.0, "shape", a));
        assertEquals(expected, b.meanSeconds(), 1e-9);
        double[] m = moments(b);
        assertEquals(expected, m[0], expected * 0.035);
        // alpha = 1 has its own closed form: L ln(H/L) / (1 - L/H) = ln(1000) / 0.999 = 6.9147.
        assertEquals(Math.log(1000) / 0.999,
                create("bounded-pareto", Map.of("lower", 1.0, "upper", 1000.0, "shape", 1.0)).meanSeconds(), 1e-9);
    }

    /** Inverse transforms at the ends of the unit interval: all-zero and all-one generators. */
    @Test
    void inverseTransformsStayInBoundsForExtremeGenerators() {
        UniformRandomProvider zeros = () -> 0L;
        UniformRandomProvider ones = () -> -1L;
        DistributionSpec spec = new DistributionSpec("bounded-pareto", Map.of("lower", 2.0, "upper", 50.0, "shape", 1.5));
        assertEquals(2_000_000_000L, Distributions.create(spec, zeros).sampleTicks());
        long high = Distributions.create(spec, ones).sampleTicks();
        assertTrue(high <= 50_000_000_000L && high > 49_000_000_000L, "near the upper bound: " + high);
        double[] values = {3, 1, 2};
        assertEquals(1.0, EmpiricalDistribution.of(values, true, zeros).sample());
        assertEquals(3.0, EmpiricalDistribution.of(values, true, ones).sample(), 1e-9);
        assertEquals(3.0, EmpiricalDistribution.of(values, false, ones).sample());
    }

    /**
     * Values 1..100: bootstrap mean 50.5; interpolated quantile function is linear from 1 to 100,
     * mean 50.5 as well; draws of the bootstrap are always one of the values.
     */
    @Test
    void empiricalResamplesItsValues() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i;
        }
        EmpiricalDistribution boot = EmpiricalDistribution.of(values, false, new RandomStreams(5).stream("e"));
        EmpiricalDistribution lin = EmpiricalDistribution.of(values, true, new RandomStreams(5).stream("e"));
        assertEquals(50.5, boot.meanSeconds(), 1e-12);
        assertEquals(50.5, lin.meanSeconds(), 1e-12);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double x = boot.sample();
            assertEquals(Math.rint(x), x);
            sum += x;
        }
        // sd 28.9 / sqrt(n) = 0.046 -> tolerance 0.25
        assertEquals(50.5, sum / N, 0.25);
        assertThrows(IllegalArgumentException.class, () -> EmpiricalDistribution.of(new double[0], true,
                new RandomStreams(1).stream("x")));
        assertThrows(IllegalArgumentException.class, () -> EmpiricalDistribution.of(new double[] {1, -2}, true,
                new RandomStreams(1).stream("x")));
    }

    @Test
    void parametersAreValidatedByName() {
        assertEquals("pareto.shape: 1.0 must be a finite value > 1 (the mean is infinite for shape <= 1;"
                + " use bounded-pareto for heavier tails)", assertThrows(IllegalArgumentException.class,
                        () -> create("pareto", Map.of("shape", 1.0, "scale", 1.0))).getMessage());
        assertEquals("gamma.scale: give either mean and cv, or shape and scale, not both",
                assertThrows(IllegalArgumentException.class,
                        () -> create("gamma", Map.of("scale", 1.0, "mean", 1.0, "cv", 1.0))).getMessage());
        assertEquals("bounded-pareto.upper: 1.0 must be > lower 2.0", assertThrows(IllegalArgumentException.class,
                () -> create("bounded-pareto", Map.of("lower", 2.0, "upper", 1.0, "shape", 1.0))).getMessage());
        assertTrue(Distributions.REGISTRY.names().containsAll(java.util.List.of("constant", "exponential", "lognormal",
                "gamma", "pareto", "bounded-pareto")));
    }
}
