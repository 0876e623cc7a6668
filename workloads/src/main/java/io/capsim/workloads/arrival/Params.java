package io.capsim.workloads.arrival;

import io.capsim.engine.random.DistributionFactory.ParamProblem;
import java.util.List;

/** Parameter checks shared by the built-in processes; each adds at most one problem per parameter. */
final class Params {

    private Params() {}

    /** Requires {@code name} in [lo, hi] (inclusive unless a bound is open); {@code what} names the unit. */
    static void range(ProcessSpec spec, String name, double lo, boolean loOpen, double hi, boolean hiOpen,
            String what, List<ParamProblem> out) {
        if (!spec.has(name)) {
            out.add(new ParamProblem(name, "is required (" + what + ")"));
            return;
        }
        optionalRange(spec, name, lo, loOpen, hi, hiOpen, what, out);
    }

    /** As {@link #range} but only when the parameter is given. */
    static void optionalRange(ProcessSpec spec, String name, double lo, boolean loOpen, double hi, boolean hiOpen,
            String what, List<ParamProblem> out) {
        if (!spec.has(name)) {
            return;
        }
        double v = spec.get(name);
        boolean ok = (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        if (!ok) {
            out.add(new ParamProblem(name, v + " is not in " + (loOpen ? "(" : "[") + fmt(lo) + ", " + fmt(hi)
                    + (hiOpen ? ")" : "]") + " " + what));
        }
    }

    private static String fmt(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The length of the run of consecutive {@code prefix.0}, {@code prefix.1}, ... given, at most {@code max}. */
    static int indexedCount(ProcessSpec spec, String prefix, int max) {
        int n = 0;
        while (n < max && spec.has(prefix + "." + n)) {
            n++;
        }
        return n;
    }

    /** Throws the first problem as {@code label.param: message}. */
    static void check(List<ParamProblem> problems, String label) {
        if (!problems.isEmpty()) {
            ParamProblem p = problems.get(0);
            throw new IllegalArgumentException(label + "." + p.parameter() + ": " + p.message());
        }
    }
}
