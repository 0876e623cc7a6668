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
 * Homogeneous Poisson arrivals: independent exponential inter-arrival times with mean
 * {@code 1/rate}, drawn with Commons RNG's ziggurat exponential sampler.
 *
 * <p>Parameter {@code rate}: arrivals per second, in (0, 1e9].
 */
public final class PoissonProcess implements ArrivalProcess {

    /** Registered name. */
    public static final String NAME = "poisson";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Names.ordered("rate");
    }

    @Override
    public List<ParamProblem> validate(ProcessSpec spec) {
        List<ParamProblem> out = new ArrayList<>();
        if (!spec.has("rate")) {
            out.add(new ParamProblem("rate", "is required (arrivals per second)"));
        } else {
            double r = spec.get("rate");
            if (!(r > 0 && r <= 1e9)) {
                out.add(new ParamProblem("rate", r + " is not in (0, 1e9] arrivals per second"));
            }
        }
        return out;
    }

    @Override
    public ArrivalCursor open(ProcessSpec spec, UniformRandomProvider rng, String label) {
        List<ParamProblem> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(label + "." + problems.get(0).parameter() + ": "
                    + problems.get(0).message());
        }
        return new Cursor(ZigguratSampler.Exponential.of(rng, SimTime.SECOND / spec.get("rate")), label);
    }

    /** Times accumulate in double ticks so that rounding does not drift over long runs. */
    private static final class Cursor implements ArrivalCursor {
        private final ContinuousSampler gap;
        private final String label;
        private double time;
        private long ticks;

        Cursor(ContinuousSampler gap, String label) {
            this.gap = gap;
            this.label = label;
        }

        @Override
        public boolean advance() {
            time += gap.sample();
            ticks = (long) time;
            return ticks < Long.MAX_VALUE;
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
