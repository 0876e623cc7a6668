package io.capsim.scenarios.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated scenario schema against a JSON Schema validator: every example validates, and
 * what the readers refuse for its shape (an unknown field, a value out of range or not allowed, a
 * missing required field) the schema refuses too.
 */
class ScenarioSchemaTest {

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(ScenarioSchema.json(), InputFormat.JSON);

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    private static List<String> errors(String yaml) {
        List<String> out = new ArrayList<>();
        for (Error e : SCHEMA.validate(yaml, InputFormat.YAML)) {
            out.add(e.toString());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidates(Path example) throws IOException {
        if (example.getFileName().toString().equals("scheduler-config.yaml")) {
            return; // a KubeSchedulerConfiguration that gpu-cluster.yaml names, not a scenario
        }
        assertEquals(List.of(), errors(Files.readString(example)), example.toString());
    }

    /** Whatever the readers ask for while reading an example, the probes made them ask for too. */
    @ParameterizedTest
    @MethodSource("examples")
    void theProbesReachEveryFieldTheExamplesUse(Path example) throws IOException {
        if (example.getFileName().toString().equals("scheduler-config.yaml")) {
            return;
        }
        SchemaRecorder.Recording seen = ScenarioSchema.record(Files.readAllBytes(example), example.toString(),
                example.toAbsolutePath().getParent());
        String probe = example.getFileName().toString().startsWith("openb-fgd") ? "experiment-probe.yaml"
                : "serving-probe.yaml";
        byte[] bytes;
        try (var in = ScenarioSchema.class.getResourceAsStream("/io/capsim/scenarios/schema/" + probe)) {
            bytes = in.readAllBytes();
        }
        SchemaRecorder.Recording covered = ScenarioSchema.record(bytes, probe, Path.of("."));
        for (Map.Entry<String, SchemaRecorder.ObjectSpec> o : seen.objects.entrySet()) {
            SchemaRecorder.ObjectSpec c = covered.objects.get(o.getKey());
            assertTrue(c != null, example + ": the probe never reads a map at " + o.getKey());
            for (String key : o.getValue().fields.keySet()) {
                assertTrue(c.fields.containsKey(key) || c.otherKeys != null,
                        example + ": the probe never reads " + o.getKey() + "." + key);
            }
        }
    }

    private static final String BASE = """
            name: t
            duration: 60
            nodePools: {pool: {count: 1, cpu: 4, memory: 8Gi}}
            services:
              web:
                replicas: 1
                resources: {cpu: 1, memory: 1Gi}
                serviceTime: {type: exponential, mean: 50ms}
            arrivals:
              load: {service: web, process: poisson, rate: 5}
            """;

    @Test
    void aSmallScenarioValidates() {
        assertEquals(List.of(), errors(BASE));
    }

    @Test
    void anUnknownFieldFails() {
        List<String> e = errors(BASE.replace("replicas: 1", "replicas: 1\n    concurency: 4"));
        assertFalse(e.isEmpty());
        assertTrue(e.toString().contains("concurency"), e.toString());
        assertFalse(errors(BASE + "transforms: [{timeScale: 2}]\n").isEmpty(), "an unknown top-level field");
    }

    @Test
    void rangesChoicesAndRequiredFieldsFail() {
        assertFalse(errors(BASE.replace("replicas: 1", "replicas: -2")).isEmpty(), "replicas below 0");
        assertFalse(errors(BASE.replace("process: poisson", "process: poison")).isEmpty(), "an unknown process");
        assertFalse(errors(BASE.replace("duration: 60", "duration: 1 hour")).isEmpty(), "not a duration");
        assertFalse(errors(BASE.replace("duration: 60\n", "")).isEmpty(), "duration is required");
        assertFalse(errors(BASE.replace("pool: {", "Pool_1: {")).isEmpty(), "not a DNS-1123 name");
        assertEquals(List.of(), errors(BASE.replace("duration: 60", "duration: 1h30m")));
        assertEquals(List.of(), errors(BASE.replace("cpu: 1,", "cpu: 500m,")));
        assertEquals(List.of(), errors(BASE.replace("resources: {cpu: 1, memory: 1Gi}",
                "resources: {requests: {cpu: 1, memory: 1Gi, nvidia.com/gpu: 0.5, example.com/fpga: 2}}")));
        assertFalse(errors(BASE.replace("resources: {cpu: 1, memory: 1Gi}",
                "resources: {requests: {cpu: 1, memory: 1Gi, example.com/fpga: 0.5}}")).isEmpty(), "a share of an fpga");
    }

    @Test
    void fieldsCarryTypesRangesDefaultsAndDescriptions() {
        var services = ScenarioSchema.generate().get("else").get("properties").get("services")
                .get("additionalProperties").get("properties");
        var concurrency = services.get("concurrency");
        assertEquals("integer", concurrency.get("type").asText());
        assertEquals(1, concurrency.get("minimum").asLong());
        assertEquals(1, concurrency.get("default").asLong());
        String d = concurrency.get("description").asText();
        assertTrue(d.startsWith("Requests one replica serves at once (slots") && d.endsWith(". An integer in [1, 1000000]."),
                concurrency.toString());
        assertEquals("[\"shared-queue\",\"round-robin\",\"least-outstanding\",\"random\",\"power-of-two\",\"least-outstanding-tokens\",\"prefix-affinity\"]",
                services.get("routing").get("enum").toString());
    }

    /** The schema is itself valid against draft 7's meta-schema, as editors expect. */
    @Test
    void theSchemaIsAValidDraft7Schema() throws IOException {
        Schema meta;
        try (var in = SchemaRegistry.class.getResourceAsStream("/draft-07/schema")) {
            meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        assertEquals(List.of(), meta.validate(ScenarioSchema.json(), InputFormat.JSON).stream().map(Error::toString)
                .toList());
        assertFalse(meta.validate("{\"type\": \"objekt\"}", InputFormat.JSON).isEmpty(), "the meta-schema checks");
    }

    @Test
    void theSchemaIsTheSameEveryTime() {
        assertEquals(ScenarioSchema.json(), ScenarioSchema.json());
    }
}
