package io.capsim.scenarios;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.serving.FixedSlots;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.Usage;
import io.capsim.engine.workload.JobSpec;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.arrival.ProcessSpec;
import java.util.List;
import java.util.Map;

/** Builders of scenarios in code, for tests that do not need a YAML file. */
public final class Fixtures {

    private Fixtures() {}

    /** A service of {@code replicas} fixed-slot replicas, each requesting {@code cpuMillis} and {@code memoryMiB}. */
    public static ServiceSpec service(String name, int replicas, int concurrency, int queueCapacity, String routing,
            long cpuMillis, long memoryMiB, Usage usage, DistributionSpec serviceTime) {
        return new ServiceSpec(name, replicas, PodSpec.builder(name).requests(Resources.of(cpuMillis, memoryMiB))
                .labels(Map.of("app", name)).build(), FixedSlots.NAME, concurrency, queueCapacity, routing, usage,
                serviceTime, null, ServiceSpec.OnReplicaLoss.RETRY, 0);
    }

    /** A scenario with the default scheduler, no jobs and no priority classes. */
    public static Scenario scenario(String name, long seed, double durationSeconds, double warmupSeconds,
            List<NodePoolSpec> pools, List<ServiceSpec> services, List<Scenario.ArrivalSpec> arrivals) {
        return scenario(name, seed, durationSeconds, warmupSeconds, pools, services, List.of(), arrivals);
    }

    /** A scenario with the default scheduler and no priority classes. */
    public static Scenario scenario(String name, long seed, double durationSeconds, double warmupSeconds,
            List<NodePoolSpec> pools, List<ServiceSpec> services, List<JobSpec> jobs, List<Scenario.ArrivalSpec> arrivals) {
        return new Scenario(name, seed, durationSeconds, warmupSeconds, Math.max(1e-3, durationSeconds / 500), pools,
                List.of(), io.capsim.scenarios.validate.ScenarioReader.defaultScheduler(), services, jobs, arrivals);
    }

    /** Poisson arrivals at {@code rate} per second to service {@code service}. */
    public static Scenario.ArrivalSpec poisson(String name, String service, double rate) {
        return new Scenario.ArrivalSpec(name, service, new ProcessSpec("poisson", Map.of("rate", rate)));
    }
}
