package io.capsim.workloads.arrival;

import io.capsim.engine.random.Counts;
import io.capsim.engine.random.DurationDistribution;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.transform.Delegating;

/**
 * Gives synthetic arrivals sizes drawn from distributions: a service demand, and an LLM request's
 * prompt and output token counts. Each size is drawn on {@link #advance()} from its own sampler, so
 * the engine sees plain getters and nothing is allocated per arrival.
 *
 * <p>Token counts are {@link Counts}: the same distributions as durations (constant, exponential,
 * lognormal, gamma, pareto, bounded-pareto, or an {@link io.capsim.engine.random.EmpiricalDistribution})
 * with their parameters read as token counts instead of seconds; a draw is rounded to the nearest
 * integer and clamped to {@code [min, max]}.
 */
public final class SizedArrivals extends Delegating {

    private final DurationDistribution work;
    private final Counts input;
    private final Counts output;
    private long workTicks = NO_WORK;
    private long inputTokens = NO_VALUE;
    private long outputTokens = NO_VALUE;

    /**
     * @param source the arrivals; its own sizes are replaced only where a distribution is given
     * @param work service demand distribution, or null to keep the source's
     * @param input prompt-token sampler, or null to keep the source's
     * @param output output-token sampler, or null to keep the source's
     */
    public SizedArrivals(ArrivalCursor source, DurationDistribution work, Counts input, Counts output) {
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
}
