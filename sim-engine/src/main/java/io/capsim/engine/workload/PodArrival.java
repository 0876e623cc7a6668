package io.capsim.engine.workload;

import io.capsim.engine.cluster.PodSpec;
import java.util.Objects;

/**
 * A pod and the time it is created.
 *
 * @param spec the pod (its duration is how long it runs once bound)
 * @param creationTicks creation time, ticks from the start of the run, at least 0
 */
public record PodArrival(PodSpec spec, long creationTicks) {

    public PodArrival {
        Objects.requireNonNull(spec, "spec");
        if (creationTicks < 0) {
            throw new IllegalArgumentException("creationTicks " + creationTicks + " < 0");
        }
    }
}
