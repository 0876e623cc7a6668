package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.serving.Routers;
import io.capsim.scenarios.Fixtures;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.Usage;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.arrival.ProcessSpec;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Invariants of the serving model for any routing, size and load. */
class ServingInvariantsTest {

    private static Scenario scenario(long seed, String routing, int replicas, int concurrency, int queueCapacity,
            double rate, double meanService, int nodes) {
        NodePoolSpec pool = NodePoolSpec.cpu("p", nodes, 4000, 8192);
        ServiceSpec svc = Fixtures.service("svc", replicas, concurrency, queueCapacity, routing, 1000, 1024,
                new Usage(100, 900.0 / concurrency, 512, 16), new DistributionSpec("exponential", Map.of("mean", meanService)));
        return Fixtures.scenario("inv", seed, 300, 30, List.of(pool), List.of(svc),
                List.of(new Scenario.ArrivalSpec("load", "svc", new ProcessSpec("poisson", Map.of("rate", rate)))));
    }

    @Property(tries = 60)
    void countsAddUpAndFractionsStayInRange(@ForAll @IntRange(min = 0, max = 4) int routingIndex,
            @ForAll @IntRange(min = 1, max = 6) int replicas, @ForAll @IntRange(min = 1, max = 4) int concurrency,
            @ForAll @IntRange(min = 0, max = 50) int queueCapacity, @ForAll @DoubleRange(min = 0.1, max = 40) double rate,
            @ForAll @IntRange(min = 1, max = 3) int nodes, @ForAll @IntRange(min = 1, max = 1000) int seed) {
        String routing = Routers.REGISTRY.names().get(routingIndex);
        RunResult r = ScenarioRunner.run(scenario(seed, routing, replicas, concurrency, queueCapacity, rate, 0.2, nodes));
        ServiceResult s = r.services().get(0);
        // ServiceResult's constructor checks arrived = completed + rejected + failed + unfinished; check the rest.
        int placed = Math.min(replicas, nodes * 4); // 4 replicas of 1 CPU fit on a 4-CPU node
        assertEquals(placed, s.replicasReadyAtEnd());
        assertEquals(0, s.failed(), "no replica is lost");
        assertTrue(s.replicasReadyMean() <= placed + 1e-9 && s.replicasReadyMean() > placed - 0.01,
                "ready " + s.replicasReadyMean() + " of " + placed + " placed within the warm-up");
        assertEquals(s.completed(), s.responseMicros().getTotalCount());
        assertTrue(s.slotUtilization() >= 0 && s.slotUtilization() <= 1 + 1e-9, "slot utilization " + s.slotUtilization());
        assertTrue(s.meanInService() <= (double) placed * concurrency + 1e-9);
        long maxWaiting = routing.equals(Routers.SHARED_QUEUE) ? queueCapacity : (long) queueCapacity * placed;
        assertTrue(s.meanQueueLength() <= maxWaiting + 1e-9, "queue " + s.meanQueueLength() + " > " + maxWaiting);
        if (queueCapacity == 0 && concurrency * placed == 1) {
            assertTrue(s.waitMicros().getMaxValue() == 0, "no queue: nobody waits");
        }
        assertTrue(r.cluster().cpuAllocated() <= 1 + 1e-12 && r.cluster().memoryAllocated() <= 1 + 1e-12);
        assertTrue(r.cluster().cpuUsed() >= 0 && r.cluster().memoryUsed() >= 0);
        if (s.completed() > 0) {
            assertTrue(s.meanResponseMs() >= s.meanWaitMs() - 1e-9 || s.meanWaitMs() != s.meanWaitMs());
        }
    }

    @Test
    void perReplicaQueuesWithOneReplicaAreTheSharedQueue() {
        // With a single replica every routing is the same FIFO queue: identical results.
        RunResult shared = ScenarioRunner.run(scenario(5, Routers.SHARED_QUEUE, 1, 2, 20, 8, 0.2, 1));
        RunResult rr = ScenarioRunner.run(scenario(5, Routers.ROUND_ROBIN, 1, 2, 20, 8, 0.2, 1));
        RunResult lo = ScenarioRunner.run(scenario(5, Routers.LEAST_OUTSTANDING, 1, 2, 20, 8, 0.2, 1));
        for (RunResult other : List.of(rr, lo)) {
            ServiceResult a = shared.services().get(0);
            ServiceResult b = other.services().get(0);
            assertEquals(a.completed(), b.completed());
            assertEquals(a.rejected(), b.rejected());
            assertEquals(a.meanResponseMs(), b.meanResponseMs());
            assertEquals(a.responseMicros(), b.responseMicros());
        }
    }

    @Test
    void leastOutstandingBeatsRoundRobinWhichLosesToASharedQueue() {
        // Same arrivals and service times (common random numbers): for the mean wait, one shared
        // queue is optimal, join-the-shortest-queue comes close, blind round-robin is worst.
        double shared = ScenarioRunner.run(scenario(9, Routers.SHARED_QUEUE, 4, 1, Integer.MAX_VALUE, 16, 0.2, 1))
                .services().get(0).meanWaitMs();
        double least = ScenarioRunner.run(scenario(9, Routers.LEAST_OUTSTANDING, 4, 1, Integer.MAX_VALUE, 16, 0.2, 1))
                .services().get(0).meanWaitMs();
        double rr = ScenarioRunner.run(scenario(9, Routers.ROUND_ROBIN, 4, 1, Integer.MAX_VALUE, 16, 0.2, 1))
                .services().get(0).meanWaitMs();
        assertTrue(shared < least && least < rr, "shared " + shared + ", least " + least + ", round-robin " + rr);
    }
}
