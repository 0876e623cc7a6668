package io.capsim.scenarios.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.RunResultPool;
import io.capsim.engine.results.Slo;
import io.capsim.reports.compare.ReplicationStats;
import io.capsim.reports.json.SummaryJson;
import io.capsim.reports.model.ArrivalReport;
import io.capsim.reports.model.RunReport;
import io.capsim.scenarios.model.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Independent replications of a serving scenario: the same model run with {@code R} seeds derived
 * from the scenario's master seed ({@link #seeds}), on a fixed pool of threads, combined in
 * replication order, so the result is the same whatever the number of threads.
 *
 * <p>The combined {@code summary.json} ({@link Result#summary()}) has the usual body computed from
 * the pooled result ({@link RunResultPool}: histograms merged exactly, counts summed, time averages
 * averaged) and a {@code replications} object with each numeric leaf's mean, standard deviation
 * and 95% Student-t interval over the replications ({@link ReplicationStats}).
 */
public final class Replications {

    /** The most replications one run may have. */
    public static final int MAX = 10_000;

    private Replications() {}

    /**
     * The seeds of {@code count} replications of master seed {@code master}: {@code master + k} for
     * {@code k = 0 .. count-1} (64-bit, wrapping), as a scheduling experiment's seeds. The first
     * replication is the single run with the master seed; every component's random stream is a
     * SplitMix64 hash of (seed, stream name), so neighbouring seeds give unrelated draws.
     */
    public static long[] seeds(long master, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count " + count + " < 1");
        }
        long[] s = new long[count];
        for (int k = 0; k < count; k++) {
            s[k] = master + k;
        }
        return s;
    }

    /**
     * The replications of one scenario.
     *
     * @param scenario the scenario as given (its seed is the master seed)
     * @param seeds each replication's seed
     * @param runs each replication's outcome, in replication order
     * @param pooled the pooled report (the master seed, the pooled result, pooled arrival counts, the
     *     objectives judged on the pooled result)
     */
    public record Result(Scenario scenario, long[] seeds, List<ScenarioRunner.Outcome> runs, RunReport pooled) {

        public Result {
            seeds = seeds.clone();
            runs = List.copyOf(runs);
        }

        /** The seeds (a copy). */
        @Override
        public long[] seeds() {
            return seeds.clone();
        }

        /** Replication {@code k}'s own summary (0-based). */
        public ObjectNode replicationSummary(int k) {
            ScenarioRunner.Outcome o = runs.get(k);
            return SummaryJson.toTree(new RunReport(scenario.name(), seeds[k], o.result(), o.arrivals(),
                    Slo.judge(scenario.slos(), o.result())));
        }

        /**
         * The combined summary: the pooled body, and with more than one replication the {@code
         * replications} object last.
         */
        public ObjectNode summary() {
            ObjectNode root = SummaryJson.toTree(pooled);
            if (runs.size() > 1) {
                List<JsonNode> each = new ArrayList<>();
                for (int k = 0; k < runs.size(); k++) {
                    each.add(replicationSummary(k));
                }
                root.set("replications", ReplicationStats.toTree(each, seeds));
            }
            return root;
        }
    }

    /**
     * Runs {@code count} replications of {@code scenario} on {@code threads} threads.
     *
     * @param queueLimit most requests a service may hold waiting (see {@link ScenarioRunner#QUEUE_LIMIT})
     * @throws RuntimeException the first replication's failure, in replication order
     */
    public static Result run(Scenario scenario, int count, int threads, long queueLimit) {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("replications " + count + " not in [1, " + MAX + "]");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " < 1");
        }
        long[] seeds = seeds(scenario.seed(), count);
        List<Callable<ScenarioRunner.Outcome>> tasks = new ArrayList<>();
        for (long seed : seeds) {
            tasks.add(() -> ScenarioRunner.execute(scenario.withSeed(seed), null, queueLimit));
        }
        List<ScenarioRunner.Outcome> runs = Parallel.map(tasks, threads, "replication");
        RunResult pooled = RunResultPool.pool(runs.stream().map(ScenarioRunner.Outcome::result).toList());
        return new Result(scenario, seeds, runs, new RunReport(scenario.name(), scenario.seed(), pooled,
                poolArrivals(runs), Slo.judge(scenario.slos(), pooled)));
    }

    /** Arrival streams' trace row counts summed over replications (-1 stays -1 for a process). */
    private static List<ArrivalReport> poolArrivals(List<ScenarioRunner.Outcome> runs) {
        List<ArrivalReport> out = new ArrayList<>();
        List<ArrivalReport> first = runs.get(0).arrivals();
        for (int i = 0; i < first.size(); i++) {
            ArrivalReport a = first.get(i);
            long rows = 0;
            long skipped = 0;
            long filtered = 0;
            for (ScenarioRunner.Outcome o : runs) {
                ArrivalReport x = o.arrivals().get(i);
                rows += x.traceRows();
                skipped += x.skippedRows();
                filtered += x.filteredRows();
            }
            out.add(a.traceRows() < 0 ? a : new ArrivalReport(a.name(), a.kind(), a.target(), a.source(), rows,
                    skipped, filtered));
        }
        return out;
    }
}
