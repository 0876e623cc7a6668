package io.capsim.engine.random;

/**
 * A sampler of non-negative durations in ticks, bound to one random stream. Sampling allocates
 * nothing.
 */
public interface DurationDistribution {

    /** One draw, in ticks (nanoseconds), never negative. */
    long sampleTicks();

    /** The distribution's mean, in seconds. */
    double meanSeconds();
}
