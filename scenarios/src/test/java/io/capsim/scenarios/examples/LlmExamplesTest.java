package io.capsim.scenarios.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.scenarios.cli.CapsimCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scenarios/examples/agents.yaml}, {@code llm-mixed.yaml} and {@code llm-autoscaling.yaml} end to end through the CLI: the
 * figures each is there to show are in {@code summary.json} and in {@code report.html}, and they
 * say what the example claims.
 */
class LlmExamplesTest {

    @TempDir
    Path tmp;

    private Path run(String example, String out, String... set) {
        Path dir = tmp.resolve(out);
        List<String> args = new ArrayList<>(List.of("run", "examples/" + example, "-q", "--out", dir.toString()));
        for (String s : set) {
            args.add("--set");
            args.add(s);
        }
        StringWriter err = new StringWriter();
        int code = CapsimCommand.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return dir;
    }

    private static JsonNode summary(Path dir) throws IOException {
        return new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json")));
    }

    /** The report shows the figure at {@code pointer}, copied from summary.json. */
    private static void shows(String html, JsonNode summary, String pointer) {
        assertTrue(!summary.at(pointer).isMissingNode(), pointer + " is in summary.json");
        String cell = "<td data-json=\"" + pointer + "\">" + summary.at(pointer).decimalValue().toPlainString() + "</td>";
        assertTrue(html.contains(cell), "report.html shows " + cell);
    }

    @Test
    void agentSessionsFanOutAndTheReportShowsTheirCompletionTime() throws IOException {
        Path dir = run("agents.yaml", "agents");
        JsonNode s = summary(dir);
        JsonNode a = s.at("/sessions/agents");
        assertEquals("planner", a.get("service").asText());
        assertEquals("worker", a.get("agentService").asText());
        long started = a.at("/sessions/started").asLong();
        long completed = a.at("/sessions/completed").asLong();
        // 2 sessions/s over the 9 measured minutes: about 1,080
        assertTrue(started > 950 && started < 1200, a.toString());
        assertEquals(started, completed + a.at("/sessions/failed").asLong() + a.at("/sessions/unfinished").asLong());
        assertTrue(completed > 0.9 * started, a.toString());
        // Three supervisor calls; two chances in a session to fan out (p = 0.7) to 1-8 sub-agents of
        // two calls each: mean calls 3 + 2 x 0.7 x E[width] x 2, with E[width] about 3.
        double calls = a.at("/callsPerSession/mean").asDouble();
        assertTrue(calls > 3 + 2 * 0.7 * 2 * 2 && calls < 3 + 2 * 0.7 * 4 * 2, a.toString());
        assertTrue(a.at("/callsPerSession/p50").asLong() > 3, "most sessions fan out: " + a);
        assertTrue(a.get("agentCalls").asLong() > 0 && a.get("fanOuts").asLong() > 0, a.toString());
        // A session lasts at least its three calls and two think times (3 s each on average) plus
        // the sub-agents' 1 s tool calls: well above any single call's latency.
        double p50 = a.at("/completionSeconds/p50").asDouble();
        assertTrue(p50 > 6 && p50 > s.at("/services/planner/latencyMs/p99").asDouble() / 1000, a.toString());
        assertTrue(a.at("/completionSeconds/p99").asDouble() > p50);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<h2>Agent sessions</h2>"));
        for (String p : List.of("/sessions/agents/completionSeconds/p50", "/sessions/agents/completionSeconds/p99",
                "/sessions/agents/callsPerSession/mean")) {
            shows(html, s, p);
        }
    }

    @Test
    void inferenceAndTrainingShareThePoolTheReportShowsTailsBatchAndQueueing() throws IOException {
        Path dir = run("llm-mixed.yaml", "mixed");
        JsonNode s = summary(dir);
        JsonNode llm = s.at("/services/chat/llm");
        assertTrue(llm.at("/ttftMs/count").asLong() > 15_000, llm.toString());
        assertTrue(llm.at("/ttftMs/p99").asDouble() > llm.at("/ttftMs/p50").asDouble(), llm.toString());
        assertTrue(llm.at("/tpotMs/p99").asDouble() > llm.at("/tpotMs/p50").asDouble(), llm.toString());
        assertTrue(llm.get("meanBatch").asDouble() > 1, "requests are batched: " + llm);
        JsonNode train = s.at("/jobs/train");
        assertTrue(train.at("/instances/completed").asLong() >= 2, train.toString());
        double delay = train.at("/queueingDelaySeconds/mean").asDouble();
        assertTrue(delay > 0 && train.at("/queueingDelaySeconds/p95").asDouble() > 60, train.toString());
        assertEquals(3, s.at("/slo/objectives").size());
        // Inference, created at 3 minutes while two gangs hold the pool, preempts one of them: the
        // gang is torn down and loses the work since its last checkpoint (at most 2 minutes).
        assertTrue(s.at("/scheduler/preemptions").asLong() >= 1, s.at("/scheduler").toString());
        assertTrue(train.get("gangRestarts").asLong() >= 1, train.toString());
        double lost = train.at("/gpuHours/lost").asDouble();
        assertTrue(lost > 0 && lost <= 8 * 2.0 / 60 * train.get("gangRestarts").asLong() + 1e-6, train.toString());
        // The same gangs (their own random streams) without the inference replicas: two gangs fit
        // the 16 GPUs at once, so the queueing came from the GPUs inference held.
        JsonNode alone = summary(run("llm-mixed.yaml", "alone", "services.chat.replicas=0",
                "arrivals.azure-conversation.trace.to=1s"));
        assertEquals(train.at("/instances/submitted"), alone.at("/jobs/train/instances/submitted"));
        assertTrue(alone.at("/jobs/train/queueingDelaySeconds/mean").asDouble() < delay / 2, alone.at("/jobs/train")
                .toString());
        assertEquals(0, alone.at("/jobs/train/gpuHours/lost").asDouble(), alone.at("/jobs/train").toString());

        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("Service level objectives: all met"), "the SLOs are judged in the report");
        for (String p : List.of("/services/chat/llm/ttftMs/p99", "/services/chat/llm/tpotMs/p99",
                "/services/chat/llm/ttftMs/p999", "/services/chat/llm/meanBatch", "/jobs/train/queueingDelaySeconds/p95",
                "/jobs/train/queueingDelaySeconds/mean")) {
            shows(html, s, p);
        }
        assertTrue(Files.size(dir.resolve("llm-batch.png")) > 1000);
        assertTrue(html.contains("<figure id=\"llm-batch.png\"><img src=\"data:image/png;base64,"),
                "the batch over time is drawn in the report");
        String csv = Files.readString(dir.resolve("timeseries.csv"));
        assertTrue(csv.lines().findFirst().orElseThrow().contains("llm-batch/chat"), "the batch series is written");
    }

    /**
     * llm-autoscaling.yaml: the HPA adds replicas while the VPA resizes their CPU in place; each
     * replica keeps its one GPU (the GPUs allocated over time equal the replicas holding them); and
     * the cold start shows in TTFT: the same run with replicas that start in a second has a far
     * shorter TTFT tail.
     */
    @Test
    void llmAutoscalingScalesOutResizesCpuNotGpusAndPaysItsColdStartsInTtft() throws IOException {
        Path cold = run("llm-autoscaling.yaml", "cold");
        Path warm = run("llm-autoscaling.yaml", "warm", "services.chat.llm.coldStart.imagePull=0s",
                "services.chat.llm.coldStart.loadBandwidthGBps=1000");
        JsonNode c = summary(cold);
        JsonNode w = summary(warm);
        JsonNode hpa = c.at("/services/chat/autoscaling");
        assertTrue(hpa.path("scaleUps").asInt() >= 1 && hpa.path("desiredMax").asInt() >= 3, hpa.toString());
        JsonNode resize = c.at("/services/chat/resize");
        assertTrue(resize.path("completed").asInt() >= 1, resize.toString());
        assertEquals(0, resize.path("refused").asInt() + resize.path("infeasible").asInt(), resize.toString());
        // CPU was resized in place above the request the Deployment gives (4 cores): with replicas
        // Ready in a second, the CPU allocated per Ready replica ...
        List<String> rows = Files.readAllLines(warm.resolve("timeseries.csv"));
        List<String> head = List.of(rows.get(0).split(","));
        int cpu = head.indexOf("cpu-allocated/chat");
        int ready = head.indexOf("ready-replicas/chat");
        assertTrue(cpu >= 0 && ready >= 0, head.toString());
        double mostCpu = 0;
        for (String r : rows.subList(1, rows.size())) {
            String[] v = r.split(",", -1);
            if (!v[cpu].isEmpty() && !v[ready].isEmpty() && Double.parseDouble(v[ready]) > 0) {
                mostCpu = Math.max(mostCpu, Double.parseDouble(v[cpu]) / Double.parseDouble(v[ready]));
            }
        }
        assertTrue(mostCpu > 4.5 && mostCpu <= 8, "CPU allocated per replica at most " + mostCpu);
        // ... while each replica kept one GPU: with replicas Ready in a second, the GPUs allocated
        // (a share of the pool's 16) average exactly the Ready replicas; with a cold start, the
        // starting replicas hold theirs too.
        double gpusWarm = w.at("/cluster/gpu/allocated").asDouble() * 16;
        assertEquals(w.at("/services/chat/replicas/readyMean").asDouble(), gpusWarm, 0.01 * gpusWarm);
        assertTrue(c.at("/cluster/gpu/allocated").asDouble() * 16 > c.at("/services/chat/replicas/readyMean").asDouble());
        // The cold start (45 s image pull + 32 s of weights) is in the TTFT tail.
        double ttftCold = c.at("/services/chat/llm/ttftMs/p99").asDouble();
        double ttftWarm = w.at("/services/chat/llm/ttftMs/p99").asDouble();
        assertTrue(ttftCold > 5 * ttftWarm, ttftCold + " ms against " + ttftWarm + " ms");
        assertEquals(false, c.at("/slo/met").asBoolean(), "the 10 s TTFT p99 objective is missed with the cold start");
        assertEquals(true, w.at("/slo/met").asBoolean(), "and met without it");
    }
}
