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
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scenarios/examples/gpu-cluster.yaml} end to end: the same arrivals under two scheduler
 * profiles (chosen with {@code --set services.chat.schedulerName}), five seeds each.
 */
class GpuClusterExampleTest {

    private static final Path EXAMPLE = Path.of("examples/gpu-cluster.yaml");

    @TempDir
    Path tmp;

    private JsonNode run(String profile, long seed) throws IOException {
        return run(profile + "-" + seed, "--seed", Long.toString(seed), "--set", "services.chat.schedulerName=" + profile);
    }

    private JsonNode run(String name, String... options) throws IOException {
        Path out = tmp.resolve(name);
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("run", EXAMPLE.toString(), "-q", "--out", out.toString()));
        args.addAll(List.of(options));
        int code = CapsimCommand.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
    }

    /** Mean and half-width of the 95% interval (Student's t, n - 1 degrees of freedom). */
    private static double[] meanAndHalfWidth(List<Double> xs) {
        int n = xs.size();
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = TDistribution.of(n - 1).inverseCumulativeProbability(0.975);
        return new double[] {mean, t * sd / Math.sqrt(n)};
    }

    @Test
    void theProfileDecidesWhereChatRunsAndItsTailTheGangNeverRunsPartiallyAndRerankPreemptsBatch()
            throws IOException {
        List<Double> affinity = new ArrayList<>();
        List<Double> pack = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            for (String profile : List.of("default-scheduler", "bin-pack")) {
                JsonNode s = run(profile, seed);
                JsonNode chat = s.get("services").get("chat");
                JsonNode where = chat.get("replicas").get("readyByPool");
                // default-scheduler: NodeAffinity's preference for H100 decides; bin-pack: MostAllocated
                // on GPUs (weight 10) sends the replicas to the half-full A10s.
                String expected = profile.equals("default-scheduler") ? "h100" : "a10";
                assertEquals(1, where.size(), profile + " seed " + seed + ": " + where);
                assertEquals(4.0, where.get(expected).asDouble(), 1e-9, profile + " seed " + seed + ": " + where);
                (profile.equals("default-scheduler") ? affinity : pack).add(chat.get("latencyMs").get("p99").asDouble());

                // Gangs bind all together or not at all: no instance ever ran with fewer than minMember
                // pods, and the second instance waited for the first (holding nothing meanwhile).
                JsonNode train = s.get("jobs").get("train");
                assertEquals(0.0, train.get("partialGangSeconds").asDouble(), profile + " seed " + seed);
                assertEquals(3, train.get("instances").get("submitted").asInt());
                assertTrue(train.get("queueingDelaySeconds").get("max").asDouble() > 600,
                        "the second gang waited for the first: " + train.get("queueingDelaySeconds"));

                // rerank (priority 1000, A10 only, created at 20 min) preempts batch pods (priority 0).
                JsonNode sched = s.get("scheduler");
                assertTrue(sched.get("preemptions").asInt() >= 1, "preemptions " + sched.get("preemptions"));
                assertTrue(sched.get("victims").asInt() >= 2, "victims " + sched.get("victims"));
                assertEquals(2, s.get("services").get("rerank").get("replicas").get("readyAtEnd").asInt());
                // The victims were batch pods: no inference replica and no training pod was preempted.
                assertEquals(0, chat.get("replicas").get("preempted").asInt());
                assertEquals(0, s.get("services").get("rerank").get("replicas").get("preempted").asInt());
                assertEquals(0, train.get("podFailures").asInt());
                assertTrue(sched.get("creationToBindMs").get("count").asLong() > 0);
                assertTrue(sched.get("unschedulableAttempts").get("byPlugin").has("NodeResourcesFit"));
            }
        }
        double[] a = meanAndHalfWidth(affinity);
        double[] p = meanAndHalfWidth(pack);
        // The p99s differ by at least 15%, and their 95% intervals do not overlap.
        assertTrue(p[0] >= 1.15 * a[0], "p99 bin-pack " + p[0] + " vs default " + a[0]);
        assertTrue(p[0] - p[1] > a[0] + a[1], "intervals overlap: bin-pack " + p[0] + " +/- " + p[1]
                + ", default " + a[0] + " +/- " + a[1]);
    }

    /**
     * The header's third command: rerank's node selector, a label key with dots, moved to the H100s
     * by a bracketed --set. Its tail shortens, and its four GPUs there leave no room for a 12-GPU
     * training gang: no train instance runs.
     */
    @Test
    void rerankMovedToTheH100sByItsDottedNodeSelectorKeyShutsOutTheGangs() throws IOException {
        JsonNode base = run("a10");
        JsonNode moved = run("h100", "--set", "services.rerank.nodeSelector[\"nvidia.com/gpu.product\"]=H100");
        JsonNode rerank = moved.get("services").get("rerank");
        assertTrue(rerank.get("replicas").get("readyByPool").has("h100"), rerank.get("replicas").toString());
        assertTrue(base.get("services").get("rerank").get("replicas").get("readyByPool").has("a10"));
        double before = base.get("services").get("rerank").get("latencyMs").get("p99").asDouble();
        double after = rerank.get("latencyMs").get("p99").asDouble();
        assertTrue(after < 0.5 * before, "rerank p99 " + before + " -> " + after);
        assertEquals(2, base.get("jobs").get("train").get("instances").get("completed").asInt());
        JsonNode train = moved.get("jobs").get("train").get("instances");
        assertEquals(0, train.get("completed").asInt(), train.toString());
        assertEquals(0, train.get("running").asInt(), train.toString());
    }
}
