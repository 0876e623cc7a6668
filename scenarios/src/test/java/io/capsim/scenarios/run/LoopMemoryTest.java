package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.scenarios.cli.CapsimCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A looped trace keeps memory bounded: 40 days of the one-hour Azure LLM sample, replayed again and
 * again (960 passes, 18.6 million requests), runs in a JVM limited to a 64 MiB heap.
 */
class LoopMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void fortyDaysOfALoopedTraceRunIn64MiB() throws IOException, InterruptedException {
        Path out = tmp.resolve("loop");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), CapsimCommand.class.getName(), "run", "examples/azure-llm-replay.yaml",
                "-q", "--out", out.toString(), "--set", "duration=40d", "--set", "warmup=1h",
                "--set", "arrivals.azure-conversation.trace.loop=true", "--set", "sampleInterval=1h");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "finished");
        assertEquals(0, p.exitValue(), new String(output));
        JsonNode s = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
        JsonNode a = s.get("arrivals").get("azure-conversation");
        // 19,366 rows per one-hour pass, 960 passes (plus the one row each pass reads past its end).
        assertTrue(a.get("traceRows").asLong() > 18_000_000, a.toString());
        assertTrue(s.get("services").get("chat").get("requests").get("completed").asLong() > 18_000_000);
    }
}
