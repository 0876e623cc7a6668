package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad {@code arrivals.<name>.session} fields: one located message each, exit code 2. */
class SessionBadInputTest {

    @TempDir
    Path tmp;

    static final String GOOD = String.join("\n",
            "name: t",                                              // 1
            "duration: 10m",                                        // 2
            "nodePools:",                                           // 3
            "  gpu: {count: 1, cpu: 32, memory: 256Gi, gpus: 2, gpuModel: H200, gpuMemory: 141Gi}", // 4
            "services:",                                            // 5
            "  web:",                                               // 6
            "    replicas: 1",                                      // 7
            "    serviceTime: {type: exponential, mean: 50ms}",     // 8
            "    resources: {cpu: 1, memory: 1Gi}",                 // 9
            "  chat: {replicas: 1, engine: continuous-batching, llm: {profile: llama-3-8b-h200},", // 10
            "    resources: {cpu: 1, memory: 1Gi, gpu: 1}}",        // 11
            "  # line 12",                                          // 12
            "arrivals:",                                            // 13
            "  load:",                                              // 14
            "    service: web",                                     // 15
            "    process: poisson",                                 // 16
            "    rate: 1",                                          // 17
            "    session: {calls: 3, fanOut: {service: web, width: 2}}", // 18
            "");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | text to replace | replacement | expected location | expected message part
        "calls missing     | 'calls: 3, '      | ''                      | s.yaml:18:14 | arrivals.load.session.calls: is required",
        "calls zero        | 'calls: 3'        | 'calls: 0'              | s.yaml:18:22 | arrivals.load.session.calls: 0 is not in [1, 10000]",
        "unknown service   | 'service: web,'   | 'service: wbe,'         | s.yaml:18:43 | arrivals.load.session.fanOut.service: unknown service \"wbe\"; did you mean \"web\"?",
        "probability       | 'width: 2'        | 'width: 2, probability: 2' | s.yaml:18:71 | arrivals.load.session.fanOut.probability: 2 is not in [0, 1]",
        "sizes beside      | '    rate: 1'     | '    rate: 1\\n    sizes: {work: {type: constant, value: 1}}' | s.yaml:18:12 | arrivals.load.sizes: give the sizes of a session's calls under session.sizes",
        "unknown field     | 'calls: 3'        | 'calls: 3, thinktime: 1s' | s.yaml:18:25 | arrivals.load.session.thinktime: unknown field \"thinktime\"; did you mean \"thinkTime\"?",
        "llm without sizes | 'service: web,'   | 'service: chat,'        | s.yaml:15:5  | arrivals.load.session.fanOut.sizes: the calls go to service chat (engine continuous-batching), so each needs prompt and output token counts",
        "count range       | 'width: 2'        | 'width: {type: constant, value: 2, max: 20000}' | s.yaml:18:55 | arrivals.load.session.fanOut.width: min and max must lie in [0, 10000]",
    })
    void reportsTheLocationAndExitsWith2(String name, String from, String to, String location, String message)
            throws IOException {
        String yaml = GOOD.replace(from, to.replace("\\n", "\n"));
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, yaml);
        Cli r = Cli.run("validate", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(location), "location in: " + r.err());
        assertTrue(r.err().contains(message), "message in: " + r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }
}
