package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.results.SessionResult;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Agent sessions (arrivals with {@code session}) against completion times worked out by hand, the
 * join of a fan-out, and the closed loop: slower serving delays every later call of a session.
 */
class AgentSessionsTest {

    @TempDir
    Path dir;

    /**
     * One session starting at 1 s (the replicas are Ready after the first scheduling cycle), calls
     * served in a constant 1 s by fixed slots. A worker with one slot serves a fan-out's sub-agents
     * one after another, so the join waits for the slowest (the last served).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | session | completion s | calls | sub-agent calls
        // 1 + 2 (think) + 1 + 2 + 1
        "a chain of three              | {calls: 3, thinkTime: 2s} | 5+2 | 3 | 0",
        // no think time: the calls follow one another
        "a chain of four, no thinking  | {calls: 4} | 4 | 4 | 0",
        // call 1 (1 s), three sub-agents served 1 s each in turn by the one-slot worker: the join at
        // 1 + 3; think 2 s; call 2 (1 s): 1 + 3 + 2 + 1. A join on the first child would give 5.
        "fan-out joins the slowest     | {calls: 2, thinkTime: 2s, fanOut: {service: worker, width: 3}} | 7 | 5 | 3",
        // each sub-agent: two calls 0.5 s apart; the worker's one slot serves the six calls in order
        // of arrival: call 1 at 1-2; a 2-3, b 3-4, c 4-5; a's second call, sent at 3.5, waits for c:
        // 5-6; b's (sent at 4.5) 6-7; c's (5.5) 7-8: the join at 8, think 2 s, call 2 at 10-11.
        "sub-agents with two calls     | {calls: 2, thinkTime: 2s, fanOut: {service: worker, width: 3, calls: 2, "
                + "thinkTime: 0.5s}} | 10 | 8 | 6",
        // fan-out to the session's own service (ten slots): the three run at once
        "fan-out to the same service   | {calls: 2, fanOut: {width: 3}} | 3 | 5 | 3",
        // probability 0: never fans out
        "probability 0                 | {calls: 2, fanOut: {width: 3, probability: 0}} | 2 | 2 | 0",
        // width 0: a fan-out of no sub-agent is no fan-out
        "width 0                       | {calls: 2, fanOut: {width: 0}} | 2 | 2 | 0",
    })
    void completionTimeWorkedOutByHand(String name, String session, String completion, long calls, long agentCalls)
            throws IOException {
        double expected = 0;
        for (String t : completion.split("\\+")) {
            expected += Double.parseDouble(t);
        }
        Files.writeString(dir.resolve("start.csv"), "time_s\n1\n");
        RunResult r = run(sessionsAtTraceTimes("concurrency: 10", session));
        SessionResult s = r.sessions().get(0);
        assertEquals(1, s.started());
        assertEquals(1, s.completed());
        assertEquals(0, s.failed() + s.unfinished());
        assertEquals(expected * 1000, s.meanCompletionMs(), 1e-6, "completion time, ms");
        assertEquals(calls, s.calls());
        assertEquals(calls, (long) s.meanCalls());
        assertEquals(agentCalls, s.agentCalls());
        long served = r.services().stream().mapToLong(ServiceResult::completed).sum();
        assertEquals(calls, served, "every call is a request the services completed");
    }

    /**
     * The closed loop: the same sessions (same seed: same arrivals, think times and sizes) against a
     * node half as fast. Each call takes longer, and each next call is sent later, so a session of
     * n calls grows by n times the growth of one call's latency (a trace replayed open-loop would
     * send the later calls at their recorded times and grow by one call's latency only).
     */
    @Test
    void slowerServingDelaysEveryLaterCall() throws IOException {
        String yaml = """
                name: closed-loop
                seed: 7
                duration: 600s
                warmup: 60s
                nodePools:
                  pool: {count: 1, cpu: 16, memory: 16Gi, speed: %s}
                services:
                  agent:
                    replicas: 2
                    concurrency: 2
                    resources: {cpu: 1, memory: 1Gi}
                    serviceTime: {type: exponential, mean: 0.2s}
                arrivals:
                  sessions:
                    service: agent
                    process: poisson
                    rate: 1
                    session: {calls: 6, thinkTime: {type: exponential, mean: 1s}}
                """;
        RunResult fast = run(yaml.formatted("1"));
        RunResult slow = run(yaml.formatted("0.5"));
        double callGrowth = slow.services().get(0).meanResponseMs() - fast.services().get(0).meanResponseMs();
        double sessionGrowth = slow.sessions().get(0).meanCompletionMs() - fast.sessions().get(0).meanCompletionMs();
        assertTrue(callGrowth > 100, "a slower node serves each call later: " + callGrowth + " ms");
        // Completion = the six calls' latencies + five think times (the same draws in both runs):
        // it grows by six calls' growth, up to the difference between the sessions' calls and all calls.
        assertTrue(sessionGrowth > 4 * callGrowth, sessionGrowth + " ms against " + callGrowth + " ms per call");
        assertEquals(6 * callGrowth, sessionGrowth, 0.1 * 6 * callGrowth);
    }

    /** A call refused by a full service fails its session; no further call is sent. */
    @Test
    void aRefusedCallFailsTheSession() throws IOException {
        Files.writeString(dir.resolve("start.csv"), "time_s\n1\n1\n");
        RunResult r = run(sessionsAtTraceTimes("concurrency: 1, queueCapacity: 0", "{calls: 3, thinkTime: 1s}"));
        SessionResult s = r.sessions().get(0);
        assertEquals(2, s.started());
        assertEquals(1, s.completed(), "the first session runs its three calls");
        assertEquals(1, s.failed(), "the second finds the one slot taken and no queue");
        assertEquals(4, s.calls());
        assertEquals(3000 + 2000, s.meanCompletionMs(), 1e-6);
    }

    /**
     * Sessions allocate nothing per call: a run four times as long allocates what the short one
     * does, give or take the chain and request tables' growth to a longer run's deeper peak (as
     * {@link HotPathAllocationTest}).
     */
    @Test
    void aLongerRunAllocatesNoMorePerCall() throws IOException {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported()
                && mx.isThreadAllocatedMemoryEnabled());
        String yaml = """
                name: session-allocation
                duration: %ds
                nodePools:
                  pool: {count: 1, cpu: 16, memory: 16Gi}
                services:
                  agent: {replicas: 4, concurrency: 4, resources: {cpu: 1, memory: 1Gi},
                    serviceTime: {type: exponential, mean: 0.1s}}
                arrivals:
                  sessions:
                    service: agent
                    process: poisson
                    rate: 0.5
                    session: {calls: 4, thinkTime: {type: exponential, mean: 1s},
                      fanOut: {width: 2, probability: 0.5, calls: 2}}
                """;
        Path file = dir.resolve("alloc.yaml");
        long[][] runs = new long[3][];
        long[] seconds = {20_000, 20_000, 80_000}; // the first warms up: class loading, first-time setup
        for (int i = 0; i < 3; i++) {
            Files.writeString(file, yaml.formatted(seconds[i]));
            var scenario = ScenarioReader.read(file, List.of());
            long before = mx.getCurrentThreadAllocatedBytes();
            RunResult r = ScenarioRunner.run(scenario);
            runs[i] = new long[] {mx.getCurrentThreadAllocatedBytes() - before, r.sessions().get(0).calls()};
        }
        long extraCalls = runs[2][1] - runs[1][1]; // about 210,000
        long extraBytes = runs[2][0] - runs[1][0];
        assertTrue(extraCalls > 150_000, "calls " + extraCalls);
        // One small object per call would be several MB here.
        assertTrue(extraBytes < 256 * 1024, extraBytes + " more bytes for " + extraCalls + " more calls");
    }

    /**
     * Sessions starting at the times of start.csv on service agent (constant 1 s calls, {@code
     * agentSettings} beside), with a one-slot worker for sub-agents.
     */
    /**
     * A session whose call times out while its server keeps the attempt ({@code onTimeout:
     * continue}) hears of the retry that answers, not of the orphan. Two replicas, one on a node
     * four times slower than the other (calls of 2 s and 0.5 s), taken in turn; a client timeout of
     * 1 s: every call sent to the slow replica times out and is sent again to the fast one, whose
     * answer comes in time, while the orphan finishes later on the slow one. The session must
     * complete (when the orphan's end was reported to it, the session failed).
     */
    @Test
    void aRetriedCallAnswersTheSessionNotItsOrphan() throws IOException {
        Files.writeString(dir.resolve("start.csv"), "time_s\n1\n");
        RunResult r = run("""
                name: session-retry
                duration: 60s
                nodePools:
                  slow: {count: 1, cpu: 1, memory: 1Gi, speed: 0.5}
                  fast: {count: 1, cpu: 1, memory: 1Gi, speed: 2}
                services:
                  agent: {replicas: 2, concurrency: 1, routing: round-robin, resources: {cpu: 1, memory: 1Gi},
                    serviceTime: {type: constant, value: 1s},
                    client: {timeout: 1s, onTimeout: continue, maxAttempts: 2, backoff: 0s}}
                arrivals:
                  sessions:
                    service: agent
                    trace: {file: start.csv, format: csv, csv: {time: {column: time_s, unit: s}}}
                    session: {calls: 3}
                """);
        SessionResult s = r.sessions().get(0);
        ServiceResult agent = r.services().get(0);
        assertTrue(agent.client().retries() >= 1, "some call went to the slow replica and was retried");
        assertEquals(1, s.started());
        assertEquals(1, s.completed(), "the session completes on its retried calls");
        assertEquals(0, s.failed() + s.unfinished());
        assertEquals(3, s.calls());
    }

    private static String sessionsAtTraceTimes(String agentSettings, String session) {
        return """
                name: sessions-by-hand
                duration: 60s
                nodePools:
                  pool: {count: 1, cpu: 8, memory: 8Gi}
                services:
                  agent: {replicas: 1, %s, resources: {cpu: 1, memory: 1Gi},
                    serviceTime: {type: constant, value: 1s}}
                  worker: {replicas: 1, concurrency: 1, resources: {cpu: 1, memory: 1Gi},
                    serviceTime: {type: constant, value: 1s}}
                arrivals:
                  sessions:
                    service: agent
                    trace: {file: start.csv, format: csv, csv: {time: {column: time_s, unit: s}}}
                    session: %s
                """.formatted(agentSettings, session);
    }

    private RunResult run(String yaml) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return ScenarioRunner.run(ScenarioReader.read(file, List.of()));
    }
}
