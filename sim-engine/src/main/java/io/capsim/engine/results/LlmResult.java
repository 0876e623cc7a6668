package io.capsim.engine.results;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What the {@code continuous-batching} replicas of one service did in the measured window.
 *
 * @param profile the cost model's profile name
 * @param kvCacheTokens KV-cache capacity of one replica, tokens
 * @param ttftMicros time to first token of the requests (arrived in the window) that got one, µs
 * @param tpotMicros time per output token after the first, (last − first token) / (output − 1), of
 *     the completed requests with at least two output tokens, µs
 * @param itlMicros inter-token latency: one value per decoded token (the step that produced it), µs
 * @param meanTtftMs exact mean TTFT, ms (NaN if none)
 * @param meanTpotMs exact mean TPOT, ms (NaN if none)
 * @param meanItlMs exact mean inter-token latency, ms (NaN if none)
 * @param outputTokens tokens generated in the window (all requests)
 * @param outputTokensPerSecond {@code outputTokens} / measured seconds
 * @param prefillTokens prompt tokens computed in the window, recomputation included
 * @param recomputedTokens KV-cache tokens discarded by the window's preemptions (computed again on readmission)
 * @param steps iterations run in the window, summed over replicas
 * @param preemptions requests preempted (their KV freed, recomputed later) in the window
 * @param refused requests refused because they carry no token counts or can never fit the KV cache
 * @param meanBatch time-average requests running (admitted, KV held), summed over replicas
 * @param meanKvCacheUse time-average KV blocks in use ÷ blocks of the ready replicas (0 without any)
 */
public record LlmResult(
        String profile,
        long kvCacheTokens,
        Histogram ttftMicros,
        Histogram tpotMicros,
        Histogram itlMicros,
        double meanTtftMs,
        double meanTpotMs,
        double meanItlMs,
        long outputTokens,
        double outputTokensPerSecond,
        long prefillTokens,
        long recomputedTokens,
        long steps,
        long preemptions,
        long refused,
        double meanBatch,
        double meanKvCacheUse) {

    public LlmResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(ttftMicros, "ttftMicros");
        Objects.requireNonNull(tpotMicros, "tpotMicros");
        Objects.requireNonNull(itlMicros, "itlMicros");
    }
}
