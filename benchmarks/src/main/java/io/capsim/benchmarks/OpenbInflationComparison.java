package io.capsim.benchmarks;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.scenarios.experiment.InflationExperiment;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.results.InflationResult;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.workloads.trace.openb.OpenbTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The FGD comparison on the full openb trace (1,213 GPU nodes, default pod list): the inflation
 * experiment to 130% of GPU capacity under each policy and several seeds, printed as Markdown.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.OpenbInflationComparison [seeds] [policy,...] [RANDOM|LOWEST_NAME]
 * </pre>
 */
public final class OpenbInflationComparison {

    private static final double[] AT = {0.8, 0.9, 0.95, 1.0, 1.1, 1.3};

    private OpenbInflationComparison() {}

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> policies = args.length > 1 ? Arrays.asList(args[1].split(",")) : BuiltInProfiles.NAMES;
        SchedulerConfig.TieBreak tieBreak = args.length > 2 ? SchedulerConfig.TieBreak.valueOf(args[2]) : SchedulerConfig.TieBreak.RANDOM;
        System.out.println("tie-break: " + tieBreak);
        List<NodeSpec> nodes = OpenbTrace.gpuNodes();
        List<PodSpec> pods = OpenbTrace.specs(OpenbTrace.defaultPods());
        StringBuilder head = new StringBuilder("| policy |");
        StringBuilder rule = new StringBuilder("|---|");
        for (double a : AT) {
            head.append(String.format(Locale.ROOT, " unallocated GPUs @%.0f%% |", a * 100));
            rule.append("---:|");
        }
        head.append(" fragmented GPUs @100% | failed pods @130% | s/run |");
        rule.append("---:|---:|---:|");
        System.out.println(head);
        System.out.println(rule);
        for (String policy : policies) {
            List<InflationResult> rs = new ArrayList<>();
            long t0 = System.nanoTime();
            for (long seed = 1; seed <= seeds; seed++) {
                rs.add(InflationExperiment.run(nodes, pods, BuiltInProfiles.byName(policy), seed, 1.3, tieBreak,
                        BuiltInPlugins.registry()));
            }
            double secs = (System.nanoTime() - t0) / 1e9 / seeds;
            StringBuilder row = new StringBuilder("| " + policy + " |");
            for (double a : AT) {
                row.append(' ').append(stat(rs.stream().mapToDouble(r -> r.unallocatedGpusAt(a)).toArray())).append(" |");
            }
            row.append(' ').append(stat(rs.stream().mapToDouble(r -> r.fragmentedGpusAt(1.0)).toArray())).append(" |");
            row.append(' ').append(stat(rs.stream().mapToDouble(r -> r.failedPods()[r.arrivals() - 1]).toArray())).append(" |");
            row.append(String.format(Locale.ROOT, " %.2f |", secs));
            System.out.println(row);
        }
    }

    /** mean (min-max). */
    private static String stat(double[] v) {
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double min = Arrays.stream(v).min().orElse(Double.NaN);
        double max = Arrays.stream(v).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", mean, min, max);
    }
}
