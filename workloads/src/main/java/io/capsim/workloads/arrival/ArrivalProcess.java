package io.capsim.workloads.arrival;

import io.capsim.engine.random.DistributionFactory.ParamProblem;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A synthetic arrival process, registered by {@link #name()} in {@link ArrivalProcesses#REGISTRY}.
 * It opens unbounded streams: the engine stops pulling at the end of the run.
 */
public interface ArrivalProcess {

    /** Registered name, for example {@code poisson}. */
    String name();

    /** Every parameter name the process accepts. */
    Set<String> parameters();

    /** Problems with the parameters; empty when valid. */
    List<ParamProblem> validate(ProcessSpec spec);

    /**
     * A stream of arrivals from time 0 drawing from {@code rng}.
     *
     * @param label names the stream in messages, for example {@code arrivals.web-traffic}
     * @throws IllegalArgumentException if {@link #validate} reports problems
     */
    ArrivalCursor open(ProcessSpec spec, UniformRandomProvider rng, String label);
}
