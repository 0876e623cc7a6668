package io.capsim.engine.serving;

/**
 * How long one iteration (step) of an LLM server takes, as a pure function of the step's
 * aggregates: one step runs prefill chunks and one decode token for each decoding request
 * together, as vLLM's and SGLang's schedulers do. For a replica over {@code tp} GPUs (tensor
 * parallelism: weights, FLOPs and KV split evenly):
 *
 * <pre>
 * step = fixed
 *      + max(weightBytes / (tp × weightBandwidth), flopsPerToken × tokens / (tp × flops))  (weight GEMMs)
 *      + perRequest × requests                                                           (sampling, scheduling)
 *      + attentionFlopsPerPair × prefillPairs / (tp × flops)                              (prefill attention)
 *      + [decodes &gt; 0] layers × max(attentionFloor, kvBytesRead / layers / (tp × attentionBandwidth))
 *      + [tp &gt; 1] layers × commPerLayer                                                   (all-reduce)
 * </pre>
 *
 * where {@code tokens} counts every token the step computes (prefill chunk tokens plus one per
 * decode), {@code prefillPairs} the (query, key) pairs of the prefill chunks' causal attention (a
 * chunk of {@code c} tokens after {@code p} already in the cache has {@code c·p + c(c+1)/2}; a
 * whole prompt of {@code L} tokens, {@code L(L+1)/2}: quadratic), and {@code kvBytesRead} the KV
 * cache the decodes read. The quadratic term's constant comes from the FLOP count: each pair costs
 * {@code 4 × hidden} FLOPs per layer (QKᵀ and the product with V), so
 * {@code attentionFlopsPerPair = 4 × layers × hidden}. Fitted defaults are in {@link LlmProfiles};
 * docs/LLM.md says from which measurements.
 *
 * @param fixedSeconds fixed cost per step, s (at least 0)
 * @param weightBytes bytes of the model's weights read once per step
 * @param weightBandwidth effective bandwidth of the weight read, bytes/s per GPU
 * @param flopsPerToken FLOPs of the weight GEMMs per token (2 × parameters)
 * @param flops effective FLOP/s of the GEMMs and of prefill attention, per GPU
 * @param perRequestSeconds cost per request in the step, s
 * @param layers transformer layers
 * @param hidden hidden size (query heads × head dimension)
 * @param kvBytesPerToken bytes of KV cache one token holds (all layers)
 * @param attentionBandwidth bandwidth at which decode attention reads the KV cache, bytes/s per GPU
 * @param attentionFloorSeconds least time of one layer's decode attention, s
 * @param tensorParallel GPUs the replica spans (at least 1)
 * @param commPerLayerSeconds communication cost per layer when {@code tensorParallel > 1}, s
 */
public record LlmCostModel(
        double fixedSeconds,
        double weightBytes,
        double weightBandwidth,
        double flopsPerToken,
        double flops,
        double perRequestSeconds,
        int layers,
        int hidden,
        double kvBytesPerToken,
        double attentionBandwidth,
        double attentionFloorSeconds,
        int tensorParallel,
        double commPerLayerSeconds) {

    public LlmCostModel {
        if (!(fixedSeconds >= 0 && weightBytes > 0 && weightBandwidth > 0 && flopsPerToken > 0 && flops > 0
                && perRequestSeconds >= 0 && kvBytesPerToken > 0 && attentionBandwidth > 0
                && attentionFloorSeconds >= 0 && commPerLayerSeconds >= 0)
                || !Double.isFinite(fixedSeconds + weightBytes + weightBandwidth + flopsPerToken + flops
                        + perRequestSeconds + kvBytesPerToken + attentionBandwidth + attentionFloorSeconds
                        + commPerLayerSeconds)
                || layers < 1 || hidden < 1 || tensorParallel < 1) {
            throw new IllegalArgumentException("invalid LLM cost model " + fixedSeconds + ", " + weightBytes + ", ...");
        }
    }

    /** FLOPs of one (query, key) pair of attention over all layers: {@code 4 × layers × hidden}. */
    public double attentionFlopsPerPair() {
        return 4.0 * layers * hidden;
    }

    /** The same model spread over {@code tp} GPUs with {@code commPerLayer} seconds of communication per layer. */
    public LlmCostModel withTensorParallel(int tp, double commPerLayer) {
        return new LlmCostModel(fixedSeconds, weightBytes, weightBandwidth, flopsPerToken, flops, perRequestSeconds,
                layers, hidden, kvBytesPerToken, attentionBandwidth, attentionFloorSeconds, tp, commPerLayer);
    }

    /**
     * Duration of one step, seconds.
     *
     * @param tokens tokens the step computes (prefill chunk tokens + decodes), at least 1
     * @param requests requests in the step (prefill chunks + decodes)
     * @param prefillPairs causal attention pairs of the step's prefill chunks
     * @param decodes requests decoding one token in the step
     * @param kvTokensRead KV-cache tokens the decodes attend to (each decode: its context, the new token included)
     */
    public double stepSeconds(long tokens, int requests, double prefillPairs, int decodes, long kvTokensRead) {
        double tp = tensorParallel;
        double t = fixedSeconds
                + Math.max(weightBytes / (tp * weightBandwidth), flopsPerToken * tokens / (tp * flops))
                + perRequestSeconds * requests
                + attentionFlopsPerPair() * prefillPairs / (tp * flops);
        if (decodes > 0) {
            t += layers * Math.max(attentionFloorSeconds,
                    kvTokensRead * kvBytesPerToken / layers / (tp * attentionBandwidth));
        }
        if (tensorParallel > 1) {
            t += layers * commPerLayerSeconds;
        }
        return t;
    }

    /** Causal attention pairs of a prefill chunk of {@code chunk} tokens after {@code cached} tokens already in the cache. */
    public static double prefillPairs(long cached, long chunk) {
        return (double) chunk * cached + chunk * (chunk + 1.0) / 2;
    }
}
