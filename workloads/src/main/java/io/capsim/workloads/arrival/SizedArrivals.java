package io.capsim.workloads.arrival;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.random.Distributions;
import io.capsim.engine.random.DurationDistribution;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.transform.Delegating;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Gives synthetic arrivals sizes drawn from distributions: a service demand, and an LLM request's
 * prompt and output token counts. Each size is drawn on {@link #advance()} from its own sampler, so
 * the engine sees plain getters and nothing is allocated per arrival.
 *
 * <p>Token counts use the same distributions as durations ({@link Distributions#REGISTRY}: constant,
 * exponential, lognormal, gamma, pareto, bounded-pareto, or an
 * {@link io.capsim.engine.random.EmpiricalDistribution}) with their parameters read as token counts
 * instead of seconds; a draw is rounded to the nearest integer and clamped to {@code [min, max]}.
 */
public final class SizedArrivals extends Delegating {

    private final DurationDistribution work;
    private final Tokens input;
    private final Tokens output;
    private long workTicks = NO_WORK;
    private long inputTokens = NO_VALUE;
    private long outputTokens = NO_VALUE;

    /**
     * @param source the arrivals; its own sizes are replaced only where a distribution is given
     * @param work service demand distribution, or null to keep the source's
     * @param input prompt-token sampler, or null to keep the source's
     * @param output output-token sampler, or null to keep the source's
     */
    public SizedArrivals(ArrivalCursor source, DurationDistribution work, Tokens input, Tokens output) {
        super(source);
        this.work = work;
        this.input = input;
        this.output = output;
    }

    @Override
    public boolean advance() {
        if (!source.advance()) {
            return false;
        }
        workTicks = work != null ? work.sampleTicks() : source.workTicks();
        inputTokens = input != null ? input.sample() : source.inputTokens();
        outputTokens = output != null ? output.sample() : source.outputTokens();
        return true;
    }


    @Override
    public long workTicks() {
        return workTicks;
    }

    @Override
    public long inputTokens() {
        return inputTokens;
    }

    @Override
    public long outputTokens() {
        return outputTokens;
    }






    /** A sampler of token counts in {@code [min, max]}. */
    public static final class Tokens {
        private final DurationDistribution counts;
        private final long min;
        private final long max;

        /**
         * @param counts a distribution whose draws, read in "seconds", are token counts
         * @param min smallest count, at least 0
         * @param max largest count (a context limit), at least {@code min}
         */
        public Tokens(DurationDistribution counts, long min, long max) {
            this.counts = Objects.requireNonNull(counts, "counts");
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("tokens: [" + min + ", " + max + "] is not a range from 0");
            }
            this.min = min;
            this.max = max;
        }

        /**
         * Tokens drawn from the registered distribution {@code spec}, whose parameters are token
         * counts (for example {@code lognormal} with {@code mean: 1000, cv: 1.5}).
         */
        public static Tokens of(DistributionSpec spec, UniformRandomProvider rng, long min, long max) {
            return new Tokens(Distributions.create(spec, rng), min, max);
        }

        /** One count. */
        public long sample() {
            long ticks = counts.sampleTicks();
            long n = (ticks + SimTime.SECOND / 2) / SimTime.SECOND;
            return n < min ? min : n > max ? max : n;
        }

        /** The unclamped distribution's mean count. */
        public double mean() {
            return counts.meanSeconds();
        }
    }
}
