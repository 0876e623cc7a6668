package io.capsim.engine.random;

import io.capsim.engine.kernel.SimTime;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A sampler of whole counts in {@code [min, max]} (token counts, calls per session, sub-agents per
 * fan-out) from a registered duration distribution ({@link Distributions#REGISTRY}) whose parameters
 * are read as counts instead of seconds: a draw is rounded to the nearest integer and clamped to
 * {@code [min, max]}. Sampling allocates nothing.
 */
public final class Counts {

    /**
     * What to draw: a distribution over counts and the range a draw is clamped to.
     *
     * @param distribution the distribution, its parameters in counts
     * @param min smallest count, at least 0
     * @param max largest count, at least {@code min}
     */
    public record Spec(DistributionSpec distribution, long min, long max) {
        public Spec {
            Objects.requireNonNull(distribution, "distribution");
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("counts: [" + min + ", " + max + "] is not a range from 0");
            }
        }

        /** Always {@code n} (0 included: the constant distribution needs a value above 0, the range clamps it). */
        public static Spec constant(long n) {
            return new Spec(new DistributionSpec(Distributions.CONSTANT, java.util.Map.of("value", (double) Math.max(1, n))),
                    n, n);
        }

        /** A sampler drawing from {@code rng}. */
        public Counts create(UniformRandomProvider rng) {
            return Counts.of(distribution, rng, min, max);
        }
    }

    private final DurationDistribution counts;
    private final long min;
    private final long max;

    /**
     * @param counts a distribution whose draws, read in "seconds", are counts
     * @param min smallest count, at least 0
     * @param max largest count (a context limit), at least {@code min}
     */
    public Counts(DurationDistribution counts, long min, long max) {
        this.counts = Objects.requireNonNull(counts, "counts");
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("counts: [" + min + ", " + max + "] is not a range from 0");
        }
        this.min = min;
        this.max = max;
    }

    /**
     * Counts drawn from the registered distribution {@code spec}, whose parameters are counts (for
     * example {@code lognormal} with {@code mean: 1000, cv: 1.5}).
     */
    public static Counts of(DistributionSpec spec, UniformRandomProvider rng, long min, long max) {
        return new Counts(Distributions.create(spec, rng), min, max);
    }

    /** One count. */
    public long sample() {
        long ticks = counts.sampleTicks();
        long n = (ticks + SimTime.SECOND / 2) / SimTime.SECOND;
        return n < min ? min : n > max ? max : n;
    }
}
