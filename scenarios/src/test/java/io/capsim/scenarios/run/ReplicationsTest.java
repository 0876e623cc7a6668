package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.compare.Comparison;
import io.capsim.reports.compare.ReplicationStats;
import io.capsim.reports.compare.Tolerances;
import io.capsim.reports.json.SummaryJson;
import io.capsim.reports.model.RunReport;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.validate.ScenarioReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Replications: seeds, determinism whatever the thread count, exact pooling, and no false alarms. */
class ReplicationsTest {

    /** The regression suite's web service, shortened: 50 s measured at 90/s, about 4,500 requests. */
    static Scenario shortWeb() {
        return (Scenario) ScenarioReader.load(Path.of("regression/web-poisson.yaml"),
                List.of("duration=1m", "warmup=10s"), io.capsim.scenarios.validate.ReadSettings.DEFAULTS).document();
    }

    @Test
    void seedsAreTheMasterSeedPlusTheIndex() {
        assertArrayEquals(new long[] {7, 8, 9}, Replications.seeds(7, 3));
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE}, Replications.seeds(Long.MAX_VALUE, 2));
    }

    @Test
    void summaryIsByteIdenticalWhateverTheThreadCountAndOneReplicationIsThePlainRun() throws Exception {
        Scenario s = shortWeb();
        Replications.Result one = Replications.run(s, 6, 1, ScenarioRunner.QUEUE_LIMIT);
        Replications.Result three = Replications.run(s, 6, 3, ScenarioRunner.QUEUE_LIMIT);
        assertEquals(one.summary().toPrettyString(), three.summary().toPrettyString());
        for (int k = 0; k < 6; k++) {
            assertEquals(one.replicationSummary(k).toPrettyString(), three.replicationSummary(k).toPrettyString());
        }
        ScenarioRunner.Outcome plain = ScenarioRunner.execute(s);
        JsonNode single = Replications.run(s, 1, 2, ScenarioRunner.QUEUE_LIMIT).summary();
        assertEquals(SummaryJson.toTree(new RunReport(s.name(), s.seed(), plain.result(), plain.arrivals(),
                io.capsim.engine.results.Slo.judge(s.slos(), plain.result())))
                .toPrettyString(), single.toPrettyString(), "R = 1 is the run with the master seed");
        assertFalse(single.has("replications"));
    }

    @Test
    void pooledHistogramsHoldEveryValueAndCountsAreSums() {
        Replications.Result r = Replications.run(shortWeb(), 4, 2, ScenarioRunner.QUEUE_LIMIT);
        Histogram all = new Histogram(1, 3_600_000_000L * 24, 3);
        long completed = 0;
        double weightedMean = 0;
        for (ScenarioRunner.Outcome o : r.runs()) {
            ServiceResult w = o.result().services().get(0);
            all.add(w.responseMicros());
            completed += w.completed();
            weightedMean += w.meanResponseMs() * w.responseMicros().getTotalCount();
        }
        ServiceResult pooled = r.pooled().result().services().get(0);
        assertEquals(completed, pooled.completed());
        assertEquals(all.getTotalCount(), pooled.responseMicros().getTotalCount());
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            assertEquals(all.getValueAtPercentile(p), pooled.responseMicros().getValueAtPercentile(p), "p" + p);
        }
        assertEquals(weightedMean / all.getTotalCount(), pooled.meanResponseMs(), 1e-9);
        assertEquals(4 * r.runs().get(0).result().measuredSeconds(), r.pooled().result().measuredSeconds(), 1e-9);

        ReplicationStats.Read stats = ReplicationStats.read(r.summary());
        assertEquals(4, stats.count());
        ReplicationStats.Metric p99 = stats.metrics().get("/services/web/latencyMs/p99");
        assertTrue(p99.stdDev() > 0 && p99.ci95Low() < p99.mean() && p99.mean() < p99.ci95High(), p99.toString());
        assertFalse(stats.metrics().containsKey("/seed"), "the seed is not a metric");
    }

    /**
     * Twenty pairs of disjoint seed sets of the unchanged scenario, R = 10 each, level 0.05 with
     * Holm's correction and the default 5% tolerance: no pair is flagged. (Each pair's chance of a
     * false alarm is at most 0.05 by the correction alone; benchmarks' FalseAlarmRate measures it
     * over 200 pairs, docs/CI.md.)
     */
    @Test
    void twentyPairsOfDisjointSeedsOfAnUnchangedScenarioRaiseNoFlag() {
        Scenario s = shortWeb();
        List<String> flagged = new ArrayList<>();
        for (int pair = 0; pair < 20; pair++) {
            long base = 1_000L * pair;
            JsonNode a = Replications.run(s.withSeed(base), 10, 2, ScenarioRunner.QUEUE_LIMIT).summary();
            JsonNode b = Replications.run(s.withSeed(base + 500), 10, 2, ScenarioRunner.QUEUE_LIMIT).summary();
            Comparison c = Comparison.of(s.name(), a, b, Tolerances.DEFAULTS, 0.05);
            assertTrue(c.directed().stream().allMatch(Comparison.Metric::tested), "every directed metric is tested");
            if (c.regressed()) {
                flagged.add(pair + ": " + c.with(Comparison.Verdict.REGRESSION));
            }
        }
        assertEquals(List.of(), flagged);
    }
}
