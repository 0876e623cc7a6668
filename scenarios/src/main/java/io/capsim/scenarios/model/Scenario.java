package io.capsim.scenarios.model;

import io.capsim.engine.cluster.NodePool;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.workloads.arrival.ProcessSpec;
import java.util.List;
import java.util.Objects;

/**
 * A validated scenario: everything needed for one run.
 *
 * @param name scenario name, safe as a folder name
 * @param seed master random seed
 * @param durationSeconds length of the run in virtual seconds, warm-up included
 * @param warmupSeconds start of the measured window, less than the duration
 * @param nodePools node pools, in file order
 * @param services services, in file order (also placement order)
 * @param arrivals arrival streams, in file order
 */
public record Scenario(
        String name,
        long seed,
        double durationSeconds,
        double warmupSeconds,
        List<NodePool> nodePools,
        List<ServiceSpec> services,
        List<ArrivalSpec> arrivals) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        nodePools = List.copyOf(nodePools);
        services = List.copyOf(services);
        arrivals = List.copyOf(arrivals);
    }

    /** The same scenario with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, durationSeconds, warmupSeconds, nodePools, services, arrivals);
    }

    /**
     * One stream of arrivals.
     *
     * @param name stream name; its random stream is {@code arrivals/<name>}
     * @param service target service
     * @param process the arrival process and its parameters
     */
    public record ArrivalSpec(String name, String service, ProcessSpec process) {
        public ArrivalSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(process, "process");
        }
    }
}
