package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.engine.serving.LlmCostModel;
import io.capsim.engine.serving.LlmProfiles;
import io.capsim.scenarios.TokenTraceScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client timeouts and retries from scenario files through the CLI, each against a timeline worked
 * out by hand.
 */
class ClientCliTest {

    @TempDir
    Path dir;

    private JsonNode run(String service, String client, String rows) throws IOException {
        Path yaml = TokenTraceScenario.write(dir, "clients", "100s", 1, "replicas: 1\n"
                + "resources: {cpu: 4, memory: 32Gi, gpu: 1}\n" + service + "\nclient: " + client, rows);
        Path out = dir.resolve("out");
        Cli r = Cli.run("run", yaml.toString(), "--out", out.toString(), "--quiet", "--force");
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/services/chat");
    }

    private static final String SLOTS = """
                engine: fixed-slots
                concurrency: 1
                tokenWork: {base: 3s}""";

    @Test
    void aTimedOutRequestIsCancelledWhileWaitingAndWastedInService() throws IOException {
        // One slot, 3 s per request, timeout 5 s. R1 at 1 s runs 1-4 (3 s). R2 at 1.5 s runs 4-7 and
        // times out at 6.5 s in service: a fixed-slots server finishes it for nobody (wasted). R3 at
        // 2.2 s runs 7-10, times out at 7.2 s in service (wasted). R4 at 2.5 s still waits at 7.5 s: the
        // server drops it (cancelled). Abandoned: R2, R3, R4.
        String rows = "1,1,1\n1.5,1,1\n2.2,1,1\n2.5,1,1\n";
        JsonNode c = run(SLOTS, "{timeout: 5s, onTimeout: cancel}", rows);
        assertEquals(4, c.at("/requests/arrived").asLong());
        assertEquals(1, c.at("/requests/completed").asLong());
        assertEquals(0, c.at("/requests/unfinished").asLong());
        assertEquals(3000, c.at("/latencyMs/mean").asDouble(), 1e-9);
        assertEquals("{\"timeouts\":3,\"retries\":0,\"abandoned\":3,\"cancelled\":1,\"wasted\":2}",
                c.get("client").toString());
        // onTimeout: continue: R4 waits on and runs 10-13 for nobody too.
        JsonNode k = run(SLOTS, "{timeout: 5s, onTimeout: continue}", rows);
        assertEquals("{\"timeouts\":3,\"retries\":0,\"abandoned\":3,\"cancelled\":0,\"wasted\":3}",
                k.get("client").toString());
    }

    @Test
    void aRejectedRequestIsRetriedWithExponentialBackoff() throws IOException {
        // One slot, no queue (queueCapacity 0), 3 s per request; 3 attempts, backoff 1 s doubling, no
        // jitter. R1 at 1 s runs 1-4. R2 at 2 s: rejected; again at 3 s (+1): rejected; again at 5 s (+2):
        // runs 5-8, response 6 s. R3 at 2.5 s: rejected, again at 3.5 s: rejected, again at 5.5 s: R2
        // runs: rejected, no attempt left. Retries 2 + 2; mean response (3 + 6) / 2 = 4.5 s.
        String rows = "1,1,1\n2,1,1\n2.5,1,1\n";
        JsonNode c = run(SLOTS + "\nqueueCapacity: 0",
                "{maxAttempts: 3, backoff: 1s, backoffMultiplier: 2, jitter: none}", rows);
        assertEquals(2, c.at("/requests/completed").asLong());
        assertEquals(1, c.at("/requests/rejected").asLong());
        assertEquals(4500, c.at("/latencyMs/mean").asDouble(), 1e-9);
        assertEquals("{\"timeouts\":0,\"retries\":4,\"abandoned\":0,\"cancelled\":0,\"wasted\":0}",
                c.get("client").toString());
        // Full jitter (stream client-retry/web): the delays are drawn in [0, 1 s) and [0, 2 s): R2 may
        // start earlier, never later than without jitter, and a second run draws the same.
        JsonNode j = run(SLOTS + "\nqueueCapacity: 0", "{maxAttempts: 3, backoff: 1s, jitter: full}", rows);
        String first = j.toString();
        assertTrue(j.at("/latencyMs/mean").asDouble() <= 4500, first);
        assertEquals(first, run(SLOTS + "\nqueueCapacity: 0", "{maxAttempts: 3, backoff: 1s, jitter: full}",
                rows).toString());
    }

    @Test
    void anLlmServerAbortsATimedOutRequestAndFreesItsKv() throws IOException {
        // Llama-3-8B on an H200, timeout 2 s, cancel. A (100,000 prompt tokens) at 1 s is still in its
        // chunked prefill at 3 s (about 7 s of steps): aborted with a step in flight. B (1,000 + 101) at
        // 10 s then runs alone: TTFT = the 1,000-token prefill step, TPOT = one decode step alone. C (4,000
        // + 1,000) at 20 s decodes for over 7 s: aborted at 22 s mid-decode. D at 30 s as B. Were any KV
        // block or decode of A or C left behind, B's and D's steps would differ.
        LlmCostModel m = LlmProfiles.LLAMA_3_8B_H200;
        long prefill = (long) Math.ceil(m.stepSeconds(1000, 1, LlmCostModel.prefillPairs(0, 1000), 0, 0) * 1e9);
        long prefillC = (long) Math.ceil(m.stepSeconds(4000, 1, LlmCostModel.prefillPairs(0, 4000), 0, 0) * 1e9);
        long decode = (long) Math.ceil(m.stepSeconds(1, 1, 0, 1, 1001) * 1e9);
        JsonNode c = run("""
                    engine: continuous-batching
                    concurrency: 8
                    llm: {profile: llama-3-8b-h200}""", "{timeout: 2s}",
                "1,100000,10\n10,1000,101\n20,4000,1000\n30,1000,101\n");
        assertEquals(2, c.at("/requests/completed").asLong(), c.toString());
        assertEquals("{\"timeouts\":2,\"retries\":0,\"abandoned\":2,\"cancelled\":2,\"wasted\":2}",
                c.get("client").toString());
        assertEquals((2 * prefill + prefillC) / 3e6, c.at("/llm/ttftMs/mean").asDouble(), 1e-3);
        assertEquals(decode / 1e6, c.at("/llm/tpotMs/mean").asDouble(), 1e-3);
        assertEquals((prefill + 100 * decode) / 1e6, c.at("/latencyMs/mean").asDouble(), 1e-3);
        assertFalse(c.at("/llm/preemptions").asLong() > 0);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "{onTimeout: cancel} | services.web.client.onTimeout: applies only with a timeout",
        "{timeout: 1s, jitter: fulll} | services.web.client.jitter: \"fulll\" is not allowed; did you mean \"full\"?",
        "{maxAttempts: 0} | services.web.client.maxAttempts: 0 is not in [1, 100]",
        "{backoff: 2s, maxBackoff: 1s} | services.web.client.maxBackoff: is below backoff",
        "{timeout: 1s, retry: 3} | services.web.client.retry: unknown field",
    })
    void badClientFieldsAreRefusedWithTheirPath(String client, String expected) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                name: bad
                duration: 10s
                nodePools:
                  pool: {count: 1, cpu: 4, memory: 4Gi}
                services:
                  web:
                    replicas: 1
                    resources: {cpu: 1, memory: 1Gi}
                    serviceTime: {type: constant, value: 1s}
                    client: %s
                arrivals:
                  load: {service: web, process: poisson, rate: 1}
                """.formatted(client));
        Cli r = Cli.run("validate", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    /**
     * examples/retry-storm.yaml, 20 minutes of it: retries come back on top of the bursts, so the
     * full queue rejects more than with clients that never retry, and attempts whose client left are
     * still served (onTimeout: continue). Counted over the same arrivals in both runs.
     */
    @Test
    void theRetryStormExampleRejectsMoreWithRetriesThanWithout() throws IOException {
        JsonNode retry = example("retry", "services.api.client.maxAttempts=3");
        JsonNode once = example("once", "services.api.client.maxAttempts=1");
        assertEquals(retry.at("/requests/arrived").asLong(), once.at("/requests/arrived").asLong());
        assertTrue(retry.at("/client/retries").asLong() > 0, retry.toString());
        assertEquals(0, once.at("/client/retries").asLong());
        assertTrue(retry.at("/client/wasted").asLong() > 0, retry.toString());
        assertTrue(retry.at("/requests/rejected").asLong() > 2 * once.at("/requests/rejected").asLong(),
                retry.at("/requests") + " against " + once.at("/requests"));
    }

    private JsonNode example(String name, String attempts) throws IOException {
        Path out = dir.resolve(name);
        Cli r = Cli.run("run", "examples/retry-storm.yaml", "--out", out.toString(), "--quiet", "--set", "duration=20m",
                "--set", attempts);
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/services/api");
    }
}
