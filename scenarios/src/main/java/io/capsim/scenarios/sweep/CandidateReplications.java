package io.capsim.scenarios.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.engine.serving.OverloadException;
import io.capsim.reports.json.SummaryJson;
import io.capsim.reports.model.RunReport;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.Parallel;
import io.capsim.scenarios.run.Replications;
import io.capsim.scenarios.run.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.LongFunction;

/**
 * Runs one candidate of a capacity plan several times with derived seeds, in parallel, and
 * returns each run's summary (as summary.json holds it).
 *
 * <p>Seeds: replication {@code i} (0-based) of master seed {@code m} runs with seed {@code m + i},
 * the one rule of {@link Replications#seeds} (and of {@code run --replications} and scheduling
 * experiments), so replication 0 is the plain run. Every candidate gets the same seeds (common
 * random numbers): with the engine's named streams, two candidates see the same arrivals and
 * service times, so their difference is the capacity's, not noise.
 */
public final class CandidateReplications {

    private CandidateReplications() {}

    /** The seed of replication {@code index} of master seed {@code master} (see the class comment). */
    public static long seed(long master, int index) {
        return Replications.seeds(master, index + 1)[index];
    }

    /**
     * Runs replications {@code from .. from + count - 1} on {@code pool}, each on the scenario
     * {@code forSeed} gives for its seed.
     *
     * @param queueLimit the most requests a service may hold waiting before a run stops as unstable
     * @return per replication in index order, its summary, or null if the run stopped as unstable
     *     (a service held more than {@code queueLimit} waiting requests)
     */
    public static List<ObjectNode> run(LongFunction<Scenario> forSeed, long master, int from, int count,
            ExecutorService pool, long queueLimit) {
        List<Callable<ObjectNode>> tasks = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            long seed = seed(master, i);
            tasks.add(() -> {
                Scenario s = forSeed.apply(seed);
                try {
                    ScenarioRunner.Outcome o = ScenarioRunner.execute(s, null, queueLimit);
                    return SummaryJson.toTree(new RunReport(s.name(), s.seed(), o.result(), o.arrivals()));
                } catch (OverloadException e) {
                    return null;
                }
            });
        }
        return Parallel.map(tasks, pool);
    }
}
