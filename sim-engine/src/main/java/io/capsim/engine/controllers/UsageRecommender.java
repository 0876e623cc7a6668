package io.capsim.engine.controllers;

import java.util.Arrays;

/**
 * A VPA-style target for one resource of one pod: a percentile of the usage samples of the last
 * {@code window}, times {@code (1 + margin)}, bounded to [min, max]. A pure object: fed samples in
 * time order, asked for the target at a time; memory follows the samples in one window.
 *
 * <p>Simplified from VPA's recommender (decaying histograms, a confidence interval widening the
 * bounds of a young pod): a sliding window of raw samples, percentile by nearest rank (the
 * smallest sample with at least {@code percentile}% of the samples at or below it), every sample of
 * equal weight.
 */
public final class UsageRecommender {

    /**
     * The rule.
     *
     * @param percentile in (0, 100]
     * @param margin added share, at least 0 (0.15: 15% above the percentile)
     * @param min lowest target, at least 0
     * @param max highest target, at least min
     * @param windowTicks how far back samples count, ticks, greater than 0
     */
    public record Settings(double percentile, double margin, double min, double max, long windowTicks) {
        public Settings {
            if (!(percentile > 0 && percentile <= 100) || !(margin >= 0) || !(min >= 0) || !(max >= min)
                    || windowTicks <= 0) {
                throw new IllegalArgumentException("need percentile in (0, 100], margin >= 0, 0 <= min <= max, window > 0");
            }
        }
    }

    private final Settings settings;
    private long[] times = new long[16];
    private double[] values = new double[16];
    private int head;
    private int size;
    private double[] scratch = new double[16];
    private long lastTicks = Long.MIN_VALUE;

    /** A recommender with no sample yet. */
    public UsageRecommender(Settings settings) {
        this.settings = settings;
    }

    /**
     * Adds a sample.
     *
     * @param atTicks its time, not before the previous sample's
     * @param usage what was used, at least 0 (NaN is ignored)
     * @throws IllegalArgumentException if time goes back
     */
    public void record(long atTicks, double usage) {
        if (atTicks < lastTicks) {
            throw new IllegalArgumentException("samples must come in time order");
        }
        lastTicks = atTicks;
        if (Double.isNaN(usage)) {
            return;
        }
        if (size == times.length) {
            long[] t = new long[size * 2];
            double[] v = new double[size * 2];
            for (int k = 0; k < size; k++) {
                t[k] = times[(head + k) % times.length];
                v[k] = values[(head + k) % values.length];
            }
            times = t;
            values = v;
            head = 0;
        }
        int at = (head + size) % times.length;
        times[at] = atTicks;
        values[at] = usage;
        size++;
    }

    /**
     * The target at {@code nowTicks} from the samples in ({@code now - window}, now]; older ones are
     * dropped for good. NaN if none is left.
     */
    public double recommend(long nowTicks) {
        while (size > 0 && times[head] <= nowTicks - settings.windowTicks()) {
            head = (head + 1) % times.length;
            size--;
        }
        int n = 0;
        if (scratch.length < size) {
            scratch = new double[times.length];
        }
        for (int k = 0; k < size; k++) {
            int i = (head + k) % times.length;
            if (times[i] <= nowTicks) {
                scratch[n++] = values[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(scratch, 0, n);
        int rank = (int) Math.ceil(settings.percentile() / 100 * n);
        double p = scratch[Math.max(0, Math.min(n, rank) - 1)];
        return Math.min(settings.max(), Math.max(settings.min(), p * (1 + settings.margin())));
    }

    /** Samples held (those of the last window asked about, and later ones). */
    public int samples() {
        return size;
    }
}
