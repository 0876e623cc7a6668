package io.capsim.engine.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The step cost model alone, on round numbers worked out by hand. */
class LlmCostModelTest {

    // fixed 1 ms; weights 10 GB at 2 TB/s = 5 ms; 10 GFLOP per token at 500 TFLOP/s = 20 us per token
    // (compute-bound past 250 tokens); 10 us per request; 10 layers of hidden 1,000: 40,000 FLOP per
    // attention pair; 100 kB of KV per token (10 kB per layer) read at 1 TB/s, floor 0.02 ms per layer.
    private static final LlmCostModel M = new LlmCostModel(1e-3, 10e9, 2e12, 10e9, 500e12, 10e-6, 10, 1000, 1e5, 1e12,
            0.02e-3, 1, 0);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // 1 + 5 + 0.01 + 10 x max(0.02, 101 x 10 kB / 1 TB/s = 0.001) = 6.21
        "one decode at context 100        | 1   | 1  | 0      | 1  | 101    | 6.21",
        // 1 + max(5, 64 x 0.02 = 1.28) + 0.64 + 10 x max(0.02, 128,000 x 10 kB / 1 TB/s = 1.28) = 19.44
        "64 decodes at context 2,000      | 64  | 64 | 0      | 64 | 128000 | 19.44",
        // 1 + max(5, 1,000 x 0.02 = 20) + 0.01 + 500,500 pairs x 40,000 / 500e12 = 0.04004 -> 21.05004
        "a prompt of 1,000 alone          | 1000 | 1 | 500500 | 0  | 0      | 21.05004",
        // a chunk of 500 after 1,000 cached (500 x 1,000 + 500 x 501 / 2 = 625,250 pairs) and 10 decodes
        // reading 5,000 tokens: 1 + max(5, 510 x 0.02 = 10.2) + 0.11 + 0.05002 + 10 x max(0.02, 0.05) = 11.86002
        "a chunk and 10 decodes           | 510 | 11 | 625250 | 10 | 5000   | 11.86002",
    })
    void stepTimesWorkedOutByHand(String name, long tokens, int requests, double pairs, int decodes, long kv,
            double ms) {
        assertEquals(ms, M.stepSeconds(tokens, requests, pairs, decodes, kv) * 1e3, 1e-9);
    }

    @Test
    void tensorParallelismSplitsWeightsFlopsAndKvAndAddsCommunication() {
        // The 64-decode case over 2 GPUs, 0.01 ms per layer: 1 + max(2.5, 0.64) + 0.64 + 10 x max(0.02, 0.64)
        // + 10 x 0.01 = 10.64
        assertEquals(10.64, M.withTensorParallel(2, 0.01e-3).stepSeconds(64, 64, 0, 64, 128000) * 1e3, 1e-9);
    }

    @Test
    void chunkedPrefillAttentionAddsUpToTheWholePrompts() {
        // 1,000 x 1,001 / 2 = 500,500 = (600 x 601 / 2 = 180,300) + (400 x 600 + 400 x 401 / 2 = 320,200)
        assertEquals(500_500, LlmCostModel.prefillPairs(0, 1000));
        assertEquals(500_500, LlmCostModel.prefillPairs(0, 600) + LlmCostModel.prefillPairs(600, 400));
    }

    @Test
    void profilesAreFoundByNameAndTheH100IsTheH200ScaledByBandwidth() {
        for (String n : new String[] {"llama-3-8b-h200", "llama-3.2-3b-h200", "llama-3-8b-h100", "llama-3.2-3b-h100"}) {
            assertTrue(LlmProfiles.REGISTRY.find(n).isPresent(), n);
        }
        LlmProfiles.Profile h100 = LlmProfiles.REGISTRY.find("llama-3-8b-h100").orElseThrow();
        assertTrue(h100.derived());
        assertEquals(2.537e12 * 3.35 / 4.8, h100.cost().weightBandwidth(), 1e3);
        assertEquals(LlmProfiles.LLAMA_3_8B_H200.flops(), h100.cost().flops());
        // Decode at batch 1: 16.06 GB / 1.7706 TB/s = 9.071 ms + 32 x 0.03 ms = 10.031 ms on the H100,
        // against 6.3305 + 0.96 = 7.2905 ms on the H200.
        assertEquals(10.031, h100.cost().stepSeconds(1, 1, 0, 1, 1000) * 1e3, 1e-3);
        assertEquals(7.2905, LlmProfiles.LLAMA_3_8B_H200.stepSeconds(1, 1, 0, 1, 1000) * 1e3, 1e-3);
    }
}
