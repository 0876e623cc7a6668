package io.capsim.engine.serving;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.results.LatencyRecorder;
import io.capsim.engine.results.LlmResult;
import io.capsim.engine.results.TimeWeighted;

/**
 * The LLM measurements of one service, which its {@link ContinuousBatching} replicas report to: time
 * to first token, time per output token, inter-token latency, tokens, steps, preemptions, and the
 * running batch and KV-cache use over time. Each report costs O(1), whatever the batch size.
 */
public final class LlmMeter {

    private final LlmSpec spec;
    private final long measureFrom;
    private LatencyRecorder ttft = new LatencyRecorder();
    private LatencyRecorder tpot = new LatencyRecorder();
    private LatencyRecorder itl = new LatencyRecorder();
    private long outputTokens;
    private long prefillTokens;
    private long recomputedTokens;
    private long steps;
    private long preemptions;
    private long refused;
    private long prefixLookups;
    private long prefixHits;
    private long prefixPromptTokens;
    private long prefixHitTokens;
    private long prefixEvictions;
    private final TimeWeighted batch = new TimeWeighted();
    private final TimeWeighted kvUsed = new TimeWeighted();
    private final TimeWeighted kvTotal = new TimeWeighted();

    /** A meter measuring from {@code measureFromTicks} on. */
    public LlmMeter(LlmSpec spec, long measureFromTicks) {
        this.spec = spec;
        this.measureFrom = measureFromTicks;
    }

    /** Starts the measured window. */
    public void startMeasuring(long now) {
        ttft = new LatencyRecorder();
        tpot = new LatencyRecorder();
        itl = new LatencyRecorder();
        outputTokens = 0;
        prefillTokens = 0;
        recomputedTokens = 0;
        steps = 0;
        preemptions = 0;
        refused = 0;
        prefixLookups = 0;
        prefixHits = 0;
        prefixPromptTokens = 0;
        prefixHitTokens = 0;
        prefixEvictions = 0;
        batch.reset(now);
        kvUsed.reset(now);
        kvTotal.reset(now);
    }

    /**
     * A step ended now.
     *
     * @param stepTicks its duration
     * @param decodes tokens it decoded (one per decoding request)
     * @param firstTokens prefills it completed (each a new token)
     * @param prefill prompt tokens it computed
     */
    void step(long now, long stepTicks, int decodes, int firstTokens, long prefill) {
        if (now < measureFrom) {
            return;
        }
        steps++;
        outputTokens += decodes + firstTokens;
        prefillTokens += prefill;
        itl.recordTicks(stepTicks, decodes);
    }

    /** A request that arrived at {@code arrival} got its first token at {@code at} (client side). */
    void firstToken(long arrival, long at) {
        if (arrival >= measureFrom) {
            ttft.recordTicks(at - arrival);
        }
    }

    /** A request of {@code out} output tokens completed; its first token came {@code sinceFirst} ago. */
    void completed(long arrival, long out, long sinceFirst) {
        if (arrival >= measureFrom && out > 1) {
            tpot.recordTicks(sinceFirst / (out - 1));
        }
    }

    /** A request was preempted now, losing {@code tokens} of KV cache it will compute again. */
    void preempted(long now, long tokens) {
        if (now >= measureFrom) {
            preemptions++;
            recomputedTokens += tokens;
        }
    }

    /** A request that arrived at {@code arrival} was admitted with {@code whole} tokens to prefill, {@code hit} of them cached. */
    void prefixLookup(long arrival, long whole, long hit) {
        if (arrival >= measureFrom) {
            prefixLookups++;
            prefixPromptTokens += whole;
            if (hit > 0) {
                prefixHits++;
                prefixHitTokens += hit;
            }
        }
    }

    /** A prefix block was evicted now. */
    void prefixEvicted(long now) {
        if (now >= measureFrom) {
            prefixEvictions++;
        }
    }

    void refused(long arrival) {
        if (arrival >= measureFrom) {
            refused++;
        }
    }

    void batchChanged(long now, int delta) {
        batch.add(now, delta);
    }

    void kvChanged(long now, long deltaBlocks) {
        kvUsed.add(now, deltaBlocks);
    }

    /** A replica with {@code blocks} KV blocks joined (positive) or left (negative). */
    void replicaChanged(long now, long blocks) {
        kvTotal.add(now, blocks);
    }

    /** Requests running now, all replicas. */
    public double batchNow() {
        return batch.value();
    }

    /** KV blocks in use now ÷ blocks of the ready replicas (0 without any). */
    public double kvUseNow() {
        return kvTotal.value() > 0 ? kvUsed.value() / kvTotal.value() : 0;
    }

    /** What was measured up to {@code now}. */
    public LlmResult result(long now) {
        double seconds = SimTime.toSeconds(now - measureFrom);
        double total = kvTotal.average(now);
        return new LlmResult(spec.profile(), spec.kvCacheTokens(), ttft.histogram(), tpot.histogram(),
                itl.histogram(), ttft.meanMillis(), tpot.meanMillis(), itl.meanMillis(), outputTokens,
                seconds > 0 ? outputTokens / seconds : 0, prefillTokens, recomputedTokens, steps, preemptions, refused,
                batch.average(now), total > 0 ? kvUsed.average(now) / total : 0, !spec.prefixCaching() ? null
                        : new LlmResult.PrefixCache(prefixLookups, prefixHits, prefixPromptTokens, prefixHitTokens,
                                prefixEvictions));
    }
}
