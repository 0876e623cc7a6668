package io.capsim.reports.sched;

import io.capsim.engine.results.InflationResult;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Everything the reports of one inflation experiment show.
 *
 * @param scenario scenario name
 * @param seeds the master seeds, one run per policy and seed
 * @param targetShare arrivals stopped at this share of GPU capacity
 * @param tieBreak tie-break among equally scored nodes, as configured ({@code random}, {@code
 *     lowestName} or {@code randomOrder})
 * @param sampling how arrivals were drawn, as configured ({@code withReplacement} or {@code
 *     shuffledList})
 * @param nodes nodes in the cluster
 * @param pods pods in the pod list arrivals were drawn from
 * @param arrivalPoints arrived shares at which the summary reports, ascending
 * @param policies one entry per policy, in scenario order
 */
public record SchedulingReport(
        String scenario,
        long[] seeds,
        double targetShare,
        String tieBreak,
        String sampling,
        int nodes,
        int pods,
        List<Double> arrivalPoints,
        List<PolicyRuns> policies) {

    public SchedulingReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(tieBreak, "tieBreak");
        Objects.requireNonNull(sampling, "sampling");
        seeds = seeds.clone();
        arrivalPoints = List.copyOf(arrivalPoints);
        policies = List.copyOf(policies);
        for (PolicyRuns p : policies) {
            if (p.runs().size() != seeds.length) {
                throw new IllegalArgumentException("policy " + p.name() + " has " + p.runs().size() + " runs for "
                        + seeds.length + " seeds");
            }
        }
    }

    /** GPUs in the cluster. */
    public double gpuCapacity() {
        return policies.isEmpty() ? 0 : policies.get(0).runs().get(0).gpuCapacity();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchedulingReport r && scenario.equals(r.scenario) && Arrays.equals(seeds, r.seeds)
                && targetShare == r.targetShare && tieBreak.equals(r.tieBreak) && sampling.equals(r.sampling)
                && nodes == r.nodes && pods == r.pods
                && arrivalPoints.equals(r.arrivalPoints) && policies.equals(r.policies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scenario, Arrays.hashCode(seeds), policies);
    }

    @Override
    public String toString() {
        return "SchedulingReport[" + scenario + ", " + policies.size() + " policies, " + seeds.length + " seeds]";
    }

    /**
     * The runs of one policy.
     *
     * @param name policy (profile) name
     * @param source {@code builtIn} or {@code profile}
     * @param runs one result per seed, in seed order
     */
    public record PolicyRuns(String name, String source, List<InflationResult> runs) {
        public PolicyRuns {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            runs = List.copyOf(runs);
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("policy " + name + " has no runs");
            }
        }
    }

    /**
     * One figure over the seeds: mean, minimum, maximum, and a 95% confidence interval for the
     * mean (Student's t with n - 1 degrees of freedom, from Commons Statistics: the seeds are
     * independent replications, so the interval says how far another set of seeds could move the
     * mean). With one seed the interval is undefined (NaN).
     *
     * @param mean arithmetic mean
     * @param min smallest value
     * @param max largest value
     * @param ci95Low lower end of the 95% interval for the mean
     * @param ci95High upper end of the 95% interval for the mean
     */
    public record Stat(double mean, double min, double max, double ci95Low, double ci95High) {

        /** The statistics of the values, at least one. */
        public static Stat of(double[] v) {
            int n = v.length;
            if (n == 0) {
                throw new IllegalArgumentException("no values");
            }
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mean = sum / n;
            if (n < 2) {
                return new Stat(mean, min, max, Double.NaN, Double.NaN);
            }
            double squares = 0;
            for (double x : v) {
                squares += (x - mean) * (x - mean);
            }
            double standardError = Math.sqrt(squares / (n - 1) / n);
            double half = TDistribution.of(n - 1).inverseCumulativeProbability(0.975) * standardError;
            return new Stat(mean, min, max, mean - half, mean + half);
        }

        /** Half the width of the 95% interval; NaN with one seed. */
        public double ci95HalfWidth() {
            return (ci95High - ci95Low) / 2;
        }
    }

    /** A figure of each run of a policy, summarized over seeds. */
    public static Stat stat(PolicyRuns p, java.util.function.ToDoubleFunction<InflationResult> f) {
        return Stat.of(p.runs().stream().mapToDouble(f).toArray());
    }
}
