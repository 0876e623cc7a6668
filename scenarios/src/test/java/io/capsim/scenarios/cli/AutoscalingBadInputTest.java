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

/** What `capsim validate` says of an autoscaling section it cannot run. */
class AutoscalingBadInputTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{minReplicas: 3, maxReplicas: 2} | {cpu: 1, memory: 1Gi} | services.api.autoscaling.maxReplicas: 2 is less than minReplicas 3",
        "{minReplicas: 1} | {cpu: 1, memory: 1Gi} | services.api.autoscaling.maxReplicas: is required",
        "{maxReplicas: 4, metrics: [{type: Resource, resource: {name: memory, target: {type: Utilization, averageUtilization: 60}}}]} "
                + "| {cpu: 1, memory: 1Gi} | services.api.autoscaling.metrics[0].resource.name: ",
        "{maxReplicas: 4, behavior: {scaleDown: {stabilizationWindowSeconds: 4000}}} | {cpu: 1, memory: 1Gi} "
                + "| services.api.autoscaling.behavior.scaleDown.stabilizationWindowSeconds: 4000 is not in [0, 3600]",
        "{maxReplicas: 4, behavior: {scaleUp: {policies: [{type: Pods, value: 0, periodSeconds: 15}]}}} | {cpu: 1, memory: 1Gi} "
                + "| services.api.autoscaling.behavior.scaleUp.policies[0].value: 0 is not in [1, ",
        "{maxReplicas: 4} | {memory: 1Gi} | services.api.autoscaling.metrics: a CPU utilization target needs a CPU request",
    })
    void isRefusedWithTheFieldAndWhatIsAllowed(String hpa, String resources, String expected) throws IOException {
        Path f = dir.resolve("hpa.yaml");
        Files.writeString(f, """
                name: hpa
                duration: 10m
                nodePools:
                  pool: {count: 1, cpu: 4, memory: 4Gi}
                services:
                  api:
                    replicas: 1
                    resources: %s
                    serviceTime: {type: exponential, mean: 10ms}
                    autoscaling: %s
                arrivals:
                  load: {service: api, process: poisson, rate: 1}
                """.formatted(resources, hpa));
        Cli r = Cli.run("validate", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
