package io.capsim.scenarios.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsim.engine.cluster.TaintEffect;
import io.capsim.engine.cluster.Toleration;
import io.capsim.scenarios.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --set} with list indices: the paths capsim's own messages use. */
class ScenarioOverridesTest {

    private static final String YAML = """
            name: overrides
            duration: 60s
            nodePools:
              gpu:
                count: 2
                cpu: 8
                memory: 32Gi
                zones: [zone-a, zone-b]
                taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]
            services:
              web:
                replicas: 1
                resources: {cpu: 1, memory: 1Gi}
                serviceTime: {type: exponential, mean: 100ms}
            arrivals:
              load: {service: web, process: poisson, rate: 5}
            """;

    @TempDir
    Path dir;

    private Scenario read(String... sets) throws Exception {
        return readYaml(YAML, sets);
    }

    private Scenario readYaml(String yaml, String... sets) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return ScenarioReader.read(f, List.of(sets));
    }

    private static final String PIECEWISE = YAML.replace("{service: web, process: poisson, rate: 5}",
            "{service: web, process: piecewise, at: [0, 30], rate: [5, 10]}");

    @Test
    void removingAListItemLocatesTheShortenedListAtTheOverride() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> readYaml(PIECEWISE, "arrivals.load.at[1]=null"));
        assertEquals(1, e.problems().size(), e.problems().toString());
        Problem p = e.problems().get(0);
        assertEquals("--set arrivals.load.at[1]=null", p.location().source());
        assertEquals("arrivals.load.at[1]", p.path());
    }

    @Test
    void arrivalParameterListsAreNamedByIndexAsSetTakesThem() throws Exception {
        // An unreadable item is the one problem: not also "row 1 has no rate" for the list it cut short.
        ScenarioException bad = assertThrows(ScenarioException.class, () -> readYaml(PIECEWISE, "arrivals.load.rate[1]=lots"));
        assertEquals(1, bad.problems().size(), bad.problems().toString());
        assertEquals("arrivals.load.rate[1]", bad.problems().get(0).path());
        assertEquals("--set arrivals.load.rate[1]=lots", bad.problems().get(0).location().source());
        // The process's own messages name list items the same way.
        ScenarioException order = assertThrows(ScenarioException.class, () -> readYaml(PIECEWISE, "arrivals.load.at[1]=-5"));
        assertEquals("-5.0 must be greater than at[0] = 0.0", order.problems().get(0).message());
        // A longer rate list: the missing start time is reported where the at list is written.
        ScenarioException missing = assertThrows(ScenarioException.class,
                () -> readYaml(PIECEWISE.replace("rate: [5, 10]", "rate: [5, 10, 20]")));
        Problem p = missing.problems().get(0);
        assertEquals("arrivals.load.at[2]", p.path());
        assertEquals(new Location(dir.resolve("s.yaml").toString(), 16, 48), p.location());
        // Both lists shortened by index: valid again.
        assertEquals(1, readYaml(PIECEWISE, "arrivals.load.at[1]=null", "arrivals.load.rate[1]=null").arrivals().size());
    }

    @Test
    void anIndexReplacesAnItemAndOnePastTheEndAppends() throws Exception {
        assertEquals(List.of("zone-a", "zone-c"), read("nodePools.gpu.zones[1]=zone-c").nodePools().get(0).zones());
        assertEquals(List.of("zone-a", "zone-b", "zone-c"),
                read("nodePools.gpu.zones[2]=zone-c").nodePools().get(0).zones());
        assertEquals(List.of("zone-b"), read("nodePools.gpu.zones[0]=null").nodePools().get(0).zones());
    }

    @Test
    void aFieldOfAListItemCanBeSet() throws Exception {
        assertEquals(TaintEffect.NO_EXECUTE,
                read("nodePools.gpu.taints[0].effect=NoExecute").nodePools().get(0).taints().get(0).effect());
    }

    @Test
    void missingListsAndItemsAreCreated() throws Exception {
        Scenario s = read("services.web.tolerations[0].key=nvidia.com/gpu",
                "services.web.tolerations[0].operator=Exists");
        assertEquals(List.of(new Toleration("nvidia.com/gpu", Toleration.Operator.EXISTS, "", null)),
                s.services().get(0).template().tolerations());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            services.web.replicas                          | [services, web, replicas]
            nodePools.gpu.taints[0].effect                 | [nodePools, gpu, taints, 0, effect]
            'services.web.nodeSelector["kubernetes.io/arch"]' | [services, web, nodeSelector, kubernetes.io/arch]
            'a["x.y"][2].b["p[q]"]'                        | [a, x.y, 2, b, p[q]]
            'a["say \\"hi\\""]'                          | [a, say "hi"]
            'a["back\\\\slash"]'                         | [a, back\\slash]
            '["top.level"].b'                              | [top.level, b]
            """)
    void pathsOfNamesIndicesAndQuotedKeys(String path, String steps) {
        assertEquals(steps, String.valueOf(ScenarioOverrides.steps(path)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''
            .a
            a.
            a..b
            a[x]
            a[]
            a[1234567890]
            [0]
            a.[0]
            'a.["b"]'
            'a[""]'
            'a["x"'
            'a["x]'
            'a["x"]b'
            'a["x\\y"]'
            a]
            """)
    void notPaths(String path) {
        assertEquals(null, ScenarioOverrides.steps(path == null ? "" : path));
    }

    @Test
    void aKeyWithDotsIsSetInBracketsAndQuotes() throws Exception {
        Scenario s = read("services.web.nodeSelector[\"kubernetes.io/arch\"]=arm64",
                "nodePools.gpu.labels[\"kubernetes.io/arch\"]=arm64");
        assertEquals(java.util.Map.of("kubernetes.io/arch", "arm64"), s.services().get(0).template().nodeSelector());
        assertEquals("arm64", s.nodePools().get(0).labels().get("kubernetes.io/arch"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nodePools.gpu.extendedResources.example.com/fpga=2 | nodePools.gpu.extendedResources.example | nodePools.gpu.extendedResources["example.com/fpga"]
            services.web.nodeSelector.example.com/tier=gold | services.web.nodeSelector.example | services.web.nodeSelector["example.com/tier"]
            """)
    void aKeySplitAtItsDotsIsReportedWithTheWholeKey(String set, String path, String whole) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> read(set));
        assertEquals(1, e.problems().size(), e.problems().toString());
        Problem p = e.problems().get(0);
        assertEquals(path, p.path());
        org.junit.jupiter.api.Assertions.assertTrue(p.message().endsWith(
                "; in --set, a key with dots goes in brackets and double quotes: " + whole), p.message());
    }

    @Test
    void aMisspeltFieldUnderACreatedMapGetsNoKeyHint() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> read("services.web.resourcez.cpu=1"));
        org.junit.jupiter.api.Assertions.assertTrue(e.problems().stream().noneMatch(p -> p.message().contains("brackets")),
                e.problems().toString());
    }

    @Test
    void aMessageNamesAKeyWithDotsAsSetTakesIt() {
        String through = "nodePools.gpu.labels[\"example.com/tier\"].x=1";
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> read("nodePools.gpu.labels[\"example.com/tier\"]=gold", through));
        assertEquals(1, e.problems().size(), e.problems().toString());
        Problem p = e.problems().get(0);
        assertEquals("--set " + through, p.location().source());
        assertEquals("nodePools.gpu.labels[\"example.com/tier\"] is a string (gold), not a map; only scalar fields can be set",
                p.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nodePools.gpu.zones[5]=x     | index 5 is past the end of nodePools.gpu.zones (2 items); give an index up to 2 (2 appends an item)
            nodePools.gpu.zones[123456789]=x | index 123456789 is past the end of nodePools.gpu.zones (2 items)
            nodePools.gpu.zones[2]=null  | there is no item 2 to remove: nodePools.gpu.zones has 2 items
            services.web.tolerations[0]=null | there is no item 0 to remove: services.web.tolerations has 0 items
            name.x.y=1                   | name is a string (overrides), not a map
            nodePools.gpu.zones[3].a=x   | index 3 is past the end of nodePools.gpu.zones (2 items); give an index up to 2 (2 appends an item)
            nodePools.gpu.zones.first=x  | nodePools.gpu.zones is a list, not a map; give an item's index, such as nodePools.gpu.zones[0]
            nodePools.gpu[0]=x           | nodePools.gpu is a map, not a list; an index [k] follows only a list field
            nodePools.gpu.taints[0]=x    | is a map; only scalar fields can be set
            nodePools.gpu.zones[x]=a     | a path is dot-separated field names, each optionally followed by list indices
            nodePools..gpu=1             | a path is dot-separated field names
            """)
    void wrongIndicesAreRefusedWithTheListsSize(String set, String message) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> read(set));
        assertEquals(1, e.problems().size(), e.problems().toString());
        Problem p = e.problems().get(0);
        assertEquals("--set " + set, p.location().source());
        assertEquals(set.substring(0, set.indexOf('=')), p.path());
        org.junit.jupiter.api.Assertions.assertTrue(p.message().startsWith(message), p.message());
    }
}
