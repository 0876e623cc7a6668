package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.reports.sched.SchedulingReport;
import io.capsim.scenarios.experiment.InflationExperiment;
import io.capsim.scenarios.model.SchedulingScenario;
import io.capsim.workloads.trace.openb.OpenbTrace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs on several threads give the report one thread gives. */
class SchedulingExperimentRunnerTest {

    @Test
    void theReportDoesNotDependOnTheNumberOfThreads() {
        List<NodeSpec> all = OpenbTrace.gpuNodes();
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 8) {
            nodes.add(all.get(i));
        }
        List<PodSpec> pods = OpenbTrace.specs(OpenbTrace.defaultPods());
        SchedulingScenario s = new SchedulingScenario("threads", 5, 3, Path.of("n"), Path.of("p"), nodes, pods, 0.8,
                SchedulerConfig.TieBreak.RANDOM_ORDER, InflationExperiment.Sampling.SHUFFLED_LIST, List.of(0.5, 0.8),
                List.of(new SchedulingScenario.Policy("paper-random", "builtIn", BuiltInProfiles.paperRandom()),
                        new SchedulingScenario.Policy("paper-fgd", "builtIn", BuiltInProfiles.paperFgd())),
                BuiltInPlugins.registry());
        SchedulingReport one = SchedulingExperimentRunner.execute(s, BuiltInPlugins.registry(), 1);
        List<Long> ended = new ArrayList<>();
        SchedulingReport three = SchedulingExperimentRunner.execute(s, BuiltInPlugins.registry(), 3, ended::add);
        assertEquals(one, three, "watching the progress changes nothing");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ended, "one report per run (2 policies x 3 seeds), in order");
        assertEquals(List.of(5L, 6L, 7L), one.policies().get(1).runs().stream().map(r -> r.seed()).toList());
        assertEquals("randomOrder", one.tieBreak());
        assertEquals("shuffledList", one.sampling());
    }
}
