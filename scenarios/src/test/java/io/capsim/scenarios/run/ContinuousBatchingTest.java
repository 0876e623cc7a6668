package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.results.LlmResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.serving.LlmCostModel;
import io.capsim.engine.serving.LlmProfiles;
import io.capsim.scenarios.TokenTraceScenario;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code continuous-batching} engine from scenario files, against the cost model worked out by
 * hand: one request alone, the batch cap's effect on throughput and time per output token, and a
 * KV cache too small for the load.
 */
class ContinuousBatchingTest {

    @TempDir
    Path dir;

    private static final LlmCostModel M = LlmProfiles.LLAMA_3_8B_H200;

    /** Ticks of a step as the engine rounds it (up to a whole nanosecond). */
    private static long ticks(double seconds) {
        return (long) Math.ceil(seconds * 1e9);
    }

    private ServiceResult run(String llm, String concurrency, String rows) throws IOException {
        Path yaml = TokenTraceScenario.write(dir, "llm", "2000s", 1, """
                replicas: 1
                engine: continuous-batching
                concurrency: %s
                resources: {cpu: 4, memory: 32Gi, gpu: 1}
                llm: %s""".formatted(concurrency, llm), rows);
        return ScenarioRunner.run(ScenarioReader.read(yaml, List.of())).services().get(0);
    }

    @Test
    void oneRequestAloneTakesThePrefillThenOneDecodeStepPerToken() throws IOException {
        // Llama-3-8B on an H200, a prompt of 1,000 tokens and 101 output tokens, alone:
        //   prefill = max(16.0605e9 B / 2.537e12 B/s = 6.3305 ms, 16.0605e9 FLOP x 1000 / 581.6e12 = 27.614 ms)
        //           + 4 x 32 x 4096 FLOP x 1000 x 1001 / 2 pairs / 581.6e12 = 0.4512 ms   -> 28.065 ms
        //   decode  = max(6.3305 ms, 16.0605e9 / 581.6e12 = 0.0276 ms)
        //           + 32 layers x max(0.03 ms, <= 1,101 tokens x 4,096 B / 4.086e12 B/s = 0.0011 ms) -> 7.2905 ms
        double prefill = 16_060_522_496.0 * 1000 / 581.6e12
                + 4.0 * 32 * 4096 * (1000 * 1001 / 2.0) / 581.6e12;
        double decode = 16_060_522_496.0 / 2.537e12 + 32 * 0.03e-3;
        assertEquals(28.065e-3, prefill, 1e-6);
        assertEquals(7.2905e-3, decode, 1e-6);
        assertEquals(prefill, M.stepSeconds(1000, 1, LlmCostModel.prefillPairs(0, 1000), 0, 0), 1e-15);
        assertEquals(decode, M.stepSeconds(1, 1, 0, 1, 1001), 1e-15);

        ServiceResult s = run("{profile: llama-3-8b-h200}", "1", "1,1000,101\n");
        LlmResult l = s.llm();
        assertNotNull(l);
        assertEquals(1, s.completed());
        assertEquals(ticks(prefill) / 1e6, l.meanTtftMs(), 1e-9, "TTFT = the prefill step");
        assertEquals(ticks(decode) / 1e6, l.meanTpotMs(), 1e-9, "TPOT = the decode step");
        assertEquals((ticks(prefill) + 100 * ticks(decode)) / 1e6, s.meanResponseMs(), 1e-9);
        assertEquals(101, l.outputTokens());
        assertEquals(1000, l.prefillTokens());
        assertEquals(101, l.steps());
        assertEquals(0, l.preemptions());
        assertEquals(100, l.itlMicros().getTotalCount(), "one inter-token latency per decoded token");

        // Delays outside the engine: tokenize 5 ms before admission, stream 1 ms per token, detokenize 2 ms
        // at the end: TTFT + 6 ms, end to end + 8 ms, TPOT unchanged.
        ServiceResult o = run("{profile: llama-3-8b-h200, tokenize: 5ms, stream: 1ms, detokenize: 2ms}", "1",
                "1,1000,101\n");
        assertEquals(ticks(prefill) / 1e6 + 6, o.llm().meanTtftMs(), 1e-9);
        assertEquals(ticks(decode) / 1e6, o.llm().meanTpotMs(), 1e-9);
        assertEquals((ticks(prefill) + 100 * ticks(decode)) / 1e6 + 8, o.meanResponseMs(), 1e-9);
    }

    @Test
    void aCachedPrefixSkipsItsPrefill() throws IOException {
        // A at 1 s: 1,100 prompt tokens, blocks [7, 8, 9] of 512 tokens; its full blocks 7 and 8 join the
        // cache when its prefill ends. B at 10 s: 1,200 tokens, blocks [7, 8, 10]: blocks 7 and 8 hit
        // (at most (1,200 - 1) / 512 = 2 whole blocks), so B prefills 176 tokens after 1,024 cached:
        //   max(6.3305 ms, 16.0605e9 x 176 / 581.6e12 = 4.860 ms)
        //   + 4 x 32 x 4096 x (176 x 1024 + 176 x 177 / 2 = 195,800 pairs) / 581.6e12 = 0.1765 ms  -> 6.507 ms
        // against the whole 1,200 tokens without the cache. C at 20 s: [11, 8, 9] misses (its first block
        // differs; a block counts only after its predecessors).
        String rows = """
                {"timestamp": 1000, "input_length": 1100, "output_length": 2, "hash_ids": [7, 8, 9]}
                {"timestamp": 10000, "input_length": 1200, "output_length": 2, "hash_ids": [7, 8, 10]}
                {"timestamp": 20000, "input_length": 1100, "output_length": 2, "hash_ids": [11, 8, 9]}
                """;
        double a = M.stepSeconds(1100, 1, LlmCostModel.prefillPairs(0, 1100), 0, 0);
        double b = M.stepSeconds(176, 1, LlmCostModel.prefillPairs(1024, 176), 0, 0);
        double bWhole = M.stepSeconds(1200, 1, LlmCostModel.prefillPairs(0, 1200), 0, 0);
        assertEquals(6.507e-3, b, 1e-6);
        ServiceResult on = run("{profile: llama-3-8b-h200, prefixCaching: true}", "256", rows);
        ServiceResult off = run("{profile: llama-3-8b-h200}", "256", rows);
        assertEquals((2 * ticks(a) + ticks(b)) / 3e6, on.llm().meanTtftMs(), 1e-9);
        assertEquals((2 * ticks(a) + ticks(bWhole)) / 3e6, off.llm().meanTtftMs(), 1e-9);
        LlmResult.PrefixCache p = on.llm().prefixCache();
        assertEquals(new LlmResult.PrefixCache(3, 1, 3400, 1024, 0), p);
        assertEquals(1.0 / 3, p.requestHitRate(), 1e-12);
        assertEquals(1024.0 / 3400, p.tokenHitRate(), 1e-12);
        assertEquals(3400 - 1024, on.llm().prefillTokens());
        assertEquals(null, off.llm().prefixCache());
    }

    @Test
    void tensorParallelismSplitsTheStepAndDoublesTheKvCache() throws IOException {
        // The same request on 2 GPUs with 0.01 ms of communication per layer:
        //   prefill = max(6.3305 / 2, 27.6144 / 2 = 13.8072) + 0.45118 / 2 + 32 x 0.01 = 14.3528 ms
        //   decode  = 6.3305 / 2 + 32 x 0.03 + 32 x 0.01 = 4.4453 ms
        // KV cache: (0.9 x 141 GB x 2 - 16.0605 GB) / 131,072 B = 1,813,808.3 tokens, whole blocks of 16: 1,813,808.
        LlmCostModel tp2 = M.withTensorParallel(2, 0.01e-3);
        double prefill = tp2.stepSeconds(1000, 1, LlmCostModel.prefillPairs(0, 1000), 0, 0);
        double decode = tp2.stepSeconds(1, 1, 0, 1, 1001);
        assertEquals(14.3528e-3, prefill, 1e-7);
        assertEquals(4.4453e-3, decode, 1e-7);
        ServiceResult s = run("{profile: llama-3-8b-h200, tensorParallel: 2, commPerLayer: 0.01ms}", "1",
                "1,1000,101\n");
        assertEquals(ticks(prefill) / 1e6, s.llm().meanTtftMs(), 1e-9);
        assertEquals(ticks(decode) / 1e6, s.llm().meanTpotMs(), 1e-9);
        assertEquals(1_813_808, s.llm().kvCacheTokens());
    }

    @Test
    void aLargerBatchCapRaisesThroughputAndTimePerTokenAsTheCostModelSays() throws IOException {
        // 256 requests (prompt 16, output 1,000) arrive at 0 s, before the replica is Ready; it takes them
        // all at once, in waves of `cap`: one prefill step of cap x 16 tokens, then 999 decode steps of
        // cap requests whose context grows by one each step (step j reads cap x (16 + j) KV tokens).
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            rows.append("0,16,1000\n");
        }
        double lastTpot = 0;
        double lastRate = 0;
        for (int cap : new int[] {1, 64, 256}) {
            long prefill = ticks(M.stepSeconds(16L * cap, cap, cap * LlmCostModel.prefillPairs(0, 16), 0, 0));
            long decodes = 0;
            for (int j = 1; j <= 999; j++) {
                decodes += ticks(M.stepSeconds(cap, cap, 0, cap, (long) cap * (16 + j)));
            }
            long wave = prefill + decodes;
            int waves = 256 / cap;
            double tpotMs = decodes / 999.0 / 1e6;
            double tokensPerSecond = 256_000 / (waves * wave / 1e9);
            ServiceResult s = run("{profile: llama-3-8b-h200}", Integer.toString(cap), rows.toString());
            LlmResult l = s.llm();
            assertEquals(256, s.completed(), "cap " + cap);
            assertEquals(256_000, l.outputTokens());
            assertEquals(tpotMs, l.meanTpotMs(), 1e-6, "cap " + cap + ": TPOT (each request's rounded down to a ns)");
            // Wave k is admitted at r + (k - 1) x wave and ends one wave later (r: when the replica became Ready).
            assertEquals(wave / 1e6, s.meanResponseMs() - s.meanWaitMs(), 1e-6, "cap " + cap + ": one wave in service");
            assertEquals(tokensPerSecond, 256_000 / ((s.meanResponseMs() - s.meanWaitMs()) * waves / 1e3), 1e-3 * tokensPerSecond);
            assertTrue(tpotMs > lastTpot && tokensPerSecond > lastRate, "cap " + cap + ": " + tpotMs + " ms, "
                    + tokensPerSecond + " tokens/s");
            lastTpot = tpotMs;
            lastRate = tokensPerSecond;
        }
        // The size: cap 1: TPOT 7.2905 ms, 137 tokens/s; cap 64: 7.599 ms (attention over 64 contexts passes
        // its floor), 8,399 tokens/s; cap 256: 11.348 ms (the GEMMs turn compute-bound), 22,358 tokens/s.
        assertEquals(7.2905, ticks(M.stepSeconds(1, 1, 0, 1, 17)) / 1e6, 1e-3);
    }

    @Test
    void aKvCacheTooSmallPreemptsAndStretchesTheTtftTail() throws IOException {
        // 200 requests of 1,000 prompt and 200 output tokens, one every 100 ms, batch up to 64. With the
        // H200's default cache (~845k tokens) all fit (TTFT p99 36 ms); with 2,500 MiB (20,000 tokens of
        // 131,072 B: 1,250 blocks) only 16 requests' KV (up to 1,199 tokens each) fits, so decodes run out of
        // blocks, the newest are preempted and recomputed (31 times), admissions wait (TTFT p99 2.5 s).
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            rows.append(1 + i * 0.1).append(",1000,200\n");
        }
        ServiceResult big = run("{profile: llama-3-8b-h200}", "64", rows.toString());
        ServiceResult small = run("{profile: llama-3-8b-h200, kvCache: 2500Mi}", "64", rows.toString());
        assertEquals(200, big.completed());
        assertEquals(200, small.completed());
        assertEquals(0, big.llm().preemptions());
        assertTrue(small.llm().preemptions() > 0, "preemptions " + small.llm().preemptions());
        assertTrue(small.llm().recomputedTokens() > 0);
        long bigP99 = big.llm().ttftMicros().getValueAtPercentile(99);
        long smallP99 = small.llm().ttftMicros().getValueAtPercentile(99);
        assertTrue(smallP99 > 5 * bigP99, "TTFT p99 " + smallP99 + " us against " + bigP99 + " us");
        assertTrue(small.llm().meanKvCacheUse() > big.llm().meanKvCacheUse());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, chunked prefill {1}")
    @org.junit.jupiter.params.provider.CsvSource({"shared-queue, true", "shared-queue, false",
        "least-outstanding, true", "power-of-two, false"})
    void underPressureEveryRequestIsAccountedForAndRunsRepeatIdentically(String routing, boolean chunked)
            throws IOException {
        // Three replicas of a small KV cache (3,000 tokens) under Poisson load with lognormal prompts and
        // outputs: preemptions happen; every request still completes once, and a second run is identical.
        String yaml = """
                name: llm-pressure
                seed: 5
                duration: 120s
                warmup: 10s
                nodePools:
                  h200: {count: 1, cpu: 32, memory: 256Gi, gpus: 8, gpuModel: H200}
                services:
                  chat:
                    replicas: 3
                    engine: continuous-batching
                    concurrency: 32
                    routing: %s
                    resources: {cpu: 4, memory: 32Gi, gpu: 1}
                    llm: {profile: llama-3.2-3b-h200, kvCache: 336000Ki, maxBatchedTokens: 512, chunkedPrefill: %s}
                arrivals:
                  load:
                    service: chat
                    process: poisson
                    rate: 8
                    sizes:
                      inputTokens: {type: lognormal, mean: 400, cv: 1, max: 2000}
                      outputTokens: {type: lognormal, mean: 150, cv: 1, max: 900}
                """.formatted(routing, chunked);
        Files.writeString(dir.resolve("p.yaml"), yaml);
        ServiceResult a = ScenarioRunner.run(ScenarioReader.read(dir.resolve("p.yaml"), List.of())).services().get(0);
        ServiceResult b = ScenarioRunner.run(ScenarioReader.read(dir.resolve("p.yaml"), List.of())).services().get(0);
        assertTrue(a.llm().preemptions() > 0, "preemptions " + a.llm().preemptions());
        assertEquals(a.arrived(), a.completed() + a.unfinished(), "nothing rejected or failed");
        assertTrue(a.completed() > 0.9 * a.arrived(), a.completed() + " of " + a.arrived());
        assertTrue(a.llm().ttftMicros().getTotalCount() >= a.completed(), "every completed request had a first token");
        assertEquals(a.completed(), a.llm().tpotMicros().getTotalCount() + a.llm().refused(), 0.02 * a.completed(),
                "TPOT for those of two tokens or more");
        assertEquals(a.toString(), b.toString());
        assertEquals(a.llm().toString(), b.llm().toString());
        assertEquals(a.llm().ttftMicros(), b.llm().ttftMicros());
        assertEquals(a.llm().itlMicros(), b.llm().itlMicros());
        assertTrue(a.llm().meanKvCacheUse() <= 1 && a.llm().meanKvCacheUse() > 0.2, "KV use " + a.llm().meanKvCacheUse());
        assertTrue(a.llm().meanBatch() <= 3 * 32);
    }
}
