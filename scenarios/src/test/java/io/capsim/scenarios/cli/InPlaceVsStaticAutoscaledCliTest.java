package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scenarios/examples/inplace-vs-static.yaml} with the cluster autoscaler switched on from the
 * command line (each pool 1..4 nodes, 2 minutes to provision, 5 minutes unneeded before removal,
 * none within 5 minutes of a scale-up, $0.50 a node-hour): the node count of the resized pools
 * follows their load up and down with those delays, and the cost is the node-hours' price.
 */
class InPlaceVsStaticAutoscaledCliTest {

    static final String[] POOLS = {"peak", "mean", "recreate", "iprec", "inplace"};

    @TempDir
    Path tmp;

    @Test
    void nodesFollowTheLoadWithTheConfiguredDelaysAndCostTheirNodeHours() throws IOException {
        Path out = tmp.resolve("ca");
        List<String> args = new ArrayList<>(List.of("run", "examples/inplace-vs-static.yaml", "-q", "--out",
                out.toString(), "--set", "clusterAutoscaler.scaleDownUnneededTime=5m", "--set",
                "clusterAutoscaler.scaleDownDelayAfterAdd=5m"));
        for (String p : POOLS) {
            for (String s : new String[] {"minCount=1", "maxCount=4", "provisioningDelay=2m", "costPerHour=0.5"}) {
                args.add("--set");
                args.add("nodePools." + p + "." + s);
            }
        }
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode ca = s.at("/cluster/autoscaler");
        double cost = 0;
        for (String p : POOLS) {
            JsonNode pool = ca.path("pools").path(p);
            assertTrue(pool.path("nodesLeast").asInt() >= 1 && pool.path("nodesMost").asInt() <= 4, p + ": " + pool);
            assertEquals(pool.path("nodeHours").asDouble() * 0.5, pool.path("cost").asDouble(), 1e-5, p);
            cost += pool.path("cost").asDouble();
            List<Double> ups = new ArrayList<>();
            List<Double> joins = new ArrayList<>();
            for (JsonNode e : ca.path("events")) {
                if (!e.path("pool").asText().equals(p)) {
                    continue;
                }
                double at = e.path("atSeconds").asDouble();
                switch (e.path("kind").asText()) {
                    case "scaleUp" -> ups.add(at);
                    case "joined" -> joins.add(at);
                    case "removed" -> {
                        for (double u : ups) {
                            assertTrue(at >= u + 300, p + ": a node removed at " + at + " s, within 5 min of the "
                                    + "scale-up at " + u + " s");
                        }
                    }
                    default -> throw new AssertionError(e.toString());
                }
            }
            // Every node joins 2 minutes after the scale-up that asked for it (one node each here).
            assertEquals(ups.size(), joins.size() + (int) ups.stream().filter(u -> u + 120 > 7200).count(), p);
            for (int i = 0; i < joins.size(); i++) {
                assertEquals(ups.get(i) + 120, joins.get(i), 1e-9, p + " join " + i);
            }
        }
        assertEquals(cost, s.at("/cluster/cost").asDouble(), 1e-4);
        // The in-place pool grows under its bursts (its replicas grow in place, its batch pods then
        // wait for room) and shrinks between them; the pool sized for the peak never needs a node.
        JsonNode inplace = ca.path("pools").path("inplace");
        assertTrue(inplace.path("scaleUps").asInt() >= 2 && inplace.path("scaleDowns").asInt() >= 2, inplace.toString());
        assertTrue(inplace.path("nodesMost").asInt() > inplace.path("nodesAtStart").asInt(), inplace.toString());
        assertEquals(0, ca.path("pools").path("peak").path("scaleUps").asInt());
    }
}
