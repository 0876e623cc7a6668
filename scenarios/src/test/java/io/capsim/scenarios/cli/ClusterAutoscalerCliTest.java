package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * scenarios/examples/cluster-autoscaler.yaml through the CLI: nodes follow the load with the
 * configured delays (90 s provisioning, 10 s scans, 5 min unneeded, 5 min after a scale-up), stay
 * within minCount and maxCount, and cost node-hours x costPerHour.
 */
class ClusterAutoscalerCliTest {

    private static final String EXAMPLE = Path.of("examples/cluster-autoscaler.yaml").toAbsolutePath().toString();
    private static final double PROVISIONING = 90;
    private static final double SCAN = 10;
    private static final double UNNEEDED = 300;
    private static final double AFTER_ADD = 300;

    @TempDir
    Path dir;

    @Test
    void nodesFollowTheLoadWithTheConfiguredDelaysAndCostTheirNodeHours() throws IOException {
        Cli run = Cli.run("run", EXAMPLE, "--out", dir.resolve("ca").toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("ca/summary.json").toFile());
        JsonNode ca = s.at("/cluster/autoscaler");
        JsonNode pool = ca.at("/pools/cpu-small");
        assertEquals("least-waste", ca.get("expander").asText());
        List<double[]> series = csv(dir.resolve("ca/timeseries.csv"));
        List<String> header = header(dir.resolve("ca/timeseries.csv"));
        int pending = header.indexOf("pending-pods");
        int nodes = header.indexOf("nodes/cpu-small");

        // 1. Every node joins exactly the provisioning delay after the scale-up that asked for it.
        Deque<Double> asked = new ArrayDeque<>();
        double firstScaleUp = -1;
        double lastScaleUp = -1;
        double lastJoin = -1;
        List<Double> removals = new ArrayList<>();
        for (JsonNode e : ca.get("events")) {
            double t = e.get("atSeconds").asDouble();
            switch (e.get("kind").asText()) {
                case "scaleUp" -> {
                    for (int k = 0; k < e.get("nodes").asInt(); k++) {
                        asked.add(t);
                    }
                    firstScaleUp = firstScaleUp < 0 ? t : firstScaleUp;
                    lastScaleUp = t;
                }
                case "joined" -> {
                    assertEquals(asked.removeFirst() + PROVISIONING, t, 1e-9, e.toString());
                    lastJoin = t;
                }
                case "removed" -> {
                    removals.add(t);
                    // not within scaleDownDelayAfterAdd of the last scale-up
                    assertTrue(t >= lastScaleUp + AFTER_ADD, e + " after the scale-up at " + lastScaleUp);
                }
                default -> throw new AssertionError(e.toString());
            }
        }
        assertTrue(asked.isEmpty(), "every node asked for joined");
        assertTrue(pool.get("nodesAdded").asInt() >= 3 && pool.get("scaleDowns").asInt() >= 2, pool.toString());

        // 2. The first scale-up answers pending pods: some are pending within a sample (15 s) and a
        // scan of it, and none is pending before the first sample that shows them; no node joins
        // before the first scale-up plus the provisioning delay.
        double firstPending = -1;
        for (double[] row : series) {
            if (row[pending] > 0) {
                firstPending = row[0];
                break;
            }
        }
        assertTrue(firstPending >= 0 && Math.abs(firstScaleUp - firstPending) <= 15 + SCAN,
                "first pending at " + firstPending + " s, first scale-up at " + firstScaleUp + " s");
        for (double[] row : series) {
            if (row[0] < firstScaleUp + PROVISIONING) {
                assertEquals(1, row[nodes], 0, "no node before the first scale-up + provisioning: " + row[0]);
            }
        }

        // 3. Scale-down waits for the unneeded time: the HPA's last scale-down (the load falling back)
        // empties nodes; the first removal after it comes 300 s later, give or take two scans.
        JsonNode hpa = s.at("/services/api/autoscaling/events");
        double drop = hpa.get(hpa.size() - 1).get("atSeconds").asDouble();
        assertTrue(hpa.get(hpa.size() - 1).get("to").asInt() < hpa.get(hpa.size() - 1).get("from").asInt());
        double after = removals.stream().filter(t -> t > drop).findFirst().orElseThrow();
        assertTrue(after >= drop + UNNEEDED && after <= drop + UNNEEDED + 2 * SCAN,
                "removal at " + after + " s, load dropped at " + drop + " s");
        assertTrue(lastJoin < drop);

        // 4. Within [minCount, maxCount] at every sample; back to the minimum at the end.
        for (double[] row : series) {
            assertTrue(row[nodes] >= 1 && row[nodes] <= 6, "nodes " + row[nodes] + " at " + row[0]);
        }
        assertEquals(1, pool.get("nodesAtEnd").asInt());
        assertTrue(pool.get("nodesLeast").asInt() >= 1 && pool.get("nodesMost").asInt() <= 6, pool.toString());

        // 5. Node-hours are the integral of the node count over the measured window (from the
        // events), and cost is node-hours x costPerHour (0.20).
        double warmup = 120;
        double end = s.get("simulatedSeconds").asDouble();
        double area = 0;
        double at = warmup;
        int count = pool.get("nodesAtStart").asInt();
        for (JsonNode e : ca.get("events")) {
            double t = e.get("atSeconds").asDouble();
            if (t > warmup) {
                area += count * (t - at);
                at = t;
            }
            count = e.get("poolNodes").asInt();
        }
        area += count * (end - at);
        assertEquals(area / 3600, pool.get("nodeHours").asDouble(), 1e-5);
        assertEquals(pool.get("nodeHours").asDouble() * 0.20, pool.get("cost").asDouble(), 1e-5);
        assertEquals(pool.get("cost").asDouble(), s.at("/cluster/cost").asDouble(), 1e-5);
        assertEquals(pool.get("nodeHours").asDouble(), s.at("/cluster/nodeHours").asDouble(), 1e-5);
        assertTrue(Files.readString(dir.resolve("ca/report.html")).contains("Cluster autoscaler by node pool"));
    }

    @Test
    void maxCountCapsTheScaleUpAndMinCountTheScaleDown() throws IOException {
        Cli capped = Cli.run("run", EXAMPLE, "--out", dir.resolve("max").toString(), "--quiet",
                "--set", "nodePools.cpu-small.maxCount=2");
        assertEquals(0, capped.exitCode(), capped.err());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("max/summary.json").toFile())
                .at("/cluster/autoscaler/pools/cpu-small");
        assertEquals(2, a.get("nodesMost").asInt(), a.toString());
        Cli floor = Cli.run("run", EXAMPLE, "--out", dir.resolve("min").toString(), "--quiet",
                "--set", "nodePools.cpu-small.count=3", "--set", "nodePools.cpu-small.minCount=3");
        assertEquals(0, floor.exitCode(), floor.err());
        JsonNode b = new ObjectMapper().readTree(dir.resolve("min/summary.json").toFile())
                .at("/cluster/autoscaler/pools/cpu-small");
        assertEquals(3, b.get("nodesLeast").asInt(), b.toString());
        assertTrue(b.get("nodesMost").asInt() > 3, b.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--set|nodePools.cpu-small.count=7|--set nodePools.cpu-small.count=7: nodePools.cpu-small.count: 7 is not in [minCount, maxCount] = [1, 6]",
        "--set|nodePools.cpu-small.minCount=9|nodePools.cpu-small.minCount: 9 is more than maxCount 6",
        "--set|clusterAutoscaler=null|nodePools.cpu-small.maxCount: node pool bounds take effect only with the cluster autoscaler",
        // a wrong pool: its bounds are not checked against a count it does not have (once a second problem)
        "--set|nodePools.cpu-small.cpu=-1|nodePools.cpu-small.cpu: ",
        "--set|clusterAutoscaler.expander=least-wast|clusterAutoscaler.expander: \"least-wast\" is not allowed; did you mean \"least-waste\"?",
    })
    void badSettingsAreRefusedWithTheirField(String flag, String value, String expected) throws IOException {
        Path f = dir.resolve("ca.yaml");
        Files.copy(Path.of(EXAMPLE), f);
        Cli run = Cli.run("validate", f.toString(), flag, value);
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertTrue(run.err().contains("capsim: 1 problem"), "no follow-on problem: " + run.err());
    }

    private static List<String> header(Path csv) throws IOException {
        return List.of(Files.readAllLines(csv).get(0).split(","));
    }

    private static List<double[]> csv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<double[]> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] cells = l.split(",", -1);
            double[] row = new double[cells.length];
            for (int k = 0; k < cells.length; k++) {
                row[k] = cells[k].isEmpty() ? Double.NaN : Double.parseDouble(cells[k]);
            }
            out.add(row);
        }
        return out;
    }
}
