package io.capsim.engine.random;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;

/**
 * Resamples measured values (for example a column of a trace) by inverting their empirical
 * distribution function. With {@code interpolate} the inverse is piecewise linear between the
 * sorted values (a continuous distribution on [min, max] with the sample's quantiles); without, a
 * draw is one of the values, each with probability 1/n (the bootstrap).
 *
 * <p>The values are copied and sorted once; sampling is O(1) and allocates nothing. Values are in
 * seconds when used as a {@link DurationDistribution}; {@link #sample()} returns them unconverted,
 * for dimensionless sizes such as token counts.
 */
public final class EmpiricalDistribution implements DurationDistribution {

    private final double[] sorted;
    private final boolean interpolate;
    private final ContinuousSampler uniform;
    private final double mean;

    private EmpiricalDistribution(double[] sorted, boolean interpolate, UniformRandomProvider rng) {
        this.sorted = sorted;
        this.interpolate = interpolate;
        this.uniform = ContinuousUniformSampler.of(rng, 0, 1);
        double m;
        if (interpolate) {
            // Mean of the piecewise-linear quantile function: trapezoids between adjacent values.
            double sum = 0;
            for (int i = 1; i < sorted.length; i++) {
                sum += (sorted[i - 1] + sorted[i]) / 2;
            }
            m = sorted.length == 1 ? sorted[0] : sum / (sorted.length - 1);
        } else {
            double sum = 0;
            for (double v : sorted) {
                sum += v;
            }
            m = sum / sorted.length;
        }
        this.mean = m;
    }

    /**
     * A sampler of {@code values} drawing from {@code rng}.
     *
     * @param values at least one finite, non-negative value; copied
     * @param interpolate true for linear interpolation between sorted values, false to draw the
     *     values themselves
     * @throws IllegalArgumentException if {@code values} is empty or holds a negative or non-finite
     *     value
     */
    public static EmpiricalDistribution of(double[] values, boolean interpolate, UniformRandomProvider rng) {
        Objects.requireNonNull(rng, "rng");
        if (values.length == 0) {
            throw new IllegalArgumentException("empirical distribution needs at least one value");
        }
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!(copy[i] >= 0) || Double.isInfinite(copy[i])) {
                throw new IllegalArgumentException("value " + copy[i] + " at index " + i
                        + " is not a finite value >= 0");
            }
        }
        Arrays.sort(copy);
        return new EmpiricalDistribution(copy, interpolate, rng);
    }

    /** One draw, in the values' own unit. */
    public double sample() {
        double u = uniform.sample();
        int n = sorted.length;
        if (!interpolate || n == 1) {
            int i = (int) (u * n);
            return sorted[i < n ? i : n - 1];
        }
        double x = u * (n - 1);
        int i = (int) x;
        if (i >= n - 1) {
            return sorted[n - 1];
        }
        double f = x - i;
        return sorted[i] + f * (sorted[i + 1] - sorted[i]);
    }

    @Override
    public long sampleTicks() {
        return Distributions.toTicks(sample());
    }

    /** The distribution's mean, in the values' unit (seconds for durations). */
    @Override
    public double meanSeconds() {
        return mean;
    }

    /** Number of values. */
    public int size() {
        return sorted.length;
    }
}
