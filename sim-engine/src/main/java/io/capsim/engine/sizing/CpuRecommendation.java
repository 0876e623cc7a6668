package io.capsim.engine.sizing;

import java.util.Arrays;

/**
 * A CPU recommendation: the target request and the bounds outside which the updater acts, in
 * millicores, each within the sizing's [min, max].
 *
 * @param lowerMillis lower bound
 * @param targetMillis target
 * @param upperMillis upper bound
 */
public record CpuRecommendation(long lowerMillis, long targetMillis, long upperMillis) {

    public CpuRecommendation {
        if (lowerMillis > targetMillis || targetMillis > upperMillis) {
            throw new IllegalArgumentException("need lower <= target <= upper: " + lowerMillis + ", " + targetMillis
                    + ", " + upperMillis);
        }
    }

    /** True if a request of {@code requestMillis} lies within the bounds (the updater leaves it). */
    public boolean contains(long requestMillis) {
        return requestMillis >= lowerMillis && requestMillis <= upperMillis;
    }

    /**
     * The percentile recommender: the {@code lower}, {@code target} and {@code upper} percentiles
     * (nearest rank) of the usage samples, in cores, times 1 + margin, rounded up to a millicore and
     * clamped to [min, max].
     *
     * @param samplesCores CPU usage samples, cores (not changed); at least one
     * @throws IllegalArgumentException if there is no sample
     */
    public static CpuRecommendation of(double[] samplesCores, int count, VerticalSizing s) {
        if (count < 1) {
            throw new IllegalArgumentException("no usage sample");
        }
        double[] sorted = Arrays.copyOf(samplesCores, count);
        Arrays.sort(sorted);
        long lower = millis(percentile(sorted, s.lowerPercentile()), s);
        long target = millis(percentile(sorted, s.targetPercentile()), s);
        long upper = millis(percentile(sorted, s.upperPercentile()), s);
        return new CpuRecommendation(lower, target, upper);
    }

    /** Nearest-rank percentile of sorted values, {@code p} in (0, 100]. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static long millis(double cores, VerticalSizing s) {
        long m = (long) Math.ceil(cores * (1 + s.margin()) * 1000 - 1e-9);
        return Math.max(s.minCpuMillis(), Math.min(s.maxCpuMillis(), m));
    }
}
