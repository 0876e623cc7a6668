package io.capsim.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Scenario files for tests of LLM serving: one service {@code chat} on one H200 node, fed by a
 * trace of requests with token counts written beside it: CSV rows {@code time_s,prompt,output}, or
 * Mooncake JSON lines when the rows start with {@code {}.
 */
public final class TokenTraceScenario {

    private TokenTraceScenario() {}

    /**
     * Writes {@code <name>.yaml} and its trace in {@code dir}.
     *
     * @param duration the run's duration, for example {@code 60s}
     * @param gpus GPUs of the node
     * @param service the service's fields below {@code services.chat} (one per line, unindented)
     * @param rows the trace's rows (CSV without header, or Mooncake JSON lines)
     * @return the scenario file
     */
    public static Path write(Path dir, String name, String duration, int gpus, String service, String rows)
            throws IOException {
        boolean mooncake = rows.strip().startsWith("{");
        String trace = name + (mooncake ? ".jsonl" : ".csv");
        Files.writeString(dir.resolve(trace), mooncake ? rows : "time_s,prompt,output\n" + rows);
        String format = mooncake ? "format: mooncake" : """
                format: csv
                      csv:
                        time: {column: time_s, unit: s}
                        fields:
                          inputTokens: {column: prompt, unit: count}
                          outputTokens: {column: output, unit: count}""";
        Path yaml = dir.resolve(name + ".yaml");
        Files.writeString(yaml, """
                name: %s
                seed: 1
                duration: %s
                nodePools:
                  h200: {count: 1, cpu: 32, memory: 256Gi, gpus: %d, gpuModel: H200}
                services:
                  chat:
                %s
                arrivals:
                  replay:
                    service: chat
                    trace:
                      file: %s
                      %s
                """.formatted(name, duration, gpus, service.strip().lines().map(l -> "    " + l.strip())
                .collect(Collectors.joining("\n")), trace, format));
        return yaml;
    }
}
