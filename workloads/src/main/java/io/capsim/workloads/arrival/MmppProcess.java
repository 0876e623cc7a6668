package io.capsim.workloads.arrival;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.DistributionFactory.ParamProblem;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Markov-modulated Poisson process (MMPP) with n states: a continuous-time Markov chain moves
 * between states, and while in state i arrivals are Poisson with rate {@code rate.i}. The 2-state
 * ON/OFF burst model is {@code rate.0 = peak, rate.1 = 0} (or a low rate), {@code hold.0 = mean
 * burst length, hold.1 = mean gap}.
 *
 * <p>Parameters, for states i = 0 .. n-1 (2 &le; n &le; {@value #MAX_STATES}, consecutive):
 * {@code rate.i} arrivals per second in [0, 1e9]; {@code hold.i} mean sojourn in state i in seconds,
 * &gt; 0; optional {@code to.i.j} (&ge; 0) relative weights of jumping from i to j &ne; i, default
 * equal weights. The generator matrix is therefore Q[i][j] = w_ij / (hold_i sum_k w_ik). At least
 * one rate must be positive.
 *
 * <p>The chain starts in a state drawn from its stationary distribution, so counts are stationary
 * from time 0. Generation: while in state i with the next switch at time s, draw an exponential gap
 * with rate {@code rate.i}; if it ends before s it is an arrival, otherwise move to s, draw the next
 * state and its sojourn, and redraw (the exponential is memoryless). Allocates nothing per arrival.
 */
public final class MmppProcess implements ArrivalProcess {

    /** Registered name. */
    public static final String NAME = "mmpp";

    /** Most states. */
    public static final int MAX_STATES = 8;

    private static final Set<String> PARAMETERS;

    static {
        Set<String> p = new TreeSet<>();
        for (int i = 0; i < MAX_STATES; i++) {
            p.add("rate." + i);
            p.add("hold." + i);
            for (int j = 0; j < MAX_STATES; j++) {
                p.add("to." + i + "." + j); // to.i.i only as 0: a full matrix may be written
            }
        }
        PARAMETERS = Set.copyOf(p);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    private static int states(ProcessSpec spec) {
        return Params.indexedCount(spec, "rate", MAX_STATES);
    }

    @Override
    public List<ParamProblem> validate(ProcessSpec spec) {
        List<ParamProblem> out = new ArrayList<>();
        int n = states(spec);
        if (n < 2) {
            out.add(new ParamProblem("rate." + n, "is required: an MMPP needs at least 2 states"
                    + " (rate[0], rate[1], ... arrivals per second)"));
            return out;
        }
        boolean anyPositive = false;
        for (int i = 0; i < n; i++) {
            Params.range(spec, "rate." + i, 0, false, 1e9, false, "arrivals per second", out);
            Params.range(spec, "hold." + i, 0, true, 1e9, false, "seconds (mean sojourn in state " + i + ")", out);
            anyPositive |= spec.get("rate." + i) > 0;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    Params.optionalRange(spec, "to." + i + "." + j, 0, false, 1e9, false, "(relative weight)", out);
                    sum += weight(spec, i, j);
                }
            }
            String self = "to." + i + "." + i;
            if (spec.has(self) && spec.get(self) != 0) {
                out.add(new ParamProblem(self, spec.get(self) + " must be 0: a state does not jump to itself "
                        + "(the time spent in state " + i + " is " + ProcessSpec.shown("hold." + i) + ")"));
            }
            if (!(sum > 0)) {
                out.add(new ParamProblem("to." + i + "." + ((i + 1) % n),
                        "state " + i + " has no positive jump weight to another state"));
            }
        }
        for (String p : spec.params().keySet()) {
            if (p.startsWith("to.") || p.startsWith("hold.")) {
                String[] parts = p.split("\\.");
                for (int k = 1; k < parts.length; k++) {
                    if (!parts[k].matches("[0-9]") || Integer.parseInt(parts[k]) >= n) {
                        out.add(new ParamProblem(p, "refers to state " + parts[k] + " but only states 0.."
                                + (n - 1) + " have a rate"));
                        break;
                    }
                }
            }
        }
        if (!anyPositive) {
            out.add(new ParamProblem("rate.0", "at least one state must have a rate > 0"));
        }
        return out;
    }

    private static double weight(ProcessSpec spec, int i, int j) {
        String key = "to." + i + "." + j;
        return spec.has(key) ? spec.get(key) : 1;
    }

    /**
     * The generator matrix Q of the modulating chain, in 1/second: off-diagonal jump rates, rows
     * summing to 0.
     */
    public static double[][] generator(ProcessSpec spec) {
        int n = states(spec);
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum += weight(spec, i, j);
                }
            }
            double out = 1 / spec.get("hold." + i);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    q[i][j] = out * weight(spec, i, j) / sum;
                }
            }
            q[i][i] = -out;
        }
        return q;
    }

    /**
     * The stationary distribution pi of a generator matrix (pi Q = 0, sum pi = 1), by Gaussian
     * elimination with partial pivoting on Q transposed with one equation replaced by the
     * normalisation.
     */
    public static double[] stationary(double[][] q) {
        int n = q.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = q[j][i];
            }
        }
        for (int j = 0; j < n; j++) {
            a[n - 1][j] = 1;
        }
        a[n - 1][n] = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] pi = new double[n];
        for (int i = 0; i < n; i++) {
            pi[i] = a[i][n] / a[i][i];
        }
        return pi;
    }

    @Override
    public ArrivalCursor open(ProcessSpec spec, UniformRandomProvider rng, String label) {
        Params.check(validate(spec), label);
        int n = states(spec);
        double[][] q = generator(spec);
        double[] ratePerTick = new double[n];
        double[] holdTicks = new double[n];
        DiscreteSampler[] jump = new DiscreteSampler[n];
        for (int i = 0; i < n; i++) {
            ratePerTick[i] = spec.get("rate." + i) / SimTime.SECOND;
            holdTicks[i] = spec.get("hold." + i) * SimTime.SECOND;
            double[] w = new double[n];
            for (int j = 0; j < n; j++) {
                w[j] = j == i ? 0 : q[i][j];
            }
            jump[i] = AliasMethodDiscreteSampler.of(rng, w);
        }
        DiscreteSampler initial = AliasMethodDiscreteSampler.of(rng, stationary(q));
        return new Cursor(ratePerTick, holdTicks, jump, initial.sample(), ZigguratSampler.Exponential.of(rng), label);
    }

    private static final class Cursor implements ArrivalCursor {
        private final double[] ratePerTick;
        private final double[] holdTicks;
        private final DiscreteSampler[] jump;
        private final ContinuousSampler exp;
        private final String label;
        private int state;
        private double time;
        private double switchAt;
        private long ticks;

        Cursor(double[] ratePerTick, double[] holdTicks, DiscreteSampler[] jump, int state, ContinuousSampler exp,
                String label) {
            this.ratePerTick = ratePerTick;
            this.holdTicks = holdTicks;
            this.jump = jump;
            this.exp = exp;
            this.label = label;
            this.state = state;
            this.switchAt = exp.sample() * holdTicks[state];
        }

        @Override
        public boolean advance() {
            while (true) {
                double r = ratePerTick[state];
                if (r > 0) {
                    double t = time + exp.sample() / r;
                    if (t < switchAt) {
                        time = t;
                        break;
                    }
                }
                time = switchAt;
                state = jump[state].sample();
                switchAt = time + exp.sample() * holdTicks[state];
            }
            if (time >= 0x1p63) {
                return false;
            }
            ticks = (long) time;
            return true;
        }

        @Override
        public long timeTicks() {
            return ticks;
        }

        @Override
        public String origin() {
            return label;
        }

        /** The modulating chain's current state, for tests and diagnostics. */
        int state() {
            return state;
        }
    }
}
