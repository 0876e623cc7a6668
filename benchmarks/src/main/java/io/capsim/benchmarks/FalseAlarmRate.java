package io.capsim.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.capsim.reports.compare.Comparison;
import io.capsim.reports.compare.Tolerances;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.Replications;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.ReadSettings;
import io.capsim.scenarios.validate.ScenarioReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The regression gate's false-alarm rate: an unchanged scenario compared with itself under
 * disjoint seeds, pair after pair (pair {@code i}: master seeds {@code 1,000,000 + 1000 i} and
 * {@code 1,000,000 + 1000 i + 500}, R replications each), counting the pairs {@code capsim compare}
 * would flag, with the default tolerances (5% relative) and with tolerance 0 (the statistical test
 * and Holm's correction alone). Arguments: {@code [scenario] [pairs] [replications] [level]},
 * defaults {@code scenarios/regression/web-poisson.yaml 200 10 0.05}:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.FalseAlarmRate</pre>
 */
public final class FalseAlarmRate {

    private FalseAlarmRate() {}

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "scenarios/regression/web-poisson.yaml");
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int replications = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double level = args.length > 3 ? Double.parseDouble(args[3]) : 0.05;
        Scenario s = (Scenario) ScenarioReader.load(file, List.of(), ReadSettings.DEFAULTS).document();
        Tolerances zero = new Tolerances(0, 0, List.of());
        int threads = Runtime.getRuntime().availableProcessors();
        int flagged = 0;
        int flaggedNoTolerance = 0;
        int tested = 0;
        Map<String, Integer> byMetric = new TreeMap<>();
        long w0 = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            long seed = 1_000_000L + 1_000L * i;
            JsonNode a = Replications.run(s.withSeed(seed), replications, threads, ScenarioRunner.QUEUE_LIMIT)
                    .summary();
            JsonNode b = Replications.run(s.withSeed(seed + 500), replications, threads, ScenarioRunner.QUEUE_LIMIT)
                    .summary();
            Comparison c = Comparison.of(s.name(), a, b, Tolerances.DEFAULTS, level);
            tested = (int) c.directed().stream().filter(Comparison.Metric::tested).count();
            if (c.regressed()) {
                flagged++;
            }
            Comparison z = Comparison.of(s.name(), a, b, zero, level);
            if (z.regressed()) {
                flaggedNoTolerance++;
                for (Comparison.Metric m : z.with(Comparison.Verdict.REGRESSION)) {
                    byMetric.merge(m.pointer(), 1, Integer::sum);
                }
            }
        }
        double wall = (System.nanoTime() - w0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d pairs of disjoint seeds, R = %d, level %s, Holm over %d tested metrics"
                + "%n", s.name(), pairs, replications, level, tested);
        System.out.printf(Locale.ROOT, "false alarms, default tolerances (5%% relative): %d of %d pairs (%.2f%%)%n",
                flagged, pairs, 100.0 * flagged / pairs);
        System.out.printf(Locale.ROOT, "false alarms, tolerance 0 (test and correction alone): %d of %d pairs "
                + "(%.2f%%)%n", flaggedNoTolerance, pairs, 100.0 * flaggedNoTolerance / pairs);
        byMetric.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s: %d%n", k, v));
        System.out.printf(Locale.ROOT, "%.1f s wall, %d threads%n", wall, threads);
    }
}
