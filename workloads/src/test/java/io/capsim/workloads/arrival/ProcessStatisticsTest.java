package io.capsim.workloads.arrival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each generator's empirical mean rate and index of dispersion of counts (IDC) against closed
 * forms, over long samples with fixed seeds.
 *
 * <p>Tolerances. For N arrivals of a process whose counts have IDC I, the relative standard error
 * of the mean rate is sqrt(I / N). The IDC is estimated from m windows much longer than the
 * process's correlation time, so the window counts are close to normal and the relative standard
 * error of the variance (hence of the IDC) is about sqrt(2 / (m - 1)). Each tolerance below is at
 * least 4 standard errors, so with a random seed the false-failure rate would be below 1e-4 per
 * assertion; with the fixed seeds the outcome is deterministic. A window-length bias of the
 * asymptotic IDC is removed with the exact finite-window formula where one is known, otherwise
 * kept below 1% by the window length.
 */
class ProcessStatisticsTest {

    private static ArrivalCursor open(String name, Map<String, Double> params, String stream) {
        ArrivalProcess p = ArrivalProcesses.REGISTRY.find(name).orElseThrow();
        return p.open(new ProcessSpec(name, params), new RandomStreams(20261126L).stream(stream), "test." + name);
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                () -> what + ": expected " + expected + " within " + (tolerance * 100) + "%, got " + actual);
    }

    @Test
    void poissonHasItsRateAndUnitDispersion() {
        // 20,000 windows of 1 s at 50/s: N = 1e6, SE(rate) = 0.1%, tolerance 0.5%.
        // SE(IDC) = sqrt(2 / 19,999) = 1.0%, tolerance 5%.
        WindowCounts w = WindowCounts.of(open("poisson", Map.of("rate", 50.0), "poisson"), 0, 1, 20_000);
        assertRelative(50, w.meanRate(), 0.005, "mean rate");
        assertRelative(1, w.dispersion(), 0.05, "IDC");
    }

    /**
     * Two-state MMPP with rates l1, l2 and switching rates r1 = 1/hold.0 (1 -> 2) and r2 = 1/hold.1
     * (2 -> 1), g = r1 + r2: mean rate (l1 r2 + l2 r1) / g, and (Fischer and Meier-Hellstern, "The
     * Markov-modulated Poisson process (MMPP) cookbook", Perform. Eval. 18, 1993)
     * Var N(t) = m t + 2 r1 r2 (l1 - l2)^2 / g^3 (t - (1 - exp(-g t)) / g).
     *
     * <p>Here l1 = 40, l2 = 2, hold 2 s and 6 s: r1 = 0.5, r2 = 1/6, g = 2/3, mean 11.5/s,
     * asymptotic IDC = 1 + 2 r1 r2 (l1 - l2)^2 / (g^2 (l1 r2 + l2 r1)) = 71.6. With 2,000 windows
     * of 300 s: N = 6.9e6, SE(rate) = sqrt(71.6 / 6.9e6) = 0.32%, tolerance 1.5%; SE(IDC) = 3.2%,
     * tolerance 13%.
     */
    @Test
    void twoStateMmppMatchesClosedForms() {
        double l1 = 40;
        double l2 = 2;
        double r1 = 1 / 2.0;
        double r2 = 1 / 6.0;
        double g = r1 + r2;
        double mean = (l1 * r2 + l2 * r1) / g;
        double window = 300;
        double var = mean * window
                + 2 * r1 * r2 * (l1 - l2) * (l1 - l2) / (g * g * g) * (window - (1 - Math.exp(-g * window)) / g);
        double idc = var / (mean * window);
        assertEquals(11.5, mean, 1e-12);
        assertEquals(71.6, 1 + 2 * r1 * r2 * (l1 - l2) * (l1 - l2) / (g * g * (l1 * r2 + l2 * r1)), 0.05);

        WindowCounts w = WindowCounts.of(open("mmpp",
                Map.of("rate.0", l1, "rate.1", l2, "hold.0", 2.0, "hold.1", 6.0), "mmpp2"), 0, window, 2_000);
        assertRelative(mean, w.meanRate(), 0.015, "mean rate");
        assertRelative(idc, w.dispersion(), 0.13, "IDC");
    }

    /**
     * ON/OFF: the OFF state emits nothing. Same formulas with l2 = 0: rate 100/s ON for 0.5 s
     * mean, OFF 1.5 s mean: r1 = 2, r2 = 2/3, g = 8/3, mean = 100 r2 / g = 25/s, IDC(inf) =
     * 1 + 2 r1 l1 / g^2 = 1 + 400 / (64/9) = 57.25. 4,000 windows of 60 s (g t = 160, finite-window
     * factor 0.994 applied exactly): N = 6e6, SE(rate) = 0.31%, tolerance 1.5%; SE(IDC) = 2.2%,
     * tolerance 10%.
     */
    @Test
    void onOffMmppMatchesClosedForms() {
        double l1 = 100;
        double r1 = 2;
        double r2 = 2 / 3.0;
        double g = r1 + r2;
        double mean = l1 * r2 / g;
        double window = 60;
        double var = mean * window + 2 * r1 * r2 * l1 * l1 / (g * g * g) * (window - (1 - Math.exp(-g * window)) / g);
        WindowCounts w = WindowCounts.of(open("mmpp",
                Map.of("rate.0", l1, "rate.1", 0.0, "hold.0", 0.5, "hold.1", 1.5), "onoff"), 0, window, 4_000);
        assertEquals(25, mean, 1e-12);
        assertRelative(mean, w.meanRate(), 0.015, "mean rate");
        assertRelative(var / (mean * window), w.dispersion(), 0.10, "IDC");
    }

    /**
     * Three states with unequal jump weights. Mean rate pi . lambda; asymptotic IDC
     * 1 + 2 pi L D L 1 / (pi . lambda), where L = diag(lambda) and D = (1 pi - Q)^-1 - 1 pi is the
     * deviation matrix of the chain (the integral of P(t) - 1 pi), computed here independently of
     * the generator's code except for Q. The chain's slowest mode decays at rate |eigenvalue| of
     * order 0.3/s; windows of 500 s keep the finite-window bias below 1%. 1,200 windows: SE(IDC) =
     * 4.1%, tolerance 16%; SE(rate) well below 0.5%, tolerance 1.5%.
     */
    @Test
    void threeStateMmppMatchesDeviationMatrixFormula() {
        Map<String, Double> params = Map.of("rate.0", 30.0, "rate.1", 5.0, "rate.2", 0.5,
                "hold.0", 1.0, "hold.1", 3.0, "hold.2", 2.0,
                "to.0.1", 3.0, "to.0.2", 1.0, "to.2.0", 1.0, "to.2.1", 2.0);
        double[][] q = MmppProcess.generator(new ProcessSpec("mmpp", params));
        double[] lambda = {30, 5, 0.5};
        double[] pi = MmppProcess.stationary(q);
        // pi Q = 0 and sum pi = 1, checked independently of how pi was computed.
        double sum = 0;
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                s += pi[i] * q[i][j];
            }
            assertEquals(0, s, 1e-12);
            sum += pi[j];
        }
        assertEquals(1, sum, 1e-12);
        double mean = 0;
        for (int i = 0; i < 3; i++) {
            mean += pi[i] * lambda[i];
        }
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = pi[j] - q[i][j];
            }
        }
        double[][] inv = Matrices.inverse(a);
        double quad = 0; // pi L D L 1
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double d = inv[i][j] - pi[j];
                quad += pi[i] * lambda[i] * d * lambda[j];
            }
        }
        double idc = 1 + 2 * quad / mean;

        WindowCounts w = WindowCounts.of(open("mmpp", params, "mmpp3"), 0, 500, 1_200);
        assertRelative(mean, w.meanRate(), 0.015, "mean rate");
        assertRelative(idc, w.dispersion(), 0.16, "IDC");
    }

    /**
     * Hawkes with baseline mu = 5/s, branching n = 0.6, decay b = 2/s: stationary rate
     * mu / (1 - n) = 12.5/s; IDC(inf) = 1 / (1 - n)^2 = 6.25 (Hawkes, "Spectra of some
     * self-exciting and mutually exciting point processes", Biometrika 58, 1971). The covariance
     * density decays as exp(-k t) with k = b (1 - n) = 0.8/s, so over a window w
     * IDC(w) = 1 + (IDC(inf) - 1)(1 - (1 - exp(-k w)) / (k w)). Burn-in 100 s (80 decay times) from
     * the empty start. 2,500 windows of 200 s: N = 6.25e6, SE(rate) = sqrt(6.25 / 6.25e6) = 0.1%,
     * tolerance 1%; SE(IDC) = 2.8%, tolerance 12%.
     */
    @Test
    void hawkesMatchesStationaryRateAndDispersion() {
        double mu = 5;
        double n = 0.6;
        double b = 2;
        double k = b * (1 - n);
        double window = 200;
        double idcInf = 1 / ((1 - n) * (1 - n));
        double idc = 1 + (idcInf - 1) * (1 - (1 - Math.exp(-k * window)) / (k * window));
        WindowCounts w = WindowCounts.of(open("hawkes", Map.of("baseline", mu, "branching", n, "decay", b), "hawkes"),
                100, window, 2_500);
        assertRelative(mu / (1 - n), w.meanRate(), 0.01, "mean rate");
        assertRelative(idc, w.dispersion(), 0.12, "IDC");
    }

    @Test
    void hawkesWithoutExcitationIsPoisson() {
        // n = 0: Poisson at the baseline. 20,000 windows of 1 s at 30/s: tolerances as for Poisson.
        WindowCounts w = WindowCounts.of(open("hawkes", Map.of("baseline", 30.0, "branching", 0.0, "decay", 1.0),
                "hawkes0"), 0, 1, 20_000);
        assertRelative(30, w.meanRate(), 0.006, "mean rate");
        assertRelative(1, w.dispersion(), 0.05, "IDC");
    }

    /**
     * Sinusoidal rate 20 (1 + 0.8 cos(2 pi (t - 50) / 100)). Counts over whole periods are Poisson
     * with mean 20 x 100 = 2,000, so their IDC is 1 (3,000 periods: SE 2.6%, tolerance 11%) and the
     * mean rate is 20 (N = 6e6, SE 0.04%, tolerance 0.3%). Within the period, the expected share
     * of arrivals in [0, 50) is the integral of the rate over half a period:
     * (50 + 0.8 (100 / 2 pi)(sin(0) - sin(-pi))) / 100 = 0.5 exactly by symmetry, and in
     * [25, 75): 0.5 + 0.8 (2 / (2 pi)) = 0.7546.
     */
    @Test
    void diurnalFollowsItsRateProfile() {
        ArrivalCursor c = open("diurnal", Map.of("mean", 20.0, "amplitude", 0.8, "period", 100.0), "diurnal");
        long[] perPeriod = new long[3_000];
        long middle = 0;
        long total = 0;
        while (c.advance()) {
            double t = c.timeTicks() / 1e9;
            int p = (int) (t / 100);
            if (p >= perPeriod.length) {
                break;
            }
            perPeriod[p]++;
            double phase = t - 100 * p;
            total++;
            if (phase >= 25 && phase < 75) {
                middle++;
            }
        }
        double mean = total / (double) perPeriod.length;
        double ss = 0;
        for (long x : perPeriod) {
            ss += (x - mean) * (x - mean);
        }
        assertRelative(20, total / 300_000.0, 0.003, "mean rate");
        assertRelative(1, ss / (perPeriod.length - 1) / mean, 0.11, "IDC over whole periods");
        // Binomial share: SE = sqrt(0.75 x 0.25 / 6e6) = 0.00018; tolerance 0.001.
        assertEquals(0.5 + 0.8 / Math.PI, middle / (double) total, 0.001);
    }

    /**
     * Table 5/s on [0, 10), 50/s on [10, 30), 0 on [30, 35), 20/s on [35, 60), repeated every
     * 60 s. Expected per cycle: 50, 1,000, 0, 500. Over 2,000 cycles the counts per piece are
     * Poisson: piece 1 has mean 100,000 (SE 0.32%, tolerance 1.5%), the zero piece has none.
     */
    @Test
    void piecewiseFollowsItsTable() {
        Map<String, Double> params = Map.of("rate.0", 5.0, "at.1", 10.0, "rate.1", 50.0, "at.2", 30.0, "rate.2", 0.0,
                "at.3", 35.0, "rate.3", 20.0, "period", 60.0);
        ArrivalCursor c = open("piecewise", params, "piecewise");
        long[] perPiece = new long[4];
        double[] bounds = {10, 30, 35, 60};
        while (c.advance()) {
            double t = c.timeTicks() / 1e9;
            if (t >= 120_000) {
                break;
            }
            double phase = t % 60;
            int i = 0;
            while (phase >= bounds[i]) {
                i++;
            }
            perPiece[i]++;
        }
        assertRelative(100_000, perPiece[0], 0.015, "piece 0");
        assertRelative(2_000_000, perPiece[1], 0.015, "piece 1");
        assertEquals(0, perPiece[2], "piece 2 has rate 0");
        assertRelative(1_000_000, perPiece[3], 0.015, "piece 3");
    }

    @Test
    void piecewiseEndsWhereTheLastRateIsZero() {
        // 10/s for 100 s then 0 for ever: the stream ends after about 1,000 arrivals (Poisson, SE 32).
        ArrivalCursor c = open("piecewise", Map.of("rate.0", 10.0, "at.1", 100.0, "rate.1", 0.0), "piecewise-end");
        long n = 0;
        long last = 0;
        while (c.advance()) {
            n++;
            last = c.timeTicks();
        }
        assertTrue(last < 100_000_000_000L, "no arrival after 100 s");
        assertTrue(Math.abs(n - 1_000) < 160, "about 1,000 arrivals, got " + n);
    }

    /**
     * Base 10/s, x5 during [100, 150) of every 500 s. Over 1,000 cycles: 50 s x 50/s x 1,000 =
     * 2.5e6 arrivals inside spikes, 450 s x 10/s x 1,000 = 4.5e6 outside (Poisson, SE < 0.07%,
     * tolerance 0.5%).
     */
    @Test
    void flashCrowdMultipliesTheRateInItsWindows() {
        ArrivalCursor c = open("flash-crowd",
                Map.of("rate", 10.0, "factor", 5.0, "start", 100.0, "duration", 50.0, "period", 500.0), "flash");
        long inside = 0;
        long outside = 0;
        while (c.advance()) {
            double t = c.timeTicks() / 1e9;
            if (t >= 500_000) {
                break;
            }
            double s = (t - 100) % 500;
            if (t >= 100 && s < 50) {
                inside++;
            } else {
                outside++;
            }
        }
        assertRelative(2_500_000, inside, 0.005, "inside spikes");
        assertRelative(4_500_000, outside, 0.005, "outside spikes");
    }
}
