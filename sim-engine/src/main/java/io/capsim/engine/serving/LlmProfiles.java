package io.capsim.engine.serving;

import io.capsim.engine.spi.Registry;
import java.util.List;

/**
 * Built-in cost models of a model on a GPU, by name ({@code services.<name>.llm.profile}).
 *
 * <p>The H200 profiles are fitted to the measurements in {@code docs/calibration/llm-h200.md} (one
 * NVIDIA H200, bf16; see docs/LLM.md for the rows used and the fit's error):
 * <ul>
 *   <li>{@code weightBandwidth}: the weight GEMMs of one decode step at batch 1, 16 and 64
 *       (memory-bound: weight bytes / time, geometric mean);
 *   <li>{@code flops}: prefill of 1k-8k tokens (8B) and 2k-8k tokens (3B), where it is
 *       compute-bound, fitted to {@code (flopsPerToken × L + 4·layers·hidden × L(L+1)/2) / flops},
 *       the quadratic term from the attention FLOP count;
 *   <li>{@code attentionBandwidth} and {@code attentionFloor}: decode attention per layer over
 *       0.1 ms (KV bytes / time, geometric mean), and the 0.03 ms floor the small cases show;
 *   <li>{@code fixed} and {@code perRequest} 0: the optimised (CUDA-graph) view, whose GEMM timings
 *       include their launches; the eager figures' 13-19 ms launch overhead is left out.
 * </ul>
 * The H100 profiles are derived, not measured: the memory-bound terms (weight read, decode
 * attention) scaled by the nominal bandwidth ratio 3.35 / 4.8 TB/s, the same FLOP/s (both are
 * 989 TFLOP/s dense bf16), 80 GB of memory.
 */
public final class LlmProfiles {

    /**
     * A named profile.
     *
     * @param name name, for example {@code llama-3-8b-h200}
     * @param cost the cost model on one GPU
     * @param gpuMemoryBytes memory of one GPU, bytes (nominal)
     * @param derived true if derived from another GPU's fit rather than fitted to measurements
     */
    public record Profile(String name, LlmCostModel cost, double gpuMemoryBytes, boolean derived) {}

    /** H200 memory, bytes (141 GB nominal). */
    public static final double H200_MEMORY = 141e9;
    /** H100 SXM memory, bytes (80 GB nominal). */
    public static final double H100_MEMORY = 80e9;
    /** H100 / H200 nominal memory bandwidth: 3.35 / 4.8 TB/s. */
    public static final double H100_BANDWIDTH_RATIO = 3.35 / 4.8;

    /** Decode attention's KV read bandwidth on the H200, bytes/s (fitted). */
    static final double H200_ATTENTION_BANDWIDTH = 4.086e12;
    /** Decode attention's least time per layer on the H200, s (measured floor). */
    static final double H200_ATTENTION_FLOOR = 0.03e-3;

    /** Llama-3-8B on one H200: 32 layers, hidden 4096, 8.03 B parameters, 131,072 KV bytes per token. */
    public static final LlmCostModel LLAMA_3_8B_H200 = new LlmCostModel(0, 2 * 8_030_261_248.0, 2.537e12,
            2 * 8_030_261_248.0, 581.6e12, 0, 32, 4096, 131_072, H200_ATTENTION_BANDWIDTH, H200_ATTENTION_FLOOR, 1, 0);

    /** Llama-3.2-3B on one H200: 28 layers, hidden 3072, 3.61 B parameters, 114,688 KV bytes per token. */
    public static final LlmCostModel LLAMA_3_2_3B_H200 = new LlmCostModel(0, 2 * 3_606_752_256.0, 1.761e12,
            2 * 3_606_752_256.0, 554.1e12, 0, 28, 3072, 114_688, H200_ATTENTION_BANDWIDTH, H200_ATTENTION_FLOOR, 1, 0);

    /** Every built-in profile, by name. */
    public static final Registry<Profile> REGISTRY = Registry.of("LLM profile", List.of(
            new Profile("llama-3-8b-h200", LLAMA_3_8B_H200, H200_MEMORY, false),
            new Profile("llama-3.2-3b-h200", LLAMA_3_2_3B_H200, H200_MEMORY, false),
            new Profile("llama-3-8b-h100", onH100(LLAMA_3_8B_H200), H100_MEMORY, true),
            new Profile("llama-3.2-3b-h100", onH100(LLAMA_3_2_3B_H200), H100_MEMORY, true)), Profile::name);

    private LlmProfiles() {}

    /** An H200 fit moved to an H100: bandwidth terms scaled by {@link #H100_BANDWIDTH_RATIO}, FLOP/s kept. */
    static LlmCostModel onH100(LlmCostModel h200) {
        return new LlmCostModel(h200.fixedSeconds(), h200.weightBytes(), h200.weightBandwidth() * H100_BANDWIDTH_RATIO,
                h200.flopsPerToken(), h200.flops(), h200.perRequestSeconds(), h200.layers(), h200.hidden(),
                h200.kvBytesPerToken(), h200.attentionBandwidth() * H100_BANDWIDTH_RATIO, h200.attentionFloorSeconds(),
                1, 0);
    }
}
