package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.results.ServiceResult;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code processor-sharing} engine from a scenario file, on requests replayed from a CSV trace
 * with their own CPU work, against response times worked out by hand.
 */
class ProcessorSharingTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | replica CPU | node speed | concurrency | arrivals "time:work;..." (s) | mean response s | mean wait s | busy core-seconds
        // Two requests share one core at half speed each: 1 s of work ends at 2 s, then 3 s of work
        // has 2 s left alone: ends at 4 s. Mean (2 + 4) / 2.
        "one core, two at once       | 1    | 1 | 0 | 0:1;0:3     | 3.0  | 0 | 4",
        // Two cores: a request uses at most one, so both run at full speed.
        "two cores                   | 2    | 1 | 0 | 0:1;0:3     | 2.0  | 0 | 4",
        // 1.5 cores among three requests: half a core each, 1 s of work takes 2 s.
        "one and a half cores, three | 1500m | 1 | 0 | 0:1;0:1;0:1 | 2.0 | 0 | 3",
        // The first runs alone for 1 s (1 s of its 2 left); then both at half speed: the second's
        // 0.5 s ends at 2 s (response 1), the first's last 0.5 s runs alone and ends at 2.5 s.
        "a late arrival              | 1    | 1 | 0 | 0:2;1:0.5   | 1.75 | 0 | 2.5",
        // A node twice as fast: half a core each at speed 2 is 1 reference CPU-second per second.
        "speed 2                     | 1    | 2 | 0 | 0:1;0:3     | 1.5  | 0 | 2",
        // A cap of one request in service is FIFO: the second waits 1 s, then runs 3 s.
        "concurrency 1 is FIFO       | 1    | 1 | 1 | 0:1;0:3     | 2.5  | 0.5 | 4",
    })
    void responseTimesWorkedOutByHand(String name, String cpu, double speed, int concurrency, String arrivals,
            double meanResponse, double meanWait, double coreSeconds) throws IOException {
        StringBuilder csv = new StringBuilder("time_s,work_s\n");
        for (String a : arrivals.split(";")) { // from 1 s on: the replica is Ready after the first scheduling cycle
            String[] tw = a.split(":");
            csv.append(1 + Double.parseDouble(tw[0])).append(',').append(tw[1]).append('\n');
        }
        Files.writeString(dir.resolve("requests.csv"), csv);
        Files.writeString(dir.resolve("ps.yaml"), """
                name: ps-by-hand
                seed: 1
                duration: 10s
                nodePools:
                  pool: {count: 1, cpu: 4, memory: 4Gi, speed: %s}
                services:
                  api:
                    replicas: 1
                    engine: processor-sharing
                    %s
                    resources: {cpu: %s, memory: 1Gi}
                    serviceTime: {type: constant, value: 1h}  # not used: every request carries its work
                arrivals:
                  replay:
                    service: api
                    trace:
                      file: requests.csv
                      format: csv
                      csv:
                        time: {column: time_s, unit: s}
                        fields: {work: {column: work_s, unit: s}}
                """.formatted(speed, concurrency > 0 ? "concurrency: " + concurrency : "", cpu));
        ServiceResult s = ScenarioRunner.run(ScenarioReader.read(dir.resolve("ps.yaml"), List.of())).services().get(0);
        assertEquals(arrivals.split(";").length, s.completed());
        assertEquals(meanResponse * 1000, s.meanResponseMs(), 1e-6, "mean response, ms");
        assertEquals(meanWait * 1000, s.meanWaitMs(), 1e-6, "mean wait, ms");
        // The replica is Ready from 1 ms (the first scheduling cycle) to the end at 10 s; CPU is averaged over the 10 s.
        double cores = cpu.endsWith("m") ? Double.parseDouble(cpu.substring(0, cpu.length() - 1)) / 1000 : Double.parseDouble(cpu);
        assertEquals(coreSeconds / (cores * 9.999), s.slotUtilization(), 1e-9, "cores in use / cores of the Ready replica");
        assertEquals(coreSeconds * 1000 / 10, s.cpuUsedMillis(), 1e-6, "CPU used, millicores (time average)");
    }
}
