package io.capsim.scenarios.run;

import io.capsim.engine.results.InflationResult;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.spi.Registry;
import io.capsim.reports.sched.SchedulingReport;
import io.capsim.scenarios.experiment.InflationExperiment;
import io.capsim.scenarios.model.SchedulingScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs a {@link SchedulingScenario}: the inflation experiment once per policy and seed. The runs
 * are independent (each has its own cluster, scheduler and random streams, seeded from its seed
 * alone), so they run on a pool of as many threads as there are processors; results are collected
 * in scenario order, policies then seeds ascending. Deterministic: the same scenario gives the same
 * report, whatever the number of threads.
 */
public final class SchedulingExperimentRunner {

    private SchedulingExperimentRunner() {}

    /**
     * Runs every policy on every seed, on all processors.
     *
     * @param registry plugin factories, including any out-of-tree plugin the profiles name
     */
    public static SchedulingReport execute(SchedulingScenario s, Registry<PluginFactory<?>> registry) {
        return execute(s, registry, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs every policy on every seed on {@code threads} threads.
     *
     * @param threads at least 1
     */
    public static SchedulingReport execute(SchedulingScenario s, Registry<PluginFactory<?>> registry, int threads) {
        return execute(s, registry, threads, null);
    }

    /**
     * As {@link #execute(SchedulingScenario, Registry, int)}, telling {@code progress} (if not
     * null; from the worker threads, one call at a time) the number of runs (policy, seed) ended
     * each time one ends; the results do not depend on it.
     */
    public static SchedulingReport execute(SchedulingScenario s, Registry<PluginFactory<?>> registry, int threads,
            java.util.function.LongConsumer progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " < 1");
        }
        long[] seeds = Replications.seeds(s.seed(), s.replications()); // the same seeds as serving replications
        long[] ended = {0};
        List<Callable<InflationResult>> tasks = new ArrayList<>();
        for (SchedulingScenario.Policy p : s.policies()) {
            for (long seed : seeds) {
                tasks.add(() -> {
                    InflationResult r = InflationExperiment.run(s.nodes(), s.pods(), p.profile(), seed,
                            s.targetShare(), s.tieBreak(), s.sampling(), registry);
                    if (progress != null) {
                        synchronized (ended) {
                            progress.accept(++ended[0]);
                        }
                    }
                    return r;
                });
            }
        }
        List<InflationResult> all = Parallel.map(tasks, threads, "inflation-run"); // policy by policy, seed by seed
        List<SchedulingReport.PolicyRuns> policies = new ArrayList<>();
        for (int k = 0; k < s.policies().size(); k++) {
            SchedulingScenario.Policy p = s.policies().get(k);
            policies.add(new SchedulingReport.PolicyRuns(p.name(), p.source(),
                    all.subList(k * seeds.length, (k + 1) * seeds.length)));
        }
        return new SchedulingReport(s.name(), seeds, s.targetShare(), tieBreakName(s), samplingName(s),
                s.nodes().size(), s.pods().size(), s.arrivalPoints(), policies);
    }

    private static String tieBreakName(SchedulingScenario s) {
        return switch (s.tieBreak()) {
            case RANDOM -> "random";
            case LOWEST_NAME -> "lowestName";
            case RANDOM_ORDER -> "randomOrder";
        };
    }

    private static String samplingName(SchedulingScenario s) {
        return switch (s.sampling()) {
            case WITH_REPLACEMENT -> "withReplacement";
            case SHUFFLED_LIST -> "shuffledList";
        };
    }
}
