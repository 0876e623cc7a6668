package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HPA on requests in flight per pod (a {@code Pods} metric with an {@code AverageValue} target)
 * from a scenario file, through the CLI: one replica of 4 slots (100 ms a request) holds about one
 * request in flight at 10 requests/s, far below the target of 6 (the gauge is read at each sync,
 * so a target near the mean would catch its bursts), so it stays alone; at 60/s, beyond
 * its 40/s, its requests pile up and the HPA adds replicas, only after the step.
 */
class HpaInFlightCliTest {

    @TempDir
    Path tmp;

    @Test
    void scalesOnRequestsInFlightPerPod() throws IOException {
        Path scenario = tmp.resolve("hpa-in-flight.yaml");
        Files.writeString(scenario, """
                name: hpa-in-flight
                seed: 5
                duration: 15m
                nodePools:
                  pool: {count: 2, cpu: 16, memory: 64Gi}
                services:
                  web:
                    replicas: 1
                    concurrency: 4
                    queueCapacity: 100000
                    routing: least-outstanding
                    resources: {cpu: 1, memory: 1Gi}
                    startupTime: 20s
                    serviceTime: {type: exponential, mean: 100ms}
                    autoscaling:
                      maxReplicas: 6
                      metrics: [{type: Pods, pods: {metric: {name: requests-in-flight}, target: {type: AverageValue, averageValue: 6}}}]
                arrivals:
                  load: {service: web, process: piecewise, at: [0, 300], rate: [10, 60]}
                """);
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", scenario.toString(), "-q", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode a = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/services/web/autoscaling");
        assertTrue(a.path("scaleUps").asInt() >= 1 && a.path("desiredMax").asInt() >= 2, a.toString());
        for (JsonNode e : a.path("events")) {
            if (e.path("to").asInt() > e.path("from").asInt()) {
                assertTrue(e.path("atSeconds").asDouble() >= 300, "a scale-up before the step: " + e);
            }
        }
        // 60/s needs at least 2 replicas of 40/s.
        assertTrue(a.path("desiredAtEnd").asInt() >= 2, a.toString());
    }

    @Test
    void aBadPodsMetricIsBadInput() throws IOException {
        Path scenario = tmp.resolve("bad.yaml");
        Files.writeString(scenario, """
                name: bad
                duration: 1m
                nodePools:
                  pool: {count: 1, cpu: 16, memory: 64Gi}
                services:
                  web:
                    replicas: 1
                    serviceTime: {type: exponential, mean: 100ms}
                    autoscaling:
                      maxReplicas: 6
                      metrics: [{type: Pods, pods: {metric: {name: queue-depth}, target: {type: AverageValue, averageValue: 0}}}]
                arrivals:
                  load: {service: web, process: poisson, rate: 1}
                """);
        Cli r = Cli.run("validate", scenario.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("services.web.autoscaling.metrics[0].pods.metric.name"), r.err());
        assertTrue(r.err().contains("requests-in-flight"), r.err());
        assertTrue(r.err().contains("services.web.autoscaling.metrics[0].pods.target.averageValue"), r.err());
    }

    /**
     * examples/autoscaling.yaml with its CPU target, and with the requests-in-flight target its
     * header gives (set through list indices): on the traffic step the in-flight gauge, unbounded
     * where utilization stops at 100%, reaches a large fleet sooner and cuts the p99; but it is not
     * proportional to 1/replicas (processor sharing holds about u / (1 - u) requests at utilization
     * u), so the fleet swings and creates far more pods. The same arrivals in both runs.
     */
    @Test
    void theAutoscalingExampleOnRequestsInFlightReactsSoonerAndSwings() throws IOException {
        JsonNode cpu = autoscalingExample("cpu");
        String m = "services.api.autoscaling.metrics[0].";
        JsonNode inFlight = autoscalingExample("in-flight", m + "type=Pods", m + "resource=null",
                m + "pods.metric.name=requests-in-flight", m + "pods.target.type=AverageValue",
                m + "pods.target.averageValue=1.5");
        assertEquals(cpu.at("/requests/arrived").asLong(), inFlight.at("/requests/arrived").asLong());
        assertTrue(firstAtLeast(inFlight, 14, 600) < firstAtLeast(cpu, 14, 600),
                inFlight.at("/autoscaling/events") + " against " + cpu.at("/autoscaling/events"));
        assertTrue(inFlight.at("/latencyMs/p99").asDouble() < cpu.at("/latencyMs/p99").asDouble() / 2,
                inFlight.at("/latencyMs") + " against " + cpu.at("/latencyMs"));
        assertTrue(inFlight.at("/replicas/podsCreated").asLong() > 2 * cpu.at("/replicas/podsCreated").asLong(),
                inFlight.at("/replicas") + " against " + cpu.at("/replicas"));
    }

    /** When the desired replicas first reached {@code n} after {@code from} seconds; infinity if never. */
    private static double firstAtLeast(JsonNode service, int n, double from) {
        for (JsonNode e : service.at("/autoscaling/events")) {
            if (e.path("atSeconds").asDouble() >= from && e.path("to").asInt() >= n) {
                return e.path("atSeconds").asDouble();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private JsonNode autoscalingExample(String name, String... sets) throws IOException {
        Path out = tmp.resolve(name);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "examples/autoscaling.yaml",
                "--out", out.toString(), "--quiet"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile()).at("/services/api");
    }
}
