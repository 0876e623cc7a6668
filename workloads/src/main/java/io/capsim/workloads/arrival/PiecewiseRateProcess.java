package io.capsim.workloads.arrival;

import io.capsim.engine.random.DistributionFactory.ParamProblem;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Non-homogeneous Poisson arrivals whose rate is piecewise constant, given as a table, generated
 * by thinning.
 *
 * <p>Parameters: rows {@code at.0, rate.0}, {@code at.1, rate.1}, ... (at most {@value #MAX_ROWS}
 * rows, consecutive indices from 0): row i sets the rate to {@code rate.i} arrivals per second
 * (&ge; 0) from {@code at.i} seconds on. {@code at.0} must be 0 and the {@code at.i} strictly
 * increasing. Optional {@code period} (seconds, greater than the last {@code at}) repeats the table
 * for ever; without it the last rate holds for ever, and if that rate is 0 the stream ends there.
 * At least one rate must be positive.
 */
public final class PiecewiseRateProcess implements ArrivalProcess {

    /** Registered name. */
    public static final String NAME = "piecewise";

    /** Most rows in a table. */
    public static final int MAX_ROWS = 64;

    private static final Set<String> PARAMETERS;

    static {
        Set<String> p = new TreeSet<>();
        p.add("period");
        for (int i = 0; i < MAX_ROWS; i++) {
            p.add("at." + i);
            p.add("rate." + i);
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

    /** Number of rows: the length of the run of consecutive {@code rate.i} from 0. */
    private static int rows(ProcessSpec spec) {
        return Params.indexedCount(spec, "rate", MAX_ROWS);
    }

    @Override
    public List<ParamProblem> validate(ProcessSpec spec) {
        List<ParamProblem> out = new ArrayList<>();
        int n = rows(spec);
        if (n == 0) {
            out.add(new ParamProblem("rate.0", "is required (arrivals per second from at[0] = 0)"));
            return out;
        }
        for (String p : spec.params().keySet()) {
            if (p.startsWith("rate.") || p.startsWith("at.")) {
                int i = index(p.substring(p.indexOf('.') + 1));
                if (i >= n) {
                    out.add(new ParamProblem(p, "row " + i + " has no " + ProcessSpec.shown("rate." + n) + " before it;"
                            + " rows must be numbered 0, 1, 2, ..."));
                }
            }
        }
        double prev = Double.NEGATIVE_INFINITY;
        boolean anyPositive = false;
        for (int i = 0; i < n; i++) {
            Params.range(spec, "rate." + i, 0, false, 1e9, false, "arrivals per second", out);
            anyPositive |= spec.get("rate." + i) > 0;
            String at = "at." + i;
            if (i == 0 && spec.has(at) && spec.get(at) != 0) {
                out.add(new ParamProblem(at, spec.get(at) + " must be 0 (the table starts at time 0)"));
            } else if (i > 0 && !spec.has(at)) {
                out.add(new ParamProblem(at, "is required (seconds from which " + ProcessSpec.shown("rate." + i) + " applies)"));
            } else if (i > 0 && !(spec.get(at) > prev)) {
                out.add(new ParamProblem(at, spec.get(at) + " must be greater than " + ProcessSpec.shown("at." + (i - 1)) + " = " + prev));
            }
            prev = i == 0 ? 0 : spec.get(at);
        }
        if (!anyPositive) {
            out.add(new ParamProblem("rate.0", "at least one rate must be > 0"));
        }
        if (spec.has("period") && !(spec.get("period") > prev && spec.get("period") <= 1e9)) {
            out.add(new ParamProblem("period", spec.get("period") + " must be greater than the last at ("
                    + prev + ") and at most 1e9 seconds"));
        }
        return out;
    }

    /** A row index, or MAX_ROWS when the suffix is not a number below MAX_ROWS. */
    private static int index(String suffix) {
        int i = 0;
        if (suffix.isEmpty() || suffix.length() > 2) {
            return MAX_ROWS;
        }
        for (int k = 0; k < suffix.length(); k++) {
            char c = suffix.charAt(k);
            if (c < '0' || c > '9') {
                return MAX_ROWS;
            }
            i = i * 10 + (c - '0');
        }
        return Math.min(i, MAX_ROWS);
    }

    @Override
    public ArrivalCursor open(ProcessSpec spec, UniformRandomProvider rng, String label) {
        Params.check(validate(spec), label);
        int n = rows(spec);
        double[] at = new double[n + 1];
        double[] rates = new double[n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            at[i] = i == 0 ? 0 : spec.get("at." + i);
            rates[i] = spec.get("rate." + i);
            max = Math.max(max, rates[i]);
        }
        double period = spec.has("period") ? spec.get("period") : Double.POSITIVE_INFINITY;
        at[n] = period;
        return new ThinningCursor(new Table(at, rates, max, period), rng, label);
    }

    /** The rate table; remembers the current row because query times only increase. */
    private static final class Table implements RateFunction {
        private final double[] at;
        private final double[] rates;
        private final double max;
        private final double period;
        private double cycleStart;
        private int row;

        Table(double[] at, double[] rates, double max, double period) {
            this.at = at;
            this.rates = rates;
            this.max = max;
            this.period = period;
        }

        @Override
        public double rate(double seconds) {
            double s = seconds - cycleStart;
            if (s >= period) {
                cycleStart += period * Math.floor(s / period);
                s = seconds - cycleStart;
                row = 0;
            }
            while (s >= at[row + 1]) {
                row++;
            }
            return rates[row];
        }

        @Override
        public double maxRate() {
            return max;
        }

        @Override
        public double endSeconds() {
            int last = rates.length - 1;
            return period == Double.POSITIVE_INFINITY && rates[last] == 0 ? at[last] : Double.POSITIVE_INFINITY;
        }
    }
}
