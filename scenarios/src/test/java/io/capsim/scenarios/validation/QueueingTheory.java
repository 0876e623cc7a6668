package io.capsim.scenarios.validation;

/**
 * Closed forms of classical queues, used as the oracle of the validation tests.
 * Rates per second, times in seconds.
 */
final class QueueingTheory {

    private QueueingTheory() {}

    /**
     * Erlang C: probability that an arrival waits in M/M/c, with offered load a = λ/μ < c.
     * Computed with the stable recurrence for Erlang B, B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)),
     * then C = B / (1 - ρ (1 - B)) with ρ = a/c.
     */
    static double erlangC(int c, double a) {
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        double rho = a / c;
        return b / (1 - rho * (1 - b));
    }

    /** M/M/c mean waiting time in queue: Wq = C(c, a) / (cμ - λ). */
    static double mmcMeanWait(int c, double lambda, double mu) {
        return erlangC(c, lambda / mu) / (c * mu - lambda);
    }

    /**
     * M/M/c FCFS response time T = W + S tail: P(T > t) = (1 - C) e^{-μt} + C P(E_θ + E_μ > t),
     * θ = cμ - λ, where the wait given waiting is Exp(θ) and the hypoexponential tail is
     * (θ e^{-μt} - μ e^{-θt}) / (θ - μ) (for θ ≠ μ; the limit t μ e^{-μt} + e^{-μt} otherwise).
     */
    static double mmcResponseTail(int c, double lambda, double mu, double t) {
        double C = erlangC(c, lambda / mu);
        double theta = c * mu - lambda;
        double hypo;
        if (Math.abs(theta - mu) < 1e-12 * mu) {
            hypo = (1 + mu * t) * Math.exp(-mu * t);
        } else {
            hypo = (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
        }
        return (1 - C) * Math.exp(-mu * t) + C * hypo;
    }

    /** The p-quantile of the M/M/c response time, by bisection on the tail. */
    static double mmcResponseQuantile(int c, double lambda, double mu, double p) {
        double lo = 0;
        double hi = 1;
        while (mmcResponseTail(c, lambda, mu, hi) > 1 - p) {
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (mmcResponseTail(c, lambda, mu, mid) > 1 - p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** M/D/1 mean wait (Pollaczek-Khinchine with zero service variance): Wq = ρ D / (2 (1 - ρ)). */
    static double md1MeanWait(double lambda, double d) {
        double rho = lambda * d;
        return rho * d / (2 * (1 - rho));
    }
}
