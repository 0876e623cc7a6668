package io.capsim.engine.sched.plugins;

/**
 * The pure scoring math of NodeResourcesFit and NodeResourcesBalancedAllocation, from (requested,
 * capacity, weight) per resource alone, as kube-scheduler's {@code least_allocated.go}, {@code
 * most_allocated.go}, {@code requested_to_capacity_ratio.go} and {@code balanced_allocation.go}
 * compute it. Resources with capacity 0 are skipped (that is how {@link ResourceVector} leaves out
 * a resource the node lacks or a scalar resource the pod does not request). Scores lie in [0,
 * 100]; integer division truncates as Go's does.
 */
public final class ResourceScoring {

    private ResourceScoring() {}

    /**
     * LeastAllocated: per resource {@code (capacity - requested) * 100 / capacity} (0 when
     * requested exceeds capacity), then the weighted mean, integer division.
     */
    public static long leastAllocated(long[] requested, long[] capacity, long[] weights, int n) {
        long score = 0;
        long weightSum = 0;
        for (int k = 0; k < n; k++) {
            if (capacity[k] == 0) {
                continue;
            }
            long s = requested[k] > capacity[k] ? 0 : (capacity[k] - requested[k]) * 100 / capacity[k];
            score += s * weights[k];
            weightSum += weights[k];
        }
        return weightSum == 0 ? 0 : score / weightSum;
    }

    /**
     * MostAllocated: per resource {@code requested * 100 / capacity}, requested capped at capacity,
     * then the weighted mean, integer division.
     */
    public static long mostAllocated(long[] requested, long[] capacity, long[] weights, int n) {
        long score = 0;
        long weightSum = 0;
        for (int k = 0; k < n; k++) {
            if (capacity[k] == 0) {
                continue;
            }
            long r = Math.min(requested[k], capacity[k]);
            score += r * 100 / capacity[k] * weights[k];
            weightSum += weights[k];
        }
        return weightSum == 0 ? 0 : score / weightSum;
    }

    /**
     * RequestedToCapacityRatio: per resource the utilization {@code requested * 100 / capacity}
     * (100 when requested exceeds capacity) is mapped through the piecewise-linear shape (scores
     * scaled from 0..10 to 0..100); the weighted mean over the resources whose shape score is above
     * 0, rounded half away from zero ({@code math.Round}); 0 when none is. A resource scoring 0
     * is left out of the mean, weight included, as kube-scheduler's {@code
     * buildRequestedToCapacityRatioScorerFunction} does ({@code if resourceScore > 0}).
     *
     * @param shapeUtil utilization of each shape point, strictly increasing, in [0, 100]
     * @param shapeScore score of each shape point, in [0, 10]
     */
    public static long requestedToCapacityRatio(long[] requested, long[] capacity, long[] weights, int n,
            int[] shapeUtil, int[] shapeScore) {
        long score = 0;
        long weightSum = 0;
        for (int k = 0; k < n; k++) {
            if (capacity[k] == 0) {
                continue;
            }
            long util = Math.min(requested[k], capacity[k]) * 100 / capacity[k];
            long s = brokenLinear(util, shapeUtil, shapeScore);
            if (s > 0) {
                score += s * weights[k];
                weightSum += weights[k];
            }
        }
        return weightSum == 0 ? 0 : Math.round(score / (double) weightSum);
    }

    /** The shape function at {@code util}, with scores scaled by 10 (0..100), truncated. */
    static long brokenLinear(long util, int[] xs, int[] ys) {
        int m = xs.length;
        if (util <= xs[0]) {
            return ys[0] * 10L;
        }
        for (int i = 1; i < m; i++) {
            if (util <= xs[i]) {
                long y0 = ys[i - 1] * 10L;
                long y1 = ys[i] * 10L;
                return y0 + (y1 - y0) * (util - xs[i - 1]) / (xs[i] - xs[i - 1]);
            }
        }
        return ys[m - 1] * 10L;
    }

    /**
     * BalancedAllocation: the fractions {@code requested / capacity} (capped at 1); their standard
     * deviation (for two resources {@code |f1 - f2| / 2}); score {@code (1 - std) * 100},
     * truncated. Weights are ignored, as in Kubernetes.
     */
    public static long balancedAllocation(long[] requested, long[] capacity, int n) {
        double sum = 0;
        int count = 0;
        double f0 = 0;
        double f1 = 0;
        for (int k = 0; k < n; k++) {
            if (capacity[k] == 0) {
                continue;
            }
            double f = Math.min(1.0, requested[k] / (double) capacity[k]);
            if (count == 0) {
                f0 = f;
            } else if (count == 1) {
                f1 = f;
            }
            sum += f;
            count++;
        }
        double std;
        if (count <= 1) {
            std = 0;
        } else if (count == 2) {
            std = Math.abs(f0 - f1) / 2;
        } else {
            double mean = sum / count;
            double var = 0;
            for (int k = 0; k < n; k++) {
                if (capacity[k] == 0) {
                    continue;
                }
                double f = Math.min(1.0, requested[k] / (double) capacity[k]);
                var += (f - mean) * (f - mean);
            }
            std = Math.sqrt(var / count);
        }
        return (long) ((1 - std) * 100);
    }
}
