package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The continuous-batching engine through the CLI: the example, and what is refused. */
class ContinuousBatchingCliTest {

    @TempDir
    Path dir;

    /** The example, and the same trace with a KV cache of 4 GiB: preemptions and a longer TTFT tail. */
    @Test
    void theExampleRunsAndASmallKvCachePreempts() throws IOException {
        String example = Path.of("examples/llm-serving.yaml").toAbsolutePath().toString();
        Cli big = Cli.run("run", example, "--out", dir.resolve("big").toString(), "--quiet");
        assertEquals(0, big.exitCode(), big.err());
        Cli small = Cli.run("run", example, "--out", dir.resolve("small").toString(), "--quiet",
                "--set", "services.chat.llm.kvCache=4Gi", "--set", "services.chat.llm.gpuMemoryUtilization=null");
        assertEquals(0, small.exitCode(), small.err());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("big/summary.json").toFile()).at("/services/chat");
        JsonNode b = new ObjectMapper().readTree(dir.resolve("small/summary.json").toFile()).at("/services/chat");
        assertEquals("continuous-batching", a.get("engine").asText());
        JsonNode l = a.get("llm");
        assertEquals("llama-3-8b-h200", l.get("profile").asText());
        assertTrue(l.at("/ttftMs/count").asLong() > 15_000, l.toString());
        assertTrue(l.at("/tpotMs/p50").asDouble() > 7 && l.at("/tpotMs/p50").asDouble() < 20, l.toString());
        assertEquals(0, l.get("preemptions").asLong());
        assertTrue(b.at("/llm/preemptions").asLong() > 0, b.toString());
        assertTrue(b.at("/llm/ttftMs/p99").asDouble() > a.at("/llm/ttftMs/p99").asDouble(), b.toString());
    }

    /**
     * Prefix caching lowers TTFT on a Mooncake replay: the example (1,000 Kimi conversation requests,
     * four replicas) with the cache and without it.
     */
    @Test
    void prefixCachingLowersTtftOnTheMooncakeReplay() throws IOException {
        String example = Path.of("examples/llm-prefix-cache.yaml").toAbsolutePath().toString();
        Cli on = Cli.run("run", example, "--out", dir.resolve("on").toString(), "--quiet");
        assertEquals(0, on.exitCode(), on.err());
        Cli off = Cli.run("run", example, "--out", dir.resolve("off").toString(), "--quiet",
                "--set", "services.chat.llm.prefixCaching=false");
        assertEquals(0, off.exitCode(), off.err());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("on/summary.json").toFile()).at("/services/chat");
        JsonNode b = new ObjectMapper().readTree(dir.resolve("off/summary.json").toFile()).at("/services/chat");
        assertEquals(1000, a.at("/requests/completed").asLong(), a.toString());
        assertEquals(1000, b.at("/requests/completed").asLong(), b.toString());
        JsonNode p = a.at("/llm/prefixCache");
        assertEquals(1000, p.get("lookups").asLong(), p.toString());
        assertTrue(p.get("prefillTokensSaved").asLong() > 0, p.toString());
        assertEquals(b.at("/llm/prefillTokens").asLong() - p.get("prefillTokensSaved").asLong(),
                a.at("/llm/prefillTokens").asLong(), "every saved token is a prefill token not computed");
        assertTrue(b.at("/llm/prefixCache").isMissingNode());
        for (String q : new String[] {"mean", "p50", "p90", "p99"}) {
            assertTrue(a.at("/llm/ttftMs/" + q).asDouble() < b.at("/llm/ttftMs/" + q).asDouble(),
                    q + ": " + a.at("/llm/ttftMs") + " against " + b.at("/llm/ttftMs"));
        }
        String html = Files.readString(dir.resolve("on/report.html"));
        assertTrue(html.contains("Prefix cache") && html.contains("prefill tokens saved"), "report shows the cache");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // an unknown profile, with a suggestion
        "{profile: llama-3-8b-h20} | process: poisson, rate: 1, sizes: {inputTokens: {type: constant, value: 100}, "
                + "outputTokens: {type: constant, value: 10}} | llm.yaml:9:20: services.chat.llm.profile: "
                + "\"llama-3-8b-h20\" is not allowed; did you mean \"llama-3-8b-h200\"?",
        // a stream without token counts
        "{profile: llama-3-8b-h200} | process: poisson, rate: 1 | arrivals.load: feeds service chat (engine continuous-batching), but poisson does not carry both",
        // a prompt that can never fit: 20 MiB of KV is 160 tokens; 100 + 100 - 1 do not fit
        "{profile: llama-3-8b-h200, kvCache: 20Mi} | process: poisson, rate: 1, sizes: {inputTokens: {type: constant, "
                + "value: 100, max: 100}, outputTokens: {type: constant, value: 100, max: 100}} | "
                + "arrivals.load.sizes.inputTokens.max: a prompt of up to 100 tokens with up to 100 output tokens may "
                + "never fit the KV cache of service chat (160 tokens per replica)",
        // no room left for the KV cache
        "{profile: llama-3-8b-h200, gpuMemoryUtilization: 0.1} | process: poisson, rate: 1, sizes: {inputTokens: "
                + "{type: constant, value: 100}, outputTokens: {type: constant, value: 10}} | "
                + "services.chat.llm.gpuMemoryUtilization: leaves no room for the KV cache",
        // without a profile, the model's parameters are required
        "{kvCache: 1Gi} | process: poisson, rate: 1, sizes: {inputTokens: {type: constant, value: 100}, "
                + "outputTokens: {type: constant, value: 10}} | services.chat.llm.weightBytes: is required",
    })
    void isRefusedWithTheFieldAndWhatToDo(String llm, String arrival, String expected) throws IOException {
        Path f = dir.resolve("llm.yaml");
        Files.writeString(f, """
                name: llm
                duration: 10s
                nodePools:
                  pool: {count: 1, cpu: 4, memory: 4Gi, gpus: 1, gpuModel: H200}
                services:
                  chat:
                    replicas: 1
                    engine: continuous-batching
                    llm: %s
                    resources: {cpu: 1, memory: 1Gi, gpu: 1}
                arrivals:
                  load: {service: chat, %s}
                """.formatted(llm, arrival));
        Cli r = Cli.run("validate", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
