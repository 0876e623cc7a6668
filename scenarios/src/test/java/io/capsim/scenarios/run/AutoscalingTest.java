package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.results.AutoscalingResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HorizontalPodAutoscaler from a scenario file, on a load step worked out by hand.
 *
 * <p>A processor-sharing service of 1-CPU replicas, target 50% CPU, sync every 15 s, Kubernetes'
 * default behaviour. Requests of exactly 0.1 CPU-second arrive every 100 ms (1 core: 50% of 2
 * replicas, the target: no change), every 25 ms from 300 s (4 cores), and every 100 ms again from
 * 1200 s.
 * <ul>
 *   <li>315 s: the two replicas ran flat out over [300, 315]: 100% against 50%, ratio 2,
 *       ceil(2 x 2) = 4 (the scale-up limit, max(100% -> 4, +4 -> 6), allows it).
 *   <li>330 s: the two new pods have no metric yet (Ready for less than a period): unready, counted
 *       at 0 on a scale-up: 2 cores of 4 requested is 50%, ratio 1: no change.
 *   <li>345 s: four replicas flat out (the backlog of [300, 315] keeps them busy): ratio 2, 8.
 *   <li>From 360 s: eight replicas for 4 cores: about the target, and maxReplicas is 8.
 *   <li>1200 s on: 1 core of 8 is 12.5%: the proposal is 2 from 1215 s, but the scale-down window
 *       (300 s) holds the highest recent recommendation, 8 (made at 1200 s and before), until 1500 s,
 *       when the 8 of 1200 s has left the window: 8 -> 2 (100% per 15 s allows it).
 * </ul>
 */
class AutoscalingTest {

    @TempDir
    Path dir;

    @Test
    void scalesAtTheSyncsTheControllerWouldScaleAt() throws IOException {
        StringBuilder csv = new StringBuilder("time_ms,work_s\n");
        for (long t = 1000; t < 1_800_000; t += t < 300_000 || t >= 1_200_000 ? 100 : 25) {
            csv.append(t).append(",0.1\n");
        }
        Files.writeString(dir.resolve("load.csv"), csv);
        Files.writeString(dir.resolve("hpa.yaml"), """
                name: hpa-step
                duration: 30m
                nodePools:
                  pool: {count: 4, cpu: 8, memory: 32Gi}
                services:
                  api:
                    replicas: 2
                    engine: processor-sharing
                    resources: {cpu: 1, memory: 1Gi}
                    serviceTime: {type: constant, value: 1h}  # not used: every request carries its work
                    autoscaling:
                      minReplicas: 2
                      maxReplicas: 8
                      metrics:
                        - type: Resource
                          resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
                arrivals:
                  load:
                    service: api
                    trace:
                      file: load.csv
                      format: csv
                      csv:
                        time: {column: time_ms, unit: ms}
                        fields: {work: {column: work_s, unit: s}}
                """);
        ServiceResult s = ScenarioRunner.run(ScenarioReader.read(dir.resolve("hpa.yaml"), List.of())).services().get(0);
        AutoscalingResult a = s.autoscaling();
        StringBuilder seen = new StringBuilder();
        for (AutoscalingResult.ScaleEvent e : a.events()) {
            seen.append(String.format(Locale.ROOT, "%.3f:%d->%d ", e.atTicks() / 1e9, e.from(), e.to()));
        }
        assertEquals("315.000:2->4 345.000:4->8 1500.000:8->2 ", seen.toString());
        assertEquals(2, a.desiredMin());
        assertEquals(8, a.desiredMax());
        assertEquals(2, a.desiredAtEnd());
        assertEquals(2, s.replicasReadyAtEnd());
    }
}
