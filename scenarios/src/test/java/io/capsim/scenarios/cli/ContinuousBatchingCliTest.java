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

    /**
     * Everything at once under pressure: the Mooncake sample on KV caches of 3 GiB (preemptions, and
     * prompts refused as too long), prefix caching with prefix-affinity routing, clients timing out
     * after 3 s (aborts mid-step) and retrying. The engine's block accounting checks itself at every
     * change (it throws when out of range); the counts must add up and a second run be identical.
     */
    @Test
    void prefixCachingPreemptionsAndAbortsTogetherKeepTheirAccountsAndRepeat() throws IOException {
        String example = Path.of("examples/llm-prefix-cache.yaml").toAbsolutePath().toString();
        String[] args = {"--quiet", "--set", "duration=150s", "--set", "services.chat.routing=prefix-affinity",
            "--set", "services.chat.llm.kvCache=3Gi", "--set", "services.chat.llm.gpuMemoryUtilization=null",
            "--set", "services.chat.client.timeout=3s", "--set", "services.chat.client.maxAttempts=3",
            "--set", "services.chat.client.backoff=500ms"};
        String[] summaries = new String[2];
        for (int k = 0; k < 2; k++) {
            java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("run", example, "--out",
                    dir.resolve("p" + k).toString()));
            a.addAll(java.util.List.of(args));
            Cli r = Cli.run(a.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
            summaries[k] = Files.readString(dir.resolve("p" + k + "/summary.json"));
        }
        assertEquals(summaries[0], summaries[1]);
        JsonNode s = new ObjectMapper().readTree(summaries[0]).at("/services/chat");
        JsonNode c = s.get("client");
        assertEquals(s.at("/requests/arrived").asLong(), s.at("/requests/completed").asLong()
                + s.at("/requests/rejected").asLong() + c.get("abandoned").asLong()
                + s.at("/requests/unfinished").asLong(), s.toString());
        assertTrue(c.get("cancelled").asLong() > 0 && c.get("retries").asLong() > 0, c.toString());
        assertTrue(s.at("/llm/preemptions").asLong() > 0 && s.at("/llm/prefixCache/hits").asLong() > 0, s.toString());
        // Requests in service (admitted, preempted ones included) are never fewer than those running:
        // an aborted request sent again counts as started once more only if it was reset.
        assertTrue(s.get("meanInService").asDouble() >= s.at("/llm/meanBatch").asDouble(), s.toString());
    }

    private JsonNode coldStartRun(String name, String startup) throws IOException {
        Path f = io.capsim.scenarios.TokenTraceScenario.write(dir, name, "60s", 1, """
                replicas: 1
                engine: continuous-batching
                resources: {cpu: 4, memory: 32Gi, gpu: 1}
                """ + startup, "1,1000,101\n");
        Cli r = Cli.run("run", f.toString(), "--out", dir.resolve(name).toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(dir.resolve(name + "/summary.json").toFile()).at("/services/chat");
    }

    @Test
    void aColdStartIsTheImagePullPlusTheWeightsOverTheLoadBandwidth() throws IOException {
        // Llama-3-8B's 16,060,522,496 weight bytes at 2 GB/s load in 8.030261248 s; with a 10 s image
        // pull the replica is Ready 18.030261248 s after its bind, as with that startupTime given. At
        // 4 GB/s the load takes 4.015130624 s: the one request (arrived at 1 s, waiting for the replica)
        // waits 4,015.131 ms less.
        JsonNode cold = coldStartRun("cold", "llm: {profile: llama-3-8b-h200, coldStart: {imagePull: 10s, "
                + "loadBandwidthGBps: 2}}");
        JsonNode fixed = coldStartRun("fixed", "startupTime: 18.030261248s\n    llm: {profile: llama-3-8b-h200}");
        JsonNode faster = coldStartRun("faster", "llm: {profile: llama-3-8b-h200, coldStart: {imagePull: 10s, "
                + "loadBandwidthGBps: 4}}");
        assertEquals(fixed.toString(), cold.toString());
        assertEquals(4015.131, cold.at("/waitMs/mean").asDouble() - faster.at("/waitMs/mean").asDouble(), 0.002);
        assertTrue(cold.at("/waitMs/mean").asDouble() > 17_030, cold.toString());
        // A given model load replaces the derived one; both together, or with startupTime, are refused.
        JsonNode given = coldStartRun("given", "llm: {profile: llama-3-8b-h200, coldStart: {imagePull: 10s, "
                + "modelLoad: 8.030261248s}}");
        assertEquals(fixed.toString(), given.toString());
        Files.writeString(dir.resolve("both.yaml"), Files.readString(dir.resolve("cold.yaml"))
                .replace("loadBandwidthGBps: 2}", "loadBandwidthGBps: 2, modelLoad: 1s}"));
        Cli both = Cli.run("validate", dir.resolve("both.yaml").toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("services.chat.llm.coldStart.modelLoad: give modelLoad or loadBandwidthGBps, "
                + "not both"), both.err());
        Files.writeString(dir.resolve("twice.yaml"), Files.readString(dir.resolve("cold.yaml"))
                .replace("    llm:", "    startupTime: 5s\n    llm:"));
        Cli twice = Cli.run("validate", dir.resolve("twice.yaml").toString());
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().contains("services.chat.startupTime: give startupTime or llm.coldStart, not both"),
                twice.err());
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
