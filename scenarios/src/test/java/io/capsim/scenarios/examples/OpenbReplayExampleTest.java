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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scenarios/examples/openb-replay.yaml}: the whole openb default pod list in time. */
class OpenbReplayExampleTest {

    @TempDir
    Path tmp;

    @Test
    void everyPodOfTheListRunsOnTheOpenbClusterAndTheReportShowsBindTimesAndAllocation() throws IOException {
        Path out = tmp.resolve("openb");
        StringWriter err = new StringWriter();
        int code = CapsimCommand.execute(new String[] {"run", "examples/openb-replay.yaml", "-q", "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        JsonNode s = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
        assertEquals(1213, s.get("cluster").get("nodes").asInt());
        assertEquals(6212, s.get("cluster").get("capacity").get("gpus").asInt());
        assertEquals(8152, s.get("arrivals").get("openb-pods").get("traceRows").asInt());
        JsonNode jobs = s.get("jobs").get("openb").get("instances");
        assertEquals(8152, jobs.get("submitted").asInt());
        // The list's last pod is created 12,901,761 s in and runs 30 s: all end before 150 days.
        assertEquals(8152, jobs.get("completed").asInt());
        JsonNode bind = s.get("scheduler").get("creationToBindMs");
        assertEquals(8152, bind.get("count").asInt());
        // Light in time: a bind takes one scheduling cycle (1 ms) or a few when pods arrive together.
        assertEquals(1.0, bind.get("p50").asDouble(), 1e-9);
        // Time-weighted GPU allocation equals the trace's GPU-time over the cluster's: 0.23% (awk over
        // the list: sum(num_gpu x gpu_milli x (deletion - scheduled)) / (6,212,000 x 12,960,000 s)).
        assertEquals(0.0023, s.get("cluster").get("gpu").get("allocated").asDouble(), 0.0001);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Pod creation to bind (ms)"), "creation-to-bind table");
        assertTrue(html.contains("id=\"allocation.png\"><img src=\"data:image/png;base64,"), "allocation timeline");
        byte[] png = Files.readAllBytes(out.resolve("allocation.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }
}
