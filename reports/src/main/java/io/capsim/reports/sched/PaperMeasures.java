package io.capsim.reports.sched;

import io.capsim.engine.results.InflationResult;

/**
 * Figures of an inflation run as the FGD paper's artifact computes them for its figures
 * (hkust-adsl/kubernetes-scheduler-simulator, {@code experiments/analysis/merge_alloc_discrete_0920.py}
 * and {@code merge_frag_ratio_discrete_0928.py}): at an arrival point of {@code k}% of GPU
 * capacity, the mean over every arrival whose arrived share, in percent, rounds (half to even, as
 * pandas' {@code round}) to {@code k}; if none does, over those rounding to {@code k - 1} ..
 * {@code k + 1}. Per arrival:
 *
 * <ul>
 *   <li>unallocated GPU, in percent of capacity (the paper's Fig. 9a plots 100 - allocation);
 *   <li>fragmentation ratio: fragmented GPU (FGD's measure) in percent of the unallocated GPU
 *       (Fig. 7b); arrivals with no unallocated GPU have no ratio and are left out of the mean, as
 *       pandas' {@code mean} leaves out NaN.
 * </ul>
 * The share is taken to a whole percent first. NaN when no arrival qualifies.
 */
public final class PaperMeasures {

    private PaperMeasures() {}

    /** Unallocated GPU at {@code share} of capacity, percent of capacity. */
    public static double unallocatedPercent(InflationResult r, double share) {
        return windowMean(r, share, false);
    }

    /** Fragmentation ratio at {@code share} of capacity: fragmented over unallocated GPU, percent. */
    public static double fragmentationRatio(InflationResult r, double share) {
        return windowMean(r, share, true);
    }

    private static double windowMean(InflationResult r, double share, boolean ratio) {
        long k = Math.round(100 * share);
        double v = mean(r, k, k, ratio);
        return Double.isNaN(v) ? mean(r, k - 1, k + 1, ratio) : v;
    }

    private static double mean(InflationResult r, long lo, long hi, boolean ratio) {
        double[] arrived = r.arrivedShare();
        double[] unalloc = r.unallocatedGpus();
        double[] frag = r.fragmentedGpus();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < arrived.length; i++) {
            double pct = Math.rint(100 * arrived[i]);
            if (pct < lo || pct > hi) {
                continue;
            }
            if (ratio) {
                if (unalloc[i] > 0) {
                    sum += 100 * frag[i] / unalloc[i];
                    n++;
                }
            } else {
                sum += 100 * unalloc[i] / r.gpuCapacity();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
