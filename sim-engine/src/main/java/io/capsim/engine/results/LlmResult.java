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
 * @param meanKvCacheUse time-average KV blocks in use ÷ blocks of the ready replicas (0 without any;
 *     blocks of cached prefixes no running request holds count as free)
 * @param prefixCache what the prefix caches did, or null when prefix caching is off
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
        double meanKvCacheUse,
        PrefixCache prefixCache) {

    /**
     * What the replicas' prefix caches did in the window, over the admissions of requests that
     * arrived in it (a request preempted and admitted again is looked up again).
     *
     * @param lookups admissions
     * @param hits admissions that found at least one leading prompt block cached
     * @param promptTokens tokens to prefill at those admissions before the cache (prompt, plus the
     *     tokens generated before a preemption)
     * @param hitTokens of those, tokens found cached: prefill saved
     * @param evictedBlocks prefix blocks evicted to make room (all requests)
     */
    public record PrefixCache(long lookups, long hits, long promptTokens, long hitTokens, long evictedBlocks) {

        /** Hits ÷ lookups (0 without any). */
        public double requestHitRate() {
            return lookups > 0 ? (double) hits / lookups : 0;
        }

        /** Hit tokens ÷ prompt tokens (0 without any). */
        public double tokenHitRate() {
            return promptTokens > 0 ? (double) hitTokens / promptTokens : 0;
        }
    }

    public LlmResult {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(ttftMicros, "ttftMicros");
        Objects.requireNonNull(tpotMicros, "tpotMicros");
        Objects.requireNonNull(itlMicros, "itlMicros");
    }
}
