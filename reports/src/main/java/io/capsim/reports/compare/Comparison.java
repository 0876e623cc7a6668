package io.capsim.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A candidate run's summary against a baseline's, metric by metric (every numeric leaf present in
 * both, see {@link SummaryLeaves}).
 *
 * <p>Each metric gets a {@link Direction} and a tolerance from {@link Tolerances}. When both
 * summaries carry replication statistics for the metric (at least 2 replications each), the values
 * compared are the replication means, and the worsening is tested with Welch's one-sided t-test
 * (unequal variances, Welch-Satterthwaite degrees of freedom, Student t from Commons Statistics);
 * the p-values of all the tested metrics of one comparison are corrected with Holm's step-down
 * method (S. Holm, "A simple sequentially rejective multiple test procedure", 1979), which keeps
 * the chance of any false alarm among them at most {@code level}. A metric is a regression when it
 * is worse by more than its tolerance and, if it was tested, the worsening is significant after the
 * correction. Without replications on both sides the pooled values are compared against the
 * tolerance alone. With replications on both sides, a metric without statistics on a side (null in
 * some replication: too sparse to judge) is informational.
 *
 * @param scenario name of what is compared (a scenario name), for the reports
 * @param baselineReplications replications behind the baseline (1 without)
 * @param candidateReplications replications behind the candidate (1 without)
 * @param level significance level of the family of tests, in (0, 1)
 * @param metrics every metric in both summaries, in the baseline's order
 */
public record Comparison(String scenario, int baselineReplications, int candidateReplications, double level,
        List<Metric> metrics) {

    public Comparison {
        metrics = List.copyOf(metrics);
    }

    /** What a metric's change amounts to. */
    public enum Verdict {
        /** Worse beyond tolerance (and significant when tested). */
        REGRESSION,
        /** Better beyond tolerance (and significant at the level, uncorrected, when tested). */
        IMPROVEMENT,
        /** Within tolerance, or not significant. */
        UNCHANGED,
        /** No direction: reported only. */
        INFORMATIONAL
    }

    /**
     * One metric.
     *
     * @param pointer JSON pointer of the leaf
     * @param direction which way is better
     * @param baseline the baseline's value (replication mean when tested)
     * @param candidate the candidate's value (replication mean when tested)
     * @param allowed the largest worsening within tolerance
     * @param pValue one-sided p-value of the worsening, before correction; NaN if not tested
     * @param adjustedP Holm-adjusted p-value; NaN if not tested
     * @param verdict the outcome
     */
    public record Metric(String pointer, Direction direction, double baseline, double candidate, double allowed,
            double pValue, double adjustedP, Verdict verdict) {

        /** Candidate minus baseline. */
        public double change() {
            return candidate - baseline;
        }

        /** The change relative to the baseline; NaN if the baseline is 0. */
        public double relativeChange() {
            return baseline == 0 ? Double.NaN : (candidate - baseline) / Math.abs(baseline);
        }

        /** Whether the worsening was tested statistically. */
        public boolean tested() {
            return !Double.isNaN(pValue);
        }
    }

    /** Whether any metric regressed. */
    public boolean regressed() {
        return metrics.stream().anyMatch(m -> m.verdict() == Verdict.REGRESSION);
    }

    /** The metrics with a given verdict. */
    public List<Metric> with(Verdict v) {
        return metrics.stream().filter(m -> m.verdict() == v).toList();
    }

    /** The metrics with a direction (those a CI report lists as tests). */
    public List<Metric> directed() {
        return metrics.stream().filter(m -> m.direction() != Direction.NONE).toList();
    }

    /**
     * Compares two summaries.
     *
     * @param level significance level, in (0, 1)
     * @throws IllegalArgumentException if a replications object is malformed
     */
    public static Comparison of(String scenario, JsonNode baseline, JsonNode candidate, Tolerances tolerances,
            double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level " + level + " is not in (0, 1)");
        }
        Map<String, Double> b = SummaryLeaves.of(baseline);
        Map<String, Double> c = SummaryLeaves.of(candidate);
        ReplicationStats.Read br = ReplicationStats.read(baseline);
        ReplicationStats.Read cr = ReplicationStats.read(candidate);
        boolean replicated = br != null && cr != null && br.count() >= 2 && cr.count() >= 2;

        List<String> pointers = new ArrayList<>();
        List<Tolerances.Setting> settings = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (Map.Entry<String, Double> e : b.entrySet()) {
            String p = e.getKey();
            if (!c.containsKey(p)) {
                continue;
            }
            Tolerances.Setting s = tolerances.settingFor(p);
            ReplicationStats.Metric bm = replicated ? br.metrics().get(p) : null;
            ReplicationStats.Metric cm = replicated ? cr.metrics().get(p) : null;
            double pv = Double.NaN;
            double bv = e.getValue();
            double cv = c.get(p);
            if (bm != null && cm != null && !Double.isNaN(bm.stdDev()) && !Double.isNaN(cm.stdDev())) {
                bv = bm.mean();
                cv = cm.mean();
                if (s.direction() != Direction.NONE) {
                    double worse = s.direction() == Direction.LOWER ? cv - bv : bv - cv;
                    pv = welchOneSided(worse, bm.stdDev(), br.count(), cm.stdDev(), cr.count());
                }
            }
            if (replicated && Double.isNaN(pv) && s.direction() != Direction.NONE) {
                // Replicated on both sides, but null in some replication: too sparse to judge.
                s = new Tolerances.Setting(Direction.NONE, s.relative(), s.absolute());
            }
            pointers.add(p);
            settings.add(s);
            values.add(new double[] {bv, cv});
            pValues.add(pv);
        }
        double[] adjusted = holm(pValues);
        List<Metric> out = new ArrayList<>();
        for (int k = 0; k < pointers.size(); k++) {
            Tolerances.Setting s = settings.get(k);
            double bv = values.get(k)[0];
            double cv = values.get(k)[1];
            double allowed = s.allowed(bv);
            double pv = pValues.get(k);
            Verdict v;
            if (s.direction() == Direction.NONE) {
                v = Verdict.INFORMATIONAL;
            } else {
                double worse = s.direction() == Direction.LOWER ? cv - bv : bv - cv;
                if (worse > allowed && (Double.isNaN(pv) || adjusted[k] <= level)) {
                    v = Verdict.REGRESSION;
                } else if (-worse > allowed && (Double.isNaN(pv) || 1 - pv <= level)) {
                    v = Verdict.IMPROVEMENT;
                } else {
                    v = Verdict.UNCHANGED;
                }
            }
            out.add(new Metric(pointers.get(k), s.direction(), bv, cv, allowed, pv, adjusted[k], v));
        }
        return new Comparison(scenario, br == null ? 1 : br.count(), cr == null ? 1 : cr.count(), level, out);
    }

    /**
     * The p-value of Welch's one-sided t-test that the true difference is not positive, given the
     * observed {@code worse} difference of means and each sample's standard deviation and size (at
     * least 2). With both deviations 0 the difference is exact: 0 if positive, else 1.
     */
    static double welchOneSided(double worse, double sd1, int n1, double sd2, int n2) {
        double v1 = sd1 * sd1 / n1;
        double v2 = sd2 * sd2 / n2;
        double se2 = v1 + v2;
        if (se2 == 0) {
            return worse > 0 ? 0 : 1;
        }
        double t = worse / Math.sqrt(se2);
        double df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        return TDistribution.of(df).survivalProbability(t);
    }

    /**
     * Holm-adjusted p-values: sorted ascending, the k-th (0-based) of m is multiplied by m - k, and
     * the running maximum is taken so adjusted values keep the order (capped at 1). NaN entries are
     * not tested and stay NaN; m counts only the tested ones.
     */
    static double[] holm(List<Double> p) {
        double[] out = new double[p.size()];
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < p.size(); k++) {
            out[k] = Double.NaN;
            if (!Double.isNaN(p.get(k))) {
                idx.add(k);
            }
        }
        idx.sort(Comparator.comparingDouble(p::get)); // stable: ties keep document order
        int m = idx.size();
        double running = 0;
        for (int r = 0; r < m; r++) {
            int k = idx.get(r);
            running = Math.max(running, Math.min(1, (m - r) * p.get(k)));
            out[k] = running;
        }
        return out;
    }
}
