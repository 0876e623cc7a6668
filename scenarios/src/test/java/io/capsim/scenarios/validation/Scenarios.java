package io.capsim.scenarios.validation;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.serving.Routers;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.Usage;
import io.capsim.scenarios.Fixtures;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.arrival.ProcessSpec;
import java.util.List;
import java.util.Map;

/** Small builders of single-queue scenarios for the validation tests. */
final class Scenarios {

    private Scenarios() {}

    /**
     * One service of {@code c} replicas with concurrency 1 behind a shared FIFO queue, fed by
     * Poisson arrivals at {@code lambda} per second: an M/G/c queue with the given service time.
     */
    static Scenario singleQueue(String name, long seed, int c, double lambda, DistributionSpec serviceTime,
            double durationSeconds, double warmupSeconds) {
        // One replica per node, placed by the scheduler at time 0 (1 ms a cycle), long before the warm-up ends.
        NodePoolSpec pool = NodePoolSpec.cpu("pool", c, 1000, 1024);
        ServiceSpec svc = Fixtures.service("svc", c, 1, Integer.MAX_VALUE, Routers.SHARED_QUEUE, 1000, 1024,
                new Usage(0, 1000, 1024, 0), serviceTime);
        Scenario.ArrivalSpec arr = new Scenario.ArrivalSpec("load", "svc",
                new ProcessSpec("poisson", Map.of("rate", lambda)));
        return Fixtures.scenario(name, seed, durationSeconds, warmupSeconds, List.of(pool), List.of(svc), List.of(arr));
    }

    static DistributionSpec exponential(double mean) {
        return new DistributionSpec("exponential", Map.of("mean", mean));
    }

    static DistributionSpec constant(double value) {
        return new DistributionSpec("constant", Map.of("value", value));
    }
}
