package io.capsim.scenarios.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.results.InflationResult;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.sched.plugins.Fgd;

import io.capsim.engine.spi.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FGD's per-cycle memo of identical node states changes nothing but speed. */
class FgdMemoTest {

    private static Registry<PluginFactory<?>> registry(boolean memo) {
        List<PluginFactory<?>> fs = new ArrayList<>();
        for (PluginFactory<?> f : BuiltInPlugins.factories()) {
            fs.add(f.name().equals(BuiltInPlugins.FGD) && !memo ? Fgd.FACTORY_WITHOUT_MEMO : f);
        }
        return Registry.of("plugin", fs, PluginFactory::name);
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @CsvSource({"1, RANDOM", "2, RANDOM", "3, LOWEST_NAME", "4, LOWEST_NAME"})
    void sameResultWithAndWithoutMemo(long seed, SchedulerConfig.TieBreak tieBreak) {
        // 80 nodes of 4 types (many identical states), a mixed pod list.
        List<NodeSpec> nodes = new ArrayList<>();
        String[] models = {"T4", "V100", "T4", "A10"};
        int[] gpus = {8, 4, 2, 1};
        for (int i = 0; i < 80; i++) {
            int t = i % 4;
            nodes.add(NodeSpec.of(String.format("node-%03d", i), 32000L * (1 + t % 2), 262144, gpus[t], models[t]));
        }
        SplittableRandom r = new SplittableRandom(seed);
        List<PodSpec> pods = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            int g = new int[] {0, 1, 1, 1, 2, 4, 8}[r.nextInt(7)];
            int milli = g == 1 && r.nextBoolean() ? 100 * (1 + r.nextInt(9)) : g == 0 ? 0 : 1000;
            pods.add(PodSpec.builder("p" + k).requests(Resources.of(1000L * (1 + r.nextInt(16)), 1024, g, milli)).build());
        }
        for (String policy : List.of("fgd", "fgd-packing")) {
            InflationResult with = InflationExperiment.run(nodes, pods, BuiltInProfiles.byName(policy), seed, 1.2, tieBreak,
                    InflationExperiment.Sampling.WITH_REPLACEMENT, registry(true));
            InflationResult without = InflationExperiment.run(nodes, pods, BuiltInProfiles.byName(policy), seed, 1.2,
                    tieBreak, InflationExperiment.Sampling.WITH_REPLACEMENT, registry(false));
            assertEquals(without, with, policy);
        }
    }
}
