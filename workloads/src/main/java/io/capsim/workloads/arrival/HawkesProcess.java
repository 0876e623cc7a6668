package io.capsim.workloads.arrival;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.DistributionFactory.ParamProblem;
import io.capsim.engine.spi.Names;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Self-exciting (Hawkes) arrivals with an exponential kernel: the intensity is
 * {@code lambda(t) = baseline + sum over past arrivals t_i of alpha exp(-decay (t - t_i))} with
 * {@code alpha = branching * decay}, so each arrival triggers on average {@code branching} further
 * arrivals. The stationary rate is {@code baseline / (1 - branching)} and the index of dispersion
 * of counts over long windows tends to {@code 1 / (1 - branching)^2}.
 *
 * <p>Parameters: {@code baseline} arrivals per second in (0, 1e9]; {@code branching} in [0, 1)
 * (the branching ratio n; 0 is Poisson); {@code decay} per second in (0, 1e9] (1/decay is the mean
 * delay of a triggered arrival after its parent).
 *
 * <p>The stream starts with an empty history (intensity {@code baseline}), so its rate rises to
 * the stationary rate over a few multiples of {@code 1 / (decay (1 - branching))} seconds.
 *
 * <p>Generation is exact, without thinning, by Dassios and Zhao, "Exact simulation of Hawkes
 * process with exponentially decaying intensity", Electron. Commun. Probab. 18 (2013), no. 62.
 * With e = lambda(T_k+) - baseline the excess intensity just after the k-th arrival:
 *
 * <ol>
 *   <li>draw E1 ~ Exp(1); if D = 1 - decay E1 / e &gt; 0, the next self-excited candidate is
 *       S1 = -ln(D) / decay, else S1 = infinity;
 *   <li>draw E2 ~ Exp(1); the next baseline candidate is S2 = E2 / baseline;
 *   <li>the gap is min(S1, S2); the excess decays to e exp(-decay gap) and then jumps by alpha.
 * </ol>
 *
 * Allocates nothing per arrival.
 */
public final class HawkesProcess implements ArrivalProcess {

    /** Registered name. */
    public static final String NAME = "hawkes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Names.ordered("baseline", "branching", "decay");
    }

    @Override
    public List<ParamProblem> validate(ProcessSpec spec) {
        List<ParamProblem> out = new ArrayList<>();
        Params.range(spec, "baseline", 0, true, 1e9, false, "arrivals per second", out);
        Params.range(spec, "branching", 0, false, 1, true, "(mean arrivals triggered by each arrival)", out);
        Params.range(spec, "decay", 0, true, 1e9, false, "per second", out);
        return out;
    }

    @Override
    public ArrivalCursor open(ProcessSpec spec, UniformRandomProvider rng, String label) {
        Params.check(validate(spec), label);
        double baseline = spec.get("baseline");
        double decay = spec.get("decay");
        double alpha = spec.get("branching") * decay;
        return new Cursor(baseline, alpha, decay, ZigguratSampler.Exponential.of(rng), label);
    }

    /** Works in seconds; times are converted to ticks on output. */
    private static final class Cursor implements ArrivalCursor {
        private final double baseline;
        private final double alpha;
        private final double decay;
        private final ContinuousSampler exp;
        private final String label;
        private double seconds;
        private double excess;
        private long ticks;

        Cursor(double baseline, double alpha, double decay, ContinuousSampler exp, String label) {
            this.baseline = baseline;
            this.alpha = alpha;
            this.decay = decay;
            this.exp = exp;
            this.label = label;
        }

        @Override
        public boolean advance() {
            double s1 = Double.POSITIVE_INFINITY;
            if (excess > 0) {
                double d = 1 - decay * exp.sample() / excess;
                if (d > 0) {
                    s1 = -Math.log(d) / decay;
                }
            }
            double s2 = exp.sample() / baseline;
            double gap = Math.min(s1, s2);
            excess = excess * Math.exp(-decay * gap) + alpha;
            seconds += gap;
            double t = seconds * SimTime.SECOND;
            if (t >= 0x1p63) {
                return false;
            }
            ticks = (long) t;
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
    }
}
