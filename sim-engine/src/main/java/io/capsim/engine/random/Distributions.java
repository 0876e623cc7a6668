package io.capsim.engine.random;

import io.capsim.engine.kernel.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;
import org.apache.commons.rng.sampling.distribution.InverseTransformParetoSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import io.capsim.engine.spi.Names;
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
 *   <li>{@code gamma}: either {@code shape} and {@code scale}, or {@code mean} and {@code cv}
 *       (then shape = 1/cv^2, scale = mean cv^2); Commons RNG's Ahrens-Dieter (shape &lt; 1) and
 *       Marsaglia-Tsang (shape &ge; 1) sampler.
 *   <li>{@code pareto}: {@code shape} (alpha &gt; 1, so that the mean is finite) and either
 *       {@code scale} (the minimum x_m) or {@code mean} (then x_m = mean (alpha - 1) / alpha);
 *       Commons RNG's inverse-transform Pareto sampler.
 *   <li>{@code bounded-pareto}: {@code lower}, {@code upper} (lower &lt; upper) and {@code shape}
 *       (alpha &gt; 0), sampled by inverting the truncated Pareto CDF
 *       F(x) = (1 - (L/x)^alpha) / (1 - (L/H)^alpha) on [L, H] (Harchol-Balter's B(k, p, alpha)).
 * </ul>
 *
 * <p>An empirical distribution resamples measured values; it needs data rather than numbers, so
 * it is built with {@link EmpiricalDistribution#of} instead of through the registry.
 */
public final class Distributions {

    /** Name of the constant distribution. */
    public static final String CONSTANT = "constant";
    /** Name of the exponential distribution. */
    public static final String EXPONENTIAL = "exponential";
    /** Name of the lognormal distribution. */
    public static final String LOGNORMAL = "lognormal";
    /** Name of the gamma distribution. */
    public static final String GAMMA = "gamma";
    /** Name of the Pareto (type I) distribution. */
    public static final String PARETO = "pareto";
    /** Name of the bounded (truncated) Pareto distribution. */
    public static final String BOUNDED_PARETO = "bounded-pareto";

    /** The built-ins, by name. */
    public static final Registry<DistributionFactory> REGISTRY = Registry.of(
            "distribution",
            List.of(new Constant(), new Exponential(), new LogNormal(), new Gamma(), new Pareto(),
                    new BoundedPareto()),
            DistributionFactory::name);

    private Distributions() {}

    /** A sampler for {@code spec} drawing from {@code rng}. */
    public static DurationDistribution create(DistributionSpec spec, UniformRandomProvider rng) {
        DistributionFactory f = REGISTRY.find(spec.type())
                .orElseThrow(() -> new IllegalArgumentException(REGISTRY.unknownMessage(spec.type())));
        return f.create(spec, rng);
    }

    static long toTicks(double seconds) {
        return roundTicks(seconds * SimTime.SECOND);
    }

    /** Ticks, rounded to the nearest and capped at 2^62. */
    private static long roundTicks(double t) {
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

    /**
     * Requires exactly one of two parameterisations, each a pair of positive parameters: the
     * first pair unless any parameter of the second is given.
     */
    private static void eitherPair(DistributionSpec s, String a1, String a2, String b1, String b2,
            List<DistributionFactory.ParamProblem> out) {
        boolean byA = s.has(a1) || s.has(a2);
        boolean byB = s.has(b1) || s.has(b2);
        if (byA && byB) {
            out.add(new DistributionFactory.ParamProblem(s.has(b1) ? b1 : b2,
                    "give either " + a1 + " and " + a2 + ", or " + b1 + " and " + b2 + ", not both"));
        } else if (byB) {
            required(s, b1, out);
            required(s, b2, out);
        } else {
            required(s, a1, out);
            required(s, a2, out);
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
            return Names.ordered("value");
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
            return Names.ordered("mean");
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
            return new Sampled(ZigguratSampler.Exponential.of(rng, mean * SimTime.SECOND), mean, true);
        }
    }

    static final class LogNormal implements DistributionFactory {
        @Override
        public String name() {
            return LOGNORMAL;
        }

        @Override
        public Set<String> parameters() {
            return Names.ordered("mean", "cv", "median", "sigma");
        }

        @Override
        public List<ParamProblem> validate(DistributionSpec spec) {
            List<ParamProblem> out = new ArrayList<>();
            eitherPair(spec, "mean", "cv", "median", "sigma", out);
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

    static final class Gamma implements DistributionFactory {
        @Override
        public String name() {
            return GAMMA;
        }

        @Override
        public Set<String> parameters() {
            return Names.ordered("shape", "scale", "mean", "cv");
        }

        @Override
        public List<ParamProblem> validate(DistributionSpec spec) {
            List<ParamProblem> out = new ArrayList<>();
            eitherPair(spec, "mean", "cv", "shape", "scale", out);
            return out;
        }

        @Override
        public DurationDistribution create(DistributionSpec spec, UniformRandomProvider rng) {
            check(this, spec);
            double shape;
            double scale;
            if (spec.has("shape")) {
                shape = spec.get("shape");
                scale = spec.get("scale");
            } else {
                // mean = shape * scale, cv^2 = 1 / shape
                double cv = spec.get("cv");
                shape = 1 / (cv * cv);
                scale = spec.get("mean") * cv * cv;
            }
            return new Sampled(AhrensDieterMarsagliaTsangGammaSampler.of(rng, shape, scale), shape * scale);
        }
    }

    static final class Pareto implements DistributionFactory {
        @Override
        public String name() {
            return PARETO;
        }

        @Override
        public Set<String> parameters() {
            return Names.ordered("shape", "scale", "mean");
        }

        @Override
        public List<ParamProblem> validate(DistributionSpec spec) {
            List<ParamProblem> out = new ArrayList<>();
            if (!spec.has("shape")) {
                out.add(new ParamProblem("shape", "is required"));
            } else {
                double a = spec.get("shape");
                if (!(a > 1) || Double.isInfinite(a)) {
                    out.add(new ParamProblem("shape", a + " must be a finite value > 1 (the mean is infinite"
                            + " for shape <= 1; use bounded-pareto for heavier tails)"));
                }
            }
            if (spec.has("scale") == spec.has("mean")) {
                out.add(new ParamProblem("scale", "give exactly one of scale (the minimum) and mean"));
            } else {
                required(spec, spec.has("scale") ? "scale" : "mean", out);
            }
            return out;
        }

        @Override
        public DurationDistribution create(DistributionSpec spec, UniformRandomProvider rng) {
            check(this, spec);
            double shape = spec.get("shape");
            // mean = shape * scale / (shape - 1)
            double scale = spec.has("scale") ? spec.get("scale") : spec.get("mean") * (shape - 1) / shape;
            return new Sampled(InverseTransformParetoSampler.of(rng, scale, shape), shape * scale / (shape - 1));
        }
    }

    static final class BoundedPareto implements DistributionFactory {
        @Override
        public String name() {
            return BOUNDED_PARETO;
        }

        @Override
        public Set<String> parameters() {
            return Names.ordered("lower", "upper", "shape");
        }

        @Override
        public List<ParamProblem> validate(DistributionSpec spec) {
            List<ParamProblem> out = new ArrayList<>();
            required(spec, "lower", out);
            required(spec, "upper", out);
            required(spec, "shape", out);
            if (out.isEmpty() && !(spec.get("lower") < spec.get("upper"))) {
                out.add(new ParamProblem("upper", spec.get("upper") + " must be > lower " + spec.get("lower")));
            }
            return out;
        }

        @Override
        public DurationDistribution create(DistributionSpec spec, UniformRandomProvider rng) {
            check(this, spec);
            double lower = spec.get("lower");
            double upper = spec.get("upper");
            double shape = spec.get("shape");
            ContinuousSampler u = ContinuousUniformSampler.of(rng, 0, 1);
            double tail = Math.pow(lower / upper, shape); // P(X > H) of the untruncated Pareto
            double invShape = 1 / shape;
            ContinuousSampler sampler = () -> {
                // Inverse CDF: x = L / (1 - u (1 - (L/H)^alpha))^(1/alpha), u in [0, 1)
                double x = lower / Math.pow(1 - u.sample() * (1 - tail), invShape);
                return Math.min(upper, Math.max(lower, x));
            };
            return new Sampled(sampler, boundedParetoMean(lower, upper, shape));
        }

        /** Mean of the Pareto with minimum L and shape alpha truncated to [L, H]. */
        static double boundedParetoMean(double lower, double upper, double shape) {
            double ratio = Math.log(upper / lower);
            if (Math.abs(shape - 1) < 1e-12) {
                return lower * ratio / (1 - lower / upper);
            }
            // E[X] = alpha L^alpha (L^(1-alpha) - H^(1-alpha)) / ((alpha - 1) (1 - (L/H)^alpha))
            double norm = 1 - Math.pow(lower / upper, shape);
            return shape * lower * (1 - Math.pow(lower / upper, shape - 1)) / ((shape - 1) * norm);
        }
    }

    private static final class Sampled implements DurationDistribution {
        private final ContinuousSampler sampler;
        private final double mean;
        private final boolean inTicks; // the sampler draws ticks (its scale was multiplied by a second once)

        Sampled(ContinuousSampler sampler, double mean) {
            this(sampler, mean, false);
        }

        Sampled(ContinuousSampler sampler, double mean, boolean inTicks) {
            this.sampler = sampler;
            this.mean = mean;
            this.inTicks = inTicks;
        }

        @Override
        public long sampleTicks() {
            double x = sampler.sample();
            // A sampler in ticks saves a multiply per draw, on the path from one event to the next.
            return inTicks ? roundTicks(x) : toTicks(x);
        }

        @Override
        public double meanSeconds() {
            return mean;
        }
    }
}
