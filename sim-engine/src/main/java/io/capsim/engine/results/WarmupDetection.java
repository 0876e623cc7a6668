package io.capsim.engine.results;

/**
 * Detects the end of the initial transient of an output series with MSER-5 (K. P. White, "An
 * effective truncation heuristic for bias reduction in simulation output", Simulation 69(6), 1997;
 * K. P. White, M. J. Cobb and S. C. Spratt, "A comparison of five steady-state truncation
 * heuristics for simulation", WSC 2000):
 *
 * <ol>
 *   <li>average the n observations in consecutive batches of 5, giving m = floor(n / 5) batch means
 *       Z<sub>1</sub> .. Z<sub>m</sub> (a last partial batch is dropped);
 *   <li>for each d from 0 to floor(m / 2), compute MSER(d) = sum over j &gt; d of (Z<sub>j</sub> -
 *       mean(Z<sub>d+1..m</sub>))<sup>2</sup> / (m - d)<sup>2</sup>;
 *   <li>truncate the first 5 d* observations, d* minimising MSER(d) (the first minimum on ties).
 * </ol>
 *
 * A minimum at d = floor(m / 2) says the series is still moving half-way through: the run is too
 * short to tell, and the answer is "not detected" (-1). A pure function of the values.
 */
public final class WarmupDetection {

    /** Batch size of MSER-5. */
    public static final int BATCH = 5;

    private WarmupDetection() {}

    /**
     * Observations to drop from the start of {@code values}, a multiple of 5; -1 if fewer than 20
     * observations or if the minimum lies at half the run (not detected).
     */
    public static int mser5(double[] values) {
        int m = values.length / BATCH;
        if (m < 4) {
            return -1;
        }
        double[] z = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int k = 0; k < BATCH; k++) {
                s += values[j * BATCH + k];
            }
            z[j] = s / BATCH;
        }
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        int last = m / 2;
        for (int d = 0; d <= last; d++) {
            int k = m - d;
            double mean = 0;
            for (int j = d; j < m; j++) {
                mean += z[j];
            }
            mean /= k;
            double sse = 0;
            for (int j = d; j < m; j++) {
                sse += (z[j] - mean) * (z[j] - mean);
            }
            double mser = sse / ((double) k * k);
            if (mser < bestValue) {
                bestValue = mser;
                best = d;
            }
        }
        return best == last ? -1 : best * BATCH;
    }

    /**
     * The detected warm-up of a time series, seconds of virtual time from the start of the run (the
     * time of the first observation kept); NaN if not detected.
     */
    public static double seconds(TimeSeries series) {
        int drop = mser5(series.values());
        if (drop < 0) {
            return Double.NaN;
        }
        return io.capsim.engine.kernel.SimTime.toSeconds(series.time(drop));
    }
}
