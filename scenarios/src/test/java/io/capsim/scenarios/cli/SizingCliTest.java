package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a scenario's sizing, resizePolicy and copyOf refuse, each with its place and what to do. */
class SizingCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sizing: {updateMode: Off} | | v.yaml:10:26: services.api.sizing.updateMode: Off is read as a boolean (Off) in YAML; quote it: \"Off\"",
        "sizing: {updateMode: InPlace, recommender: median} | | services.api.sizing.recommender: \"median\" is not allowed",
        "sizing: {updateMode: InPlace, minAllowed: {cpu: 4}, maxAllowed: {cpu: 2}} | | "
                + "services.api.sizing.maxAllowed: cpu 2000m is below minAllowed's 4000m",
        "sizing: {updateMode: InPlace, targetPercentile: 40} | | "
                + "services.api.sizing.lowerBoundPercentile: 50 is above targetPercentile 40",
        "resizePolicy: [{resourceName: gpu}] | | services.api.resizePolicy[0].resourceName: \"gpu\" is not allowed",
        "resizePolicy: [{resourceName: cpu}, {resourceName: cpu}] | | "
                + "services.api.resizePolicy[1].resourceName: \"cpu\" is listed twice",
        "startupTime: 0s | copy: {service: api, copyOf: nowhere} | arrivals.copy.copyOf: unknown arrival stream \"nowhere\"",
        "startupTime: 0s | copy: {service: api, copyOf: load, rate: 3} | arrivals.copy.rate: a stream with copyOf takes only",
    })
    void isRefusedWithThePlaceAndWhatIsAllowed(String serviceLine, String arrivalLine, String expected) throws IOException {
        Path f = dir.resolve("v.yaml");
        Files.writeString(f, """
                name: v
                duration: 10s
                nodePools:
                  pool: {count: 1, cpu: 8, memory: 8Gi}
                services:
                  api:
                    replicas: 1
                    resources: {cpu: 1, memory: 1Gi}
                    serviceTime: {type: exponential, mean: 1s}
                    %s
                arrivals:
                  load: {service: api, process: poisson, rate: 1}
                  %s
                """.formatted(serviceLine, arrivalLine == null ? "" : arrivalLine));
        Cli r = Cli.run("validate", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }
}
