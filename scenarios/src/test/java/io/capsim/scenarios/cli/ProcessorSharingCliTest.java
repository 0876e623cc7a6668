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

/** The processor-sharing engine through the CLI: the example, and what is refused. */
class ProcessorSharingCliTest {

    @TempDir
    Path dir;

    /**
     * The example, and the same arrivals and demands served FIFO by two slots per replica: sharing
     * gives the short requests (the median) a shorter response, at the same CPU utilisation.
     */
    @Test
    void theExampleRunsAndSharingHelpsShortRequests() throws IOException {
        String example = Path.of("examples/cpu-processor-sharing.yaml").toAbsolutePath().toString();
        Cli ps = Cli.run("run", example, "--out", dir.resolve("ps").toString(), "--quiet");
        assertEquals(0, ps.exitCode(), ps.err());
        Cli fifo = Cli.run("run", example, "--out", dir.resolve("fifo").toString(), "--quiet",
                "--set", "services.api.engine=fixed-slots", "--set", "services.api.concurrency=2");
        assertEquals(0, fifo.exitCode(), fifo.err());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("ps/summary.json").toFile()).at("/services/api");
        JsonNode b = new ObjectMapper().readTree(dir.resolve("fifo/summary.json").toFile()).at("/services/api");
        assertEquals("processor-sharing", a.get("engine").asText());
        assertEquals(a.at("/requests/arrived").asLong(), b.at("/requests/arrived").asLong(), "identical arrivals");
        // 112/s x 0.05 CPU-s on 4 replicas of 2 cores: 70% (within sampling noise).
        assertEquals(0.70, a.get("slotUtilization").asDouble(), 0.02);
        assertTrue(a.at("/latencyMs/p50").asDouble() < 0.8 * b.at("/latencyMs/p50").asDouble(),
                a.at("/latencyMs") + " vs " + b.at("/latencyMs"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "routing: shared-queue | {cpu: 1, memory: 1Gi} | ps.yaml:10:14: services.api.routing: shared-queue with engine "
                + "processor-sharing needs a concurrency cap",
        "routing: least-outstanding | {memory: 1Gi} | ps.yaml:11:16: services.api.resources: engine processor-sharing shares "
                + "the replica's CPU among its requests: give the replica a CPU request or limit",
    })
    void isRefusedWithTheFieldAndWhatToDo(String routing, String resources, String expected) throws IOException {
        Path f = dir.resolve("ps.yaml");
        Files.writeString(f, """
                name: ps
                duration: 10s
                nodePools:
                  pool: {count: 1, cpu: 4, memory: 4Gi}
                services:
                  api:
                    replicas: 1
                    engine: processor-sharing
                    serviceTime: {type: exponential, mean: 1s}
                    %s
                    resources: %s
                arrivals:
                  load: {service: api, process: poisson, rate: 1}
                """.formatted(routing, resources));
        Cli r = Cli.run("validate", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(true, r.err().contains(expected), r.err());
    }
}
