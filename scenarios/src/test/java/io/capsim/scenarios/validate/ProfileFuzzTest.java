package io.capsim.scenarios.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.spi.Registry;

/**
 * Coverage-guided fuzzing (Jazzer) of the KubeSchedulerConfiguration profile reader: any input
 * yields a profile or located problems, never another exception. Corpus:
 * {@code ProfileFuzzTestInputs/fuzz/}.
 */
class ProfileFuzzTest {

    private static Registry<PluginFactory<?>> registry;

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        byte[] yaml = data.consumeRemainingAsBytes();
        try {
            YamlNode root = YamlTree.parse(yaml, "profile.yaml", ScenarioFuzzTest.SETTINGS.limits());
            if (!(root instanceof YamlNode.MapNode map)) {
                return;
            }
            if (registry == null) {
                registry = ScenarioReader.pluginRegistry();
            }
            Problems problems = new Problems();
            Object profile = ProfileReader.read(map, "profile", problems, registry);
            if (profile == null) {
                assertFalse(problems.isEmpty(), "a refused profile says why");
            }
            problems.throwIfAny();
        } catch (ScenarioException e) {
            ScenarioFuzzTest.checkLocated(e, yaml);
        }
    }
}
