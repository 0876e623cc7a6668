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

/** Service level objectives from scenario files: judged in summary.json, and `run --check-slo` exits 1 on a miss. */
class SloTest {

    @TempDir
    Path dir;

    /**
     * Requests replayed with their own work on one slot and no queue: responses of 100, 200, 300 and
     * 400 ms, and a fifth request, arriving while the first is served, rejected. Within 250 ms: 2 of
     * the 5 judged (a rejected request misses), 0.4. The p50 is 200 ms (HdrHistogram's bucket:
     * 200.063 ms), the p99 400 ms (400.127 ms).
     */
    private Path serviceScenario(String slo) throws IOException {
        Files.writeString(dir.resolve("requests.csv"), "time_s,work_s\n1,0.1\n1.05,0.1\n11,0.2\n21,0.3\n31,0.4\n");
        Path f = dir.resolve("svc.yaml");
        Files.writeString(f, """
                name: slo
                duration: 60s
                nodePools:
                  pool: {count: 1, cpu: 4, memory: 4Gi}
                services:
                  api:
                    replicas: 1
                    queueCapacity: 0
                    resources: {cpu: 1, memory: 1Gi}
                    serviceTime: {type: constant, value: 1h}  # not used: every request carries its work
                    slo: %s
                arrivals:
                  replay:
                    service: api
                    trace:
                      file: requests.csv
                      format: csv
                      csv:
                        time: {column: time_s, unit: s}
                        fields: {work: {column: work_s, unit: s}}
                """.formatted(slo));
        return f;
    }

    private JsonNode summary(String out) throws IOException {
        return new ObjectMapper().readTree(dir.resolve(out).resolve("summary.json").toFile());
    }

    @Test
    void objectivesAreJudgedOnTheRunsOwnFigures() throws IOException {
        Path f = serviceScenario("{latencyP50: 250ms, latencyP99: 300ms, attainment: {within: 250ms, target: 0.4}}");
        Cli r = Cli.run("run", f.toString(), "--out", dir.resolve("a").toString());
        assertEquals(0, r.exitCode(), "without --check-slo a miss is reported, not an error: " + r.err());
        JsonNode s = summary("a");
        assertEquals(4, s.at("/services/api/requests/completed").asLong());
        assertEquals(1, s.at("/services/api/requests/rejected").asLong());
        JsonNode o = s.at("/slo/objectives");
        assertEquals(3, o.size());
        assertEquals("services.api.slo.latencyP50", o.get(0).get("path").asText());
        assertEquals(s.at("/services/api/latencyMs/p50").asDouble(), o.get(0).get("actual").asDouble(), 0);
        assertEquals(200.063, o.get(0).get("actual").asDouble(), 0);
        assertTrue(o.get(0).get("met").asBoolean());
        assertEquals(s.at("/services/api/latencyMs/p99").asDouble(), o.get(1).get("actual").asDouble(), 0);
        assertFalse(o.get(1).get("met").asBoolean(), "p99 400 ms > 300 ms");
        assertEquals("attainment", o.get(2).get("figure").asText());
        assertEquals(0.4, o.get(2).get("actual").asDouble(), 0);
        assertTrue(o.get(2).get("met").asBoolean(), "0.4 >= 0.4");
        assertFalse(s.at("/slo/met").asBoolean());
        assertTrue(r.out().contains("slo services.api.slo.latencyP99: p99 response time 400.127 ms (limit 300 ms): MISSED"),
                r.out());
    }

    @Test
    void checkSloExitsOneNamingEachMissAndZeroWhenAllHold() throws IOException {
        Path f = serviceScenario("{latencyP99: 300ms, attainment: {within: 250ms, target: 0.5}}");
        Cli missed = Cli.run("run", f.toString(), "--out", dir.resolve("b").toString(), "--check-slo", "--quiet");
        assertEquals(1, missed.exitCode(), missed.err());
        assertTrue(missed.err().contains("capsim: SLO missed: services.api.slo.latencyP99: p99 response time 400.127 ms "
                + "(limit 300 ms)"), missed.err());
        assertTrue(missed.err().contains("capsim: SLO missed: services.api.slo.attainment: 40% of requests within 250 ms "
                + "(at least 50%)"), missed.err());
        assertTrue(Files.exists(dir.resolve("b/report.html")), "the results are written all the same");
        Cli met = Cli.run("run", f.toString(), "--out", dir.resolve("c").toString(), "--check-slo", "--quiet",
                "--set", "services.api.slo.latencyP99=500ms", "--set", "services.api.slo.attainment.target=0.4");
        assertEquals(0, met.exitCode(), met.err());
        assertEquals("", met.err());
        assertTrue(summary("c").at("/slo/met").asBoolean());
    }

    /**
     * One node of 4 CPUs, a job of one 4-CPU pod running 10 minutes, submitted at 0 and at 1 min:
     * the second waits until the first ends, a queueing delay of about 9 minutes.
     */
    @Test
    void aJobsQueueingDelayObjective() throws IOException {
        Path f = dir.resolve("job.yaml");
        Files.writeString(f, """
                name: job-slo
                duration: 1h
                nodePools:
                  pool: {count: 1, cpu: 4, memory: 16Gi}
                jobs:
                  batch:
                    resources: {cpu: 4, memory: 1Gi}
                    runtime: {type: constant, value: 10m}
                    submitAt: [0, 1m]
                    slo: {queueingDelayP95: 5m, completionTimeP50: 11m}
                """);
        Cli r = Cli.run("run", f.toString(), "--out", dir.resolve("j").toString(), "--check-slo", "--quiet");
        assertEquals(1, r.exitCode(), r.err());
        JsonNode o = summary("j").at("/slo/objectives");
        assertEquals("queueingDelaySeconds", o.get(0).get("figure").asText());
        assertEquals(540, o.get(0).get("actual").asDouble(), 1, "about 9 minutes, in seconds");
        assertEquals(summary("j").at("/jobs/batch/queueingDelaySeconds/p95").asDouble(), o.get(0).get("actual").asDouble(), 0);
        assertFalse(o.get(0).get("met").asBoolean());
        assertTrue(o.get(1).get("met").asBoolean(), "the first completes in 10 min: " + o.get(1));
        assertTrue(r.err().contains("jobs.batch.slo.queueingDelayP95: p95 queueing delay "), r.err());
    }

    /** The LLM example states TTFT and TPOT objectives; a tight one is missed and named. */
    @Test
    void anLlmServicesTokenObjectives() throws IOException {
        String example = Path.of("examples/llm-serving.yaml").toAbsolutePath().toString();
        Cli r = Cli.run("run", example, "--out", dir.resolve("llm").toString(), "--quiet", "--check-slo",
                "--set", "duration=8m", "--set", "services.chat.slo.ttftP99=1ms");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("capsim: SLO missed: services.chat.slo.ttftP99: p99 time to first token "), r.err());
        JsonNode s = summary("llm");
        JsonNode o = s.at("/slo/objectives");
        assertEquals("ttftMs", o.get(0).get("figure").asText());
        assertEquals(s.at("/services/chat/llm/ttftMs/p99").asDouble(), o.get(0).get("actual").asDouble(), 0);
        assertEquals("tpotMs", o.get(1).get("figure").asText());
        assertEquals(s.at("/services/chat/llm/tpotMs/p99").asDouble(), o.get(1).get("actual").asDouble(), 0);
        assertTrue(o.get(1).get("met").asBoolean(), o.get(1).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{ttftP99: 1s} | svc.yaml:11:20: services.api.slo.ttftP99: ttft and tpot objectives need an LLM service (engine continuous-batching)",
        "{latencyP98: 1s} | services.api.slo.latencyP98: unknown field",
        "{} | services.api.slo: is empty; give at least one objective, or leave slo out",
        "{attainment: {within: 1s, target: 1.5}} | services.api.slo.attainment.target: 1.5 is not in (0, 1]",
        "{latencyP99: fast} | services.api.slo.latencyP99: ",
    })
    void badObjectivesAreRefusedWithTheirPath(String slo, String expected) throws IOException {
        Cli r = Cli.run("validate", serviceScenario(slo).toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
