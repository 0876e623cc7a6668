package io.capsim.workloads.arrival;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.workload.ArrivalCursor;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Non-homogeneous Poisson arrivals by thinning (Lewis and Shedler, "Simulation of nonhomogeneous
 * Poisson processes by thinning", Naval Research Logistics Quarterly 26(3), 1979):
 *
 * <ol>
 *   <li>draw a candidate gap from the exponential distribution with rate {@code maxRate};
 *   <li>accept the candidate at time t with probability {@code rate(t) / maxRate};
 *   <li>repeat from 1 until a candidate is accepted.
 * </ol>
 *
 * The accepted points form a Poisson process with intensity {@code rate(t)}. Allocates nothing
 * per arrival.
 */
final class ThinningCursor implements ArrivalCursor {

    private final RateFunction rate;
    private final double maxRate;
    private final ContinuousSampler gap;
    private final ContinuousSampler uniform;
    private final String label;
    private double seconds;
    private long ticks;

    ThinningCursor(RateFunction rate, UniformRandomProvider rng, String label) {
        this.rate = rate;
        this.maxRate = rate.maxRate();
        this.gap = ZigguratSampler.Exponential.of(rng, 1 / maxRate);
        this.uniform = ContinuousUniformSampler.of(rng, 0, 1);
        this.label = label;
    }

    @Override
    public boolean advance() {
        double t = seconds;
        double end = rate.endSeconds();
        do {
            t += gap.sample();
            if (t >= end) {
                seconds = end;
                return false;
            }
        } while (uniform.sample() * maxRate >= rate.rate(t));
        seconds = t;
        double x = t * SimTime.SECOND;
        if (x >= 0x1p63) {
            return false;
        }
        ticks = (long) x;
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
