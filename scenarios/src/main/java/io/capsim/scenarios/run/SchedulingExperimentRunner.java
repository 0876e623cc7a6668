package io.capsim.scenarios.run;

import io.capsim.engine.results.InflationResult;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.scenarios.experiment.InflationExperiment;
import io.capsim.engine.spi.Registry;
import io.capsim.reports.sched.SchedulingReport;
import io.capsim.scenarios.model.SchedulingScenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link SchedulingScenario}: the inflation experiment once per policy and seed, policies
 * in scenario order, seeds ascending. Deterministic: the same scenario gives the same report.
 */
public final class SchedulingExperimentRunner {

    private SchedulingExperimentRunner() {}

    /**
     * Runs every policy on every seed.
     *
     * @param registry plugin factories, including any out-of-tree plugin the profiles name
     */
    public static SchedulingReport execute(SchedulingScenario s, Registry<PluginFactory<?>> registry) {
        List<SchedulingReport.PolicyRuns> policies = new ArrayList<>();
        long[] seeds = s.seeds();
        for (SchedulingScenario.Policy p : s.policies()) {
            List<InflationResult> runs = new ArrayList<>();
            for (long seed : seeds) {
                runs.add(InflationExperiment.run(s.nodes(), s.pods(), p.profile(), seed, s.targetShare(), s.tieBreak(),
                        registry));
            }
            policies.add(new SchedulingReport.PolicyRuns(p.name(), p.source(), runs));
        }
        String tie = s.tieBreak() == SchedulerConfig.TieBreak.LOWEST_NAME ? "lowestName" : "random";
        return new SchedulingReport(s.name(), seeds, s.targetShare(), tie, s.nodes().size(), s.pods().size(),
                s.arrivalPoints(), policies);
    }
}
