package io.capsim.workloads.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.cluster.NodePool;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.serving.Routing;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.ServingModel;
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
        ServiceSpec sd = new ServiceSpec("sd", 200, 1, Integer.MAX_VALUE, Routing.SHARED_QUEUE, 1000, 1024,
                new Usage(0, 1000, 0, 0), new DistributionSpec("constant", Map.of("value", 1.0)));
        ServingModel model = new ServingModel(List.of(new NodePool("gpu", 200, 8000, 65536)), List.of(sd),
                List.of(new ServingModel.Feed("sd", twoDays())), new RandomStreams(1), 0, TWO_DAYS + 3_600_000_000_000L);
        RunResult r = model.run();
        ServiceResult s = r.services().get(0);
        assertEquals(rows, s.arrived());
        assertEquals(rows, s.completed());
        assertEquals(0, s.meanWaitMs(), 1e-9);
        assertEquals(workSum / rows, s.meanResponseMs(), 1e-6);
    }
}
