package io.capsim.engine.random;

import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Builds one named kind of {@link DurationDistribution} from its parameters. Registered by
 * {@link #name()} in {@link Distributions#REGISTRY}.
 */
public interface DistributionFactory {

    /** Registered name, for example {@code lognormal}. */
    String name();

    /** Every parameter name this distribution accepts. */
    Set<String> parameters();

    /**
     * True if the parameter is a plain number (such as a coefficient of variation); false if it is
     * a duration in seconds, which scenarios may also write with units ("250ms").
     */
    default boolean dimensionless(String parameter) {
        return DIMENSIONLESS.contains(parameter);
    }

    /**
     * Parameter names that are plain numbers in every built-in distribution: coefficient of
     * variation, the lognormal's sigma, and the shape of gamma and Pareto laws.
     */
    Set<String> DIMENSIONLESS = Set.of("cv", "sigma", "shape");

    /**
     * Problems with the parameters, each as {@code (parameter, message)}; empty when they are
     * valid. Unknown parameter names are checked by the caller against {@link #parameters()}.
     */
    List<ParamProblem> validate(DistributionSpec spec);

    /**
     * A sampler drawing from {@code rng}.
     *
     * @throws IllegalArgumentException if {@link #validate} reports problems
     */
    DurationDistribution create(DistributionSpec spec, UniformRandomProvider rng);

    /** One problem with one parameter. */
    record ParamProblem(String parameter, String message) {}
}
