package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/schema/summary.schema.json} (JSON Schema draft 2020-12) describes every summary.json
 * capsim writes: each serving example's (shortened where long), with the optional {@code
 * replications} object of {@code capsim run --replications}; and it rejects a summary that drifts.
 */
class SummarySchemaTest {

    static final Path SCHEMA = Path.of("../docs/schema/summary.schema.json");
    static Schema schema;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void load() throws IOException {
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
    }

    /** Every serving example, with a duration short enough for a test where its own is long. */
    static Stream<String[]> examples() {
        return Stream.of(
                new String[] {"quickstart.yaml", "duration=5m"},
                new String[] {"bursty-mmpp.yaml", "duration=20m"},
                new String[] {"retry-storm.yaml", "duration=10m"},
                new String[] {"azure-llm-replay.yaml", "duration=10m"},
                new String[] {"gpu-cluster.yaml", "duration=20m"},
                new String[] {"openb-replay.yaml", "duration=10d"},
                new String[] {"autoscaling.yaml", "duration=15m"},
                new String[] {"cluster-autoscaler.yaml", "duration=70m"},
                new String[] {"cpu-processor-sharing.yaml", "duration=5m"},
                new String[] {"inplace-vs-static.yaml", "duration=40m"},
                new String[] {"llm-serving.yaml", "duration=10m"},
                new String[] {"llm-prefix-cache.yaml", "duration=120s"},
                new String[] {"llm-autoscaling.yaml", "duration=15m"},
                new String[] {"mmc-plan.yaml", "duration=10m"},
                new String[] {"plan-mix.yaml", "duration=10m"},
                new String[] {"training-checkpoints.yaml", "duration=12h"},
                new String[] {"agents.yaml", "duration=3m"},
                new String[] {"llm-mixed.yaml", "duration=15m"});
    }

    @Test
    void theListAboveHoldsEveryServingExample() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            List<String> serving = files.filter(p -> p.toString().endsWith(".yaml")).filter(p -> {
                try {
                    String text = Files.readString(p);
                    return text.contains("\nservices:") || text.contains("\njobs:");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(examples().map(e -> e[0]).sorted().toList(), serving);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleSummaryValidates(String file, String duration) throws IOException {
        Path out = tmp.resolve(file.replace(".yaml", ""));
        Cli r = Cli.run("run", "examples/" + file, "--out", out.toString(), "-q", "--set", duration);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = ReportPages.summary(out);
        List<Error> errors = validate(summary);
        assertEquals(List.of(), errors, file);
    }

    @Test
    void replicationsAreAllowedInTheirShapeAndDriftIsRejected() throws IOException {
        Path out = tmp.resolve("q");
        Cli r = Cli.run("run", "examples/quickstart.yaml", "--out", out.toString(), "-q", "--set", "duration=3m");
        assertEquals(0, r.exitCode(), r.err());
        ObjectNode s = (ObjectNode) ReportPages.summary(out);
        assertTrue(validate(s).isEmpty());
        ObjectNode rep = s.putObject("replications");
        rep.put("count", 3);
        rep.putArray("seeds").add(42).add(43).add(44);
        rep.put("confidenceLevel", 0.95);
        ObjectNode m = rep.putObject("metrics").putObject("/services/web/latencyMs/p99");
        m.put("mean", 812.5);
        m.put("stdDev", 20.1);
        m.put("ci95Low", 762.6);
        m.put("ci95High", 862.4);
        assertEquals(List.of(), validate(s));
        m.putNull("stdDev").putNull("ci95Low").putNull("ci95High");
        assertEquals(List.of(), validate(s), "one replication: no spread");
        rep.put("count", "three");
        assertFalse(validate(s).isEmpty(), "a count that is not an integer");
        s.remove("replications");
        ((ObjectNode) s.at("/services/web/requests")).put("arrivedd", 1);
        assertFalse(validate(s).isEmpty(), "an unknown field");
        ((ObjectNode) s.at("/services/web/requests")).remove("arrivedd");
        ((ObjectNode) s.at("/services/web/latencyMs")).put("p99", "fast");
        assertFalse(validate(s).isEmpty(), "a latency that is not a number");
        s.remove("services");
        assertFalse(validate(s).isEmpty(), "no services");
    }

    /** Validates a Jackson 2 tree (the validator reads JSON text: it is built on Jackson 3). */
    private static List<Error> validate(com.fasterxml.jackson.databind.JsonNode node) {
        return schema.validate(node.toString(), InputFormat.JSON);
    }
}
