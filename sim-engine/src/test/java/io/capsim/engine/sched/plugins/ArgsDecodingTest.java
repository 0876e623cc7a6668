package io.capsim.engine.sched.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.sched.api.ArgsNode;
import io.capsim.engine.sched.api.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each factory decodes its own typed args from the format-neutral tree, and every problem comes
 * back as a value: the path inside the args, the value written, the message.
 */
class ArgsDecodingTest {

    private static ArgsNode.Scalar str(String s) {
        return new ArgsNode.Scalar(s, ArgsNode.Scalar.Kind.STRING);
    }

    private static ArgsNode.Scalar num(String s) {
        return new ArgsNode.Scalar(s, ArgsNode.Scalar.Kind.NUMBER);
    }

    private static ArgsNode.MapNode map(Object... kv) {
        Map<String, ArgsNode> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (ArgsNode) kv[i + 1]);
        }
        return new ArgsNode.MapNode(m);
    }

    private static ArgsNode.ListNode list(ArgsNode... items) {
        return new ArgsNode.ListNode(List.of(items));
    }

    @Test
    void nodeResourcesFitDecodesItsNestedStrategy() {
        List<ConfigProblem> problems = new ArrayList<>();
        NodeResourcesFit.Args a = NodeResourcesFit.FACTORY.decode(map("scoringStrategy", map(
                "type", str("MostAllocated"),
                "resources", list(map("name", str("cpu"), "weight", num("2")), map("name", str("nvidia.com/gpu"))))),
                problems);
        assertEquals(List.of(), problems);
        assertEquals(ScoringStrategy.Type.MOST_ALLOCATED, a.scoringStrategy().type());
        assertEquals(List.of(new ResourceWeight("cpu", 2), new ResourceWeight("nvidia.com/gpu", 1)),
                a.scoringStrategy().resources());
    }

    @Test
    void problemsAreValuesWithPathsInsideTheArgs() {
        List<ConfigProblem> problems = new ArrayList<>();
        NodeResourcesFit.Args a = NodeResourcesFit.FACTORY.decode(map(
                "ignoredResources", list(str("example.com/x")),
                "scoringStrategy", map(
                        "type", str("MostAlocated"),
                        "resources", list(map("name", str("cpu"), "weight", num("0"))),
                        "extra", num("1"))),
                problems);
        assertNull(a);
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(ConfigProblem.key("ignoredResources", "ignoredResources",
                "is not supported by capsim (every resource is counted)"), problems.get(0));
        assertEquals("scoringStrategy.type", problems.get(1).path());
        assertEquals("MostAlocated", problems.get(1).value());
        assertTrue(problems.get(1).message().contains("did you mean \"MostAllocated\""), problems.get(1).message());
        assertEquals(ConfigProblem.at("scoringStrategy.resources[0].weight", "0", "0 is not in [1, 100]"),
                problems.get(2));
        assertEquals("scoringStrategy.extra", problems.get(3).path());
        assertTrue(problems.get(3).aboutKey(), "an unknown field is a problem with its key");
    }

    @Test
    void aFlatRecordIsDecodedByComponentNameAndItsValuesValidatedByTheFactory() {
        List<ConfigProblem> problems = new ArrayList<>();
        InterPodAffinity.Args a = InterPodAffinity.FACTORY.decode(map("hardPodAffinityWeight", num("7")), problems);
        assertEquals(List.of(), problems);
        assertEquals(7, a.hardPodAffinityWeight());
        assertEquals(false, a.ignorePreferredTermsOfExistingPods(), "an absent key keeps the default");
        InterPodAffinity.Args bad = InterPodAffinity.FACTORY.decode(map("hardPodAffinityWeight", num("101")), problems);
        assertEquals(List.of(ConfigProblem.at("hardPodAffinityWeight", 101L, "101 is not in [0, 100]")),
                InterPodAffinity.FACTORY.validate(bad));
        InterPodAffinity.FACTORY.decode(map("hardPodAffinityWeight", str("lots")), problems);
        assertEquals("hardPodAffinityWeight", problems.get(0).path());
        assertEquals("lots", problems.get(0).value());
    }

    @Test
    void aPluginWithoutArgsSaysSo() {
        List<ConfigProblem> problems = new ArrayList<>();
        assertNull(BuiltInPlugins.registry().find(BuiltInPlugins.FGD).orElseThrow().decode(map("x", num("1")), problems));
        assertEquals(List.of(ConfigProblem.at("", "plugin FGD takes no args")), problems);
    }
}
