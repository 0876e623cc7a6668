package io.capsim.engine.serving;

/**
 * Service demand of an LLM request from its token counts: a fixed cost, a prefill cost per
 * prompt token and a decode cost per output token. Each request holds one of its replica's
 * {@code concurrency} slots (its place in the running batch) for
 * {@code base + inputTokens × perInputToken + outputTokens × perOutputToken}, so
 * {@code perOutputTokenTicks} should be the decode step time at the batch size the service runs
 * (see docs/SCENARIOS.md for values calibrated on an H200).
 *
 * @param baseTicks fixed cost per request, ns
 * @param perInputTokenTicks prefill cost per prompt token, ns
 * @param perOutputTokenTicks decode cost per output token, ns
 */
public record TokenWork(double baseTicks, double perInputTokenTicks, double perOutputTokenTicks) {

    public TokenWork {
        if (!(baseTicks >= 0 && perInputTokenTicks >= 0 && perOutputTokenTicks >= 0)
                || !Double.isFinite(baseTicks + perInputTokenTicks + perOutputTokenTicks)) {
            throw new IllegalArgumentException("token work costs must be finite and not negative");
        }
    }

    /** Demand in ticks for a request with the given token counts (absent counts, -1, count as 0). */
    public long ticks(long inputTokens, long outputTokens) {
        double t = baseTicks + Math.max(0, inputTokens) * perInputTokenTicks
                + Math.max(0, outputTokens) * perOutputTokenTicks;
        return t >= 0x1p62 ? 1L << 62 : (long) (t + 0.5);
    }
}
