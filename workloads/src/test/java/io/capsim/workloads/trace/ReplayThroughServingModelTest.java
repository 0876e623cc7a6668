package io.capsim.workloads.trace;

import io.capsim.workloads.trace.builtin.TraceFormats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.run.ClusterSimulation;
import io.capsim.engine.run.RunSpec;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.serving.FixedSlots;
import io.capsim.engine.serving.Routers;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.Usage;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.transform.Transforms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The serving engine consumes a trace cursor as it is: the GenAI trace's first two days, with
 * each request's measured execution time as its service demand, into a service with far more
 * slots than requests in flight. No request waits, so the mean response time is exactly the mean
 * execution time of the replayed rows, and every row arrives and completes.
 */
class ReplayThroughServingModelTest {

    private static final long TWO_DAYS = 2 * 86_400 * 1_000_000_000L;

    private static ArrivalCursor twoDays() {
        return Transforms.window(TraceFormats.open("alibaba-genai-2026", Samples.path(Samples.GENAI),
                TraceOptions.defaults()), 0, TWO_DAYS, false);
    }

    @Test
    void measuredWorkDrivesTheService() {
        long rows = 0;
        double workSum = 0;
        try (ArrivalCursor c = twoDays()) {
            while (c.advance()) {
                rows++;
                workSum += c.workTicks() / 1e6;
            }
        }
        // 200 replicas, bound and ready at time 0 (scheduling cycles cost nothing here), before the
        // first arrival at time 0 (arrival streams run after other events of the same instant).
        ServiceSpec sd = new ServiceSpec("sd", 200, PodSpec.builder("sd").requests(Resources.of(1000, 1024)).build(),
                FixedSlots.NAME, 1, Integer.MAX_VALUE, Routers.SHARED_QUEUE, new Usage(0, 1000, 0, 0),
                new DistributionSpec("constant", Map.of("value", 1.0)), null, ServiceSpec.OnReplicaLoss.RETRY, 0);
        RunSpec spec = new RunSpec(List.of(NodePoolSpec.cpu("gpu", 200, 8000, 65536)),
                List.of(BuiltInProfiles.kubernetesDefault()), SchedulerConfig.defaults().withCycleCost(0),
                BuiltInPlugins.registry(), TargetWorkload.EMPTY, List.of(sd), List.of(),
                List.of(new RunSpec.Feed("trace", RunSpec.TargetKind.SERVICE, "sd", twoDays())), 0,
                TWO_DAYS + 3_600_000_000_000L, 60_000_000_000L, 1_000_000);
        RunResult r = new ClusterSimulation(spec, new RandomStreams(1)).run();
        ServiceResult s = r.services().get(0);
        assertEquals(rows, s.arrived());
        assertEquals(rows, s.completed());
        assertEquals(0, s.meanWaitMs(), 1e-9);
        assertEquals(workSum / rows, s.meanResponseMs(), 1e-6);
    }
}
