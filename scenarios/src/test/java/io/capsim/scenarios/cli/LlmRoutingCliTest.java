package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.engine.serving.LlmCostModel;
import io.capsim.engine.serving.LlmProfiles;
import io.capsim.scenarios.TokenTraceScenario;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LLM gateway routers from scenario files through the CLI, against step times worked out by
 * hand: two Llama-3-8B replicas on H200s, three or four requests placed so that the router's choice
 * decides one request's time to first token.
 */
class LlmRoutingCliTest {

    @TempDir
    Path dir;

    private static final LlmCostModel M = LlmProfiles.LLAMA_3_8B_H200;

    private static long ticks(double seconds) {
        return (long) Math.ceil(seconds * 1e9);
    }

    private JsonNode run(String routing, String llm, String rows) throws IOException {
        Path yaml = TokenTraceScenario.write(dir, routing, "60s", 2, """
                replicas: 2
                engine: continuous-batching
                routing: %s
                resources: {cpu: 4, memory: 32Gi, gpu: 1}
                llm: %s""".formatted(routing, llm), rows);
        Path out = dir.resolve("out-" + routing);
        Cli r = Cli.run("run", yaml.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/services/chat");
    }

    @Test
    void leastOutstandingTokensSendsAShortRequestAwayFromALongPrompt() throws IOException {
        // R1 (4,000 prompt tokens) at 1.000 s and R2 (100) at 1.001 s go to replicas 0 and 1 under either
        // router. R3 (100) at 1.002 s finds one request at each: least-outstanding takes the first from its
        // rotating start, replica 0, and R3 waits for R1's prefill step; least-outstanding-tokens sees 4,100
        // tokens against 110 and takes replica 1, where R3 waits for R2's short step. Then, on its replica,
        // R3 prefills in a step with the other's first decode:
        //   p1 = step(4,000 prefill)            = max(6.3305, 110.46) + 7.214 = 117.67 ms
        //   p2 = step(100 prefill)              = max(6.3305, 2.761) + 0.0047 = 6.335 ms
        //   LO:  R3's TTFT = 1.000 + p1 + step(100 prefill + 1 decode over 4,001 KV tokens) - 1.002 s
        //   LOT: R3's TTFT = 1.001 + p2 + step(100 prefill + 1 decode over 101 KV tokens) - 1.002 s
        String rows = "1.000,4000,2\n1.001,100,2\n1.002,100,2\n";
        long p1 = ticks(M.stepSeconds(4000, 1, LlmCostModel.prefillPairs(0, 4000), 0, 0));
        long p2 = ticks(M.stepSeconds(100, 1, LlmCostModel.prefillPairs(0, 100), 0, 0));
        assertEquals(117.67e6, p1, 0.01e6);
        assertEquals(6.335e6, p2, 0.001e6);
        long lo3 = p1 + ticks(M.stepSeconds(101, 2, LlmCostModel.prefillPairs(0, 100), 1, 4001)) - 2_000_000;
        long lot3 = p2 + ticks(M.stepSeconds(101, 2, LlmCostModel.prefillPairs(0, 100), 1, 101)) - 1_000_000;
        JsonNode lo = run("least-outstanding", "{profile: llama-3-8b-h200}", rows);
        JsonNode lot = run("least-outstanding-tokens", "{profile: llama-3-8b-h200}", rows);
        assertEquals((p1 + p2 + lo3) / 3e6, lo.at("/llm/ttftMs/mean").asDouble(), 1e-3);
        assertEquals((p1 + p2 + lot3) / 3e6, lot.at("/llm/ttftMs/mean").asDouble(), 1e-3);
        assertEquals("least-outstanding-tokens", lot.get("routing").asText());
    }

    @Test
    void prefixAffinitySendsAPromptWhereItsPrefixIsCached() throws IOException {
        // With prefix caching: R1 (blocks [1, 2], 1,100 tokens) at 1 s goes to replica 0 and R2 ([5, 6],
        // 1,100) at 2 s to replica 1 (nothing cached, both idle: the rotating start decides). R3 ([5, 6, 7],
        // 1,200 tokens) at 3 s: both replicas idle again; least-outstanding's rotating start gives
        // replica 0 (no hit: 1,200 tokens prefilled), prefix-affinity gives replica 1, which holds [5, 6]:
        // 1,024 tokens cached, 176 prefilled after them (6.507 ms, ContinuousBatchingTest).
        String rows = """
                {"timestamp": 1000, "input_length": 1100, "output_length": 2, "hash_ids": [1, 2, 3]}
                {"timestamp": 2000, "input_length": 1100, "output_length": 2, "hash_ids": [5, 6, 8]}
                {"timestamp": 3000, "input_length": 1200, "output_length": 2, "hash_ids": [5, 6, 7]}
                """;
        String llm = "{profile: llama-3-8b-h200, prefixCaching: true}";
        long a = ticks(M.stepSeconds(1100, 1, LlmCostModel.prefillPairs(0, 1100), 0, 0));
        long whole = ticks(M.stepSeconds(1200, 1, LlmCostModel.prefillPairs(0, 1200), 0, 0));
        long hit = ticks(M.stepSeconds(176, 1, LlmCostModel.prefillPairs(1024, 176), 0, 0));
        JsonNode lo = run("least-outstanding", llm, rows);
        JsonNode pa = run("prefix-affinity", llm, rows);
        assertEquals(0, lo.at("/llm/prefixCache/hits").asLong());
        assertEquals(1, pa.at("/llm/prefixCache/hits").asLong());
        assertEquals(1024, pa.at("/llm/prefixCache/prefillTokensSaved").asLong());
        assertEquals((2 * a + whole) / 3e6, lo.at("/llm/ttftMs/mean").asDouble(), 1e-3);
        assertEquals((2 * a + hit) / 3e6, pa.at("/llm/ttftMs/mean").asDouble(), 1e-3);
    }
}
