package io.capsim.benchmarks;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.reports.sched.PaperMeasures;
import io.capsim.reports.sched.SchedulingReport;
import io.capsim.scenarios.experiment.InflationExperiment;
import io.capsim.scenarios.model.SchedulingScenario;
import io.capsim.scenarios.run.SchedulingExperimentRunner;
import io.capsim.workloads.trace.openb.OpenbTrace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The FGD comparison on the full openb trace (1,213 GPU nodes, default pod list): the inflation
 * experiment to 130% of GPU capacity under each policy and several seeds, run as {@code capsim
 * run} runs a scheduling experiment ({@link SchedulingExperimentRunner}, one run per thread), and
 * printed as Markdown: unallocated GPUs at several arrival points (mean, min-max over seeds), and
 * the FGD paper's measures (unallocated GPU % of capacity at 100%, fragmentation ratio at 80%,
 * mean with the 95% interval over seeds), then the wall time.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.OpenbInflationComparison \
 *     [seeds] [policy,...|paper|capsim] [RANDOM|LOWEST_NAME|RANDOM_ORDER] [WITH_REPLACEMENT|SHUFFLED_LIST] [threads] [firstSeed]
 * </pre>
 */
public final class OpenbInflationComparison {

    private static final double[] AT = {0.8, 0.9, 0.95, 1.0, 1.1, 1.3};

    private OpenbInflationComparison() {}

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String which = args.length > 1 ? args[1] : "capsim";
        List<String> policies = which.equals("paper") ? BuiltInProfiles.PAPER_NAMES
                : which.equals("capsim") ? BuiltInProfiles.NAMES : Arrays.asList(which.split(","));
        SchedulerConfig.TieBreak tieBreak = args.length > 2 ? SchedulerConfig.TieBreak.valueOf(args[2])
                : SchedulerConfig.TieBreak.RANDOM;
        InflationExperiment.Sampling sampling = args.length > 3 ? InflationExperiment.Sampling.valueOf(args[3])
                : InflationExperiment.Sampling.WITH_REPLACEMENT;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : Runtime.getRuntime().availableProcessors();
        long firstSeed = args.length > 5 ? Long.parseLong(args[5]) : 1;
        System.out.printf(Locale.ROOT, "tie-break %s, sampling %s, %d seeds from %d, %d threads%n", tieBreak, sampling,
                seeds, firstSeed, threads);
        List<NodeSpec> nodes = OpenbTrace.gpuNodes();
        List<PodSpec> pods = OpenbTrace.specs(OpenbTrace.defaultPods());
        SchedulingScenario s = new SchedulingScenario("openb-comparison", firstSeed, seeds, Path.of("openb-nodes"),
                Path.of("openb-pods"), nodes, pods, 1.3, tieBreak, sampling, List.of(0.8, 1.0, 1.3),
                policies.stream().map(p -> new SchedulingScenario.Policy(p, "builtIn", BuiltInProfiles.byName(p)))
                        .toList(), BuiltInPlugins.registry());
        long t0 = System.nanoTime();
        SchedulingReport report = SchedulingExperimentRunner.execute(s, BuiltInPlugins.registry(), threads);
        double wall = (System.nanoTime() - t0) / 1e9;

        StringBuilder head = new StringBuilder("| policy |");
        StringBuilder rule = new StringBuilder("|---|");
        for (double a : AT) {
            head.append(String.format(Locale.ROOT, " unallocated GPUs @%.0f%% |", a * 100));
            rule.append("---:|");
        }
        head.append(" fragmented GPUs @100% | failed pods at end | unallocated GPU % @100% (paper's measure) |"
                + " fragmentation ratio % @80% (paper's measure) |");
        rule.append("---:|---:|---:|---:|");
        System.out.println(head);
        System.out.println(rule);
        for (SchedulingReport.PolicyRuns p : report.policies()) {
            StringBuilder row = new StringBuilder("| " + p.name() + " |");
            for (double a : AT) {
                row.append(' ').append(range(SchedulingReport.stat(p, r -> r.unallocatedGpusAt(a)))).append(" |");
            }
            row.append(' ').append(range(SchedulingReport.stat(p, r -> r.fragmentedGpusAt(1.0)))).append(" |");
            row.append(' ').append(range(SchedulingReport.stat(p, r -> r.failedPods()[r.arrivals() - 1]))).append(" |");
            row.append(' ').append(interval(p, r -> PaperMeasures.unallocatedPercent(r, 1.0))).append(" |");
            row.append(' ').append(interval(p, r -> PaperMeasures.fragmentationRatio(r, 0.8))).append(" |");
            System.out.println(row);
        }
        System.out.printf(Locale.ROOT, "%d runs in %.2f s wall%n", policies.size() * seeds, wall);
    }

    /** mean (min-max). */
    private static String range(SchedulingReport.Stat s) {
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", s.mean(), s.min(), s.max());
    }

    /** mean [95% interval]. */
    private static String interval(SchedulingReport.PolicyRuns p,
            ToDoubleFunction<io.capsim.engine.results.InflationResult> f) {
        SchedulingReport.Stat s = SchedulingReport.stat(p, f);
        return Double.isNaN(s.ci95Low()) ? String.format(Locale.ROOT, "%.2f", s.mean())
                : String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", s.mean(), s.ci95Low(), s.ci95High());
    }
}
