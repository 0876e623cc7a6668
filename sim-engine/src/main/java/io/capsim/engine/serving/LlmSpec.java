package io.capsim.engine.serving;

import java.util.Objects;

/**
 * How a {@code continuous-batching} replica serves LLM requests ({@code services.<name>.llm}).
 *
 * @param profile name of the cost model's profile ({@link LlmProfiles}), or {@code custom}
 * @param cost the step cost model (tensor parallelism included)
 * @param kvCacheBlocks KV-cache blocks of one replica, at least 1
 * @param blockTokens tokens per KV block (vLLM's paged cache: 16), at least 1
 * @param maxBatchedTokens most tokens one step computes (prefill chunk tokens plus decodes),
 *     at least the batch cap, as vLLM's {@code max_num_batched_tokens}
 * @param chunkedPrefill true to split prompts over steps within the token budget; false to prefill
 *     a prompt whole in one step (a prompt longer than the budget runs alone)
 * @param tokenizeTicks delay before a request may be admitted (tokenization), ns
 * @param streamTicks delay from a token's generation to the client receiving it, ns: added to the
 *     time to first token and to the end-to-end latency
 * @param detokenizeTicks delay after the last token before the request completes, ns
 * @param prefixCaching true to keep a per-replica cache of prompt prefix blocks (vLLM's automatic
 *     prefix caching, SGLang's radix cache) for requests that carry prefix block ids
 * @param prefixBlockTokens tokens per prefix block of the requests' ids (Mooncake: 512), a multiple
 *     of {@code blockTokens}
 * @param coldStartTicks a replica's startup from bind to Ready, image pull plus model load, ns; -1
 *     when not given (the pod template's startup time applies)
 */
public record LlmSpec(
        String profile,
        LlmCostModel cost,
        long kvCacheBlocks,
        int blockTokens,
        int maxBatchedTokens,
        boolean chunkedPrefill,
        long tokenizeTicks,
        long streamTicks,
        long detokenizeTicks,
        boolean prefixCaching,
        int prefixBlockTokens,
        long coldStartTicks) {

    /** Tokens per prefix block by default: the Mooncake trace's {@code hash_ids} blocks. */
    public static final int DEFAULT_PREFIX_BLOCK_TOKENS = 512;

    /** A spec without prefix caching. */
    public LlmSpec(String profile, LlmCostModel cost, long kvCacheBlocks, int blockTokens, int maxBatchedTokens,
            boolean chunkedPrefill, long tokenizeTicks, long streamTicks, long detokenizeTicks) {
        this(profile, cost, kvCacheBlocks, blockTokens, maxBatchedTokens, chunkedPrefill, tokenizeTicks, streamTicks,
                detokenizeTicks, false, DEFAULT_PREFIX_BLOCK_TOKENS, -1);
    }

    public LlmSpec {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(cost, "cost");
        if (kvCacheBlocks < 1 || blockTokens < 1 || maxBatchedTokens < 1 || tokenizeTicks < 0 || streamTicks < 0
                || detokenizeTicks < 0 || prefixBlockTokens < blockTokens || prefixBlockTokens % blockTokens != 0
                || coldStartTicks < -1) {
            throw new IllegalArgumentException("invalid LLM spec for profile " + profile);
        }
    }

    /** KV-cache capacity of one replica, tokens. */
    public long kvCacheTokens() {
        return kvCacheBlocks * blockTokens;
    }

    /** True if a request of {@code in} prompt and {@code out} output tokens fits the KV cache alone. */
    public boolean fits(long in, long out) {
        return in + Math.max(1, out) - 1 <= kvCacheTokens();
    }
}
