package io.capsim.engine.random;

import io.capsim.engine.kernel.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import io.capsim.engine.spi.Registry;

/**
 * The built-in duration distributions, registered by name. All parameters are in seconds except
 * the dimensionless {@code cv} and {@code sigma}.
 *
 * <ul>
 *   <li>{@code constant}: {@code value}.
 *   <li>{@code exponential}: {@code mean}; Commons RNG's ziggurat sampler (McFarland 2016).
 *   <li>{@code lognormal}: either {@code mean} and {@code cv} (coefficient of variation), or
 *       {@code median} and {@code sigma} (of the underlying normal).
 * </ul>
 */
public final class Distributions {

    /** Name of the constant distribution. */
    public static final String CONSTANT = "constant";
    /** Name of the exponential distribution. */
    public static final String EXPONENTIAL = "exponential";
    /** Name of the lognormal distribution. */
    public static final String LOGNORMAL = "lognormal";

    /** The built-ins, by name. */
    public static final Registry<DistributionFactory> REGISTRY = Registry.of(
            "distribution",
            List.of(new Constant(), new Exponential(), new LogNormal()),
            DistributionFactory::name);

    private Distributions() {}

    /** A sampler for {@code spec} drawing from {@code rng}. */
    public static DurationDistribution create(DistributionSpec spec, UniformRandomProvider rng) {
        DistributionFactory f = REGISTRY.find(spec.type())
                .orElseThrow(() -> new IllegalArgumentException(REGISTRY.unknownMessage(spec.type())));
        return f.create(spec, rng);
    }

    static long toTicks(double seconds) {
        double t = seconds * SimTime.SECOND;
        return t >= 0x1p62 ? (1L << 62) : (long) (t + 0.5);
    }

    private static void positive(DistributionSpec s, String p, List<DistributionFactory.ParamProblem> out) {
        double v = s.get(p);
        if (!(v > 0) || Double.isInfinite(v)) {
            out.add(new DistributionFactory.ParamProblem(p, v + " must be a finite value > 0"));
        }
    }

    private static void required(DistributionSpec s, String p, List<DistributionFactory.ParamProblem> out) {
        if (!s.has(p)) {
            out.add(new DistributionFactory.ParamProblem(p, "is required"));
        } else {
            positive(s, p, out);
        }
    }

    private static void check(DistributionFactory f, DistributionSpec spec) {
        List<DistributionFactory.ParamProblem> problems = f.validate(spec);
        if (!problems.isEmpty()) {
            DistributionFactory.ParamProblem p = problems.get(0);
            throw new IllegalArgumentException(f.name() + "." + p.parameter() + ": " + p.message());
        }
    }

    static final class Constant implements DistributionFactory {
        @Override
        public String name() {
            return CONSTANT;
        }

        @Override
        public Set<String> parameters() {
            return Set.of("value");
        }

        @Override
        public List<ParamProblem> validate(DistributionSpec spec) {
            List<ParamProblem> out = new ArrayList<>();
            required(spec, "value", out);
            return out;
        }

        @Override
        public DurationDistribution create(DistributionSpec spec, UniformRandomProvider rng) {
            check(this, spec);
            double value = spec.get("value");
            long ticks = toTicks(value);
            return new DurationDistribution() {
                @Override
                public long sampleTicks() {
                    return ticks;
                }

                @Override
                public double meanSeconds() {
                    return value;
                }
            };
        }
    }

    static final class Exponential implements DistributionFactory {
        @Override
        public String name() {
            return EXPONENTIAL;
        }

        @Override
        public Set<String> parameters() {
            return Set.of("mean");
        }

        @Override
        public List<ParamProblem> validate(DistributionSpec spec) {
            List<ParamProblem> out = new ArrayList<>();
            required(spec, "mean", out);
            return out;
        }

        @Override
        public DurationDistribution create(DistributionSpec spec, UniformRandomProvider rng) {
            check(this, spec);
            double mean = spec.get("mean");
            return new Sampled(ZigguratSampler.Exponential.of(rng, mean), mean);
        }
    }

    static final class LogNormal implements DistributionFactory {
        @Override
        public String name() {
            return LOGNORMAL;
        }

        @Override
        public Set<String> parameters() {
            return Set.of("mean", "cv", "median", "sigma");
        }

        @Override
        public boolean dimensionless(String parameter) {
            return parameter.equals("cv") || parameter.equals("sigma");
        }

        @Override
        public List<ParamProblem> validate(DistributionSpec spec) {
            List<ParamProblem> out = new ArrayList<>();
            boolean byMean = spec.has("mean") || spec.has("cv");
            boolean byMedian = spec.has("median") || spec.has("sigma");
            if (byMean && byMedian) {
                out.add(new ParamProblem(spec.has("median") ? "median" : "sigma",
                        "give either mean and cv, or median and sigma, not both"));
            } else if (byMedian) {
                required(spec, "median", out);
                required(spec, "sigma", out);
            } else {
                required(spec, "mean", out);
                required(spec, "cv", out);
            }
            return out;
        }

        @Override
        public DurationDistribution create(DistributionSpec spec, UniformRandomProvider rng) {
            check(this, spec);
            double mu;
            double sigma;
            if (spec.has("median")) {
                mu = Math.log(spec.get("median"));
                sigma = spec.get("sigma");
            } else {
                // mean = exp(mu + sigma^2/2), cv^2 = exp(sigma^2) - 1
                double cv = spec.get("cv");
                double s2 = Math.log1p(cv * cv);
                sigma = Math.sqrt(s2);
                mu = Math.log(spec.get("mean")) - s2 / 2;
            }
            double mean = Math.exp(mu + sigma * sigma / 2);
            return new Sampled(LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), mu, sigma), mean);
        }
    }

    private static final class Sampled implements DurationDistribution {
        private final ContinuousSampler sampler;
        private final double mean;

        Sampled(ContinuousSampler sampler, double mean) {
            this.sampler = sampler;
            this.mean = mean;
        }

        @Override
        public long sampleTicks() {
            return toTicks(sampler.sample());
        }

        @Override
        public double meanSeconds() {
            return mean;
        }
    }
}
