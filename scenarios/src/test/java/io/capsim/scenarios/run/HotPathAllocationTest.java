package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.serving.Routers;
import io.capsim.scenarios.Fixtures;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.Usage;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.arrival.ProcessSpec;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The serving hot path (arrival stream, event list, queues, samplers, HdrHistogram recording)
 * allocates nothing per event: a run four times as long allocates what the short one does, give
 * or take the queues' growth to a longer run's deeper peak. Measured with the JVM's per-thread
 * allocation counter, which JIT compilation (on its own threads) does not touch.
 */
class HotPathAllocationTest {

    private static Scenario mm8(long seconds, String routing) {
        // M/M/8 at utilisation 0.9: 7.2 arrivals/s, exponential service with mean 1 s.
        NodePoolSpec pool = NodePoolSpec.cpu("p", 8, 1000, 1024);
        ServiceSpec svc = Fixtures.service("svc", 8, 1, 100_000, routing, 1000, 1024,
                new Usage(100, 900, 512, 16), new DistributionSpec("exponential", Map.of("mean", 1.0)));
        return Fixtures.scenario("alloc", 7, seconds, 10, List.of(pool), List.of(svc),
                List.of(new Scenario.ArrivalSpec("load", "svc", new ProcessSpec("poisson", Map.of("rate", 7.2)))));
    }

    /** Bytes allocated, events run, and the latency histograms' footprints (bytes) by service, response then wait. */
    private static long[] allocatedAndEvents(Scenario s) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        RunResult r = ScenarioRunner.run(s);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        long[] out = new long[2 + 2 * r.services().size()];
        out[0] = allocated;
        out[1] = r.eventsExecuted();
        for (int k = 0; k < r.services().size(); k++) {
            out[2 + 2 * k] = r.services().get(k).responseMicros().getEstimatedFootprintInBytes();
            out[3 + 2 * k] = r.services().get(k).waitMicros().getEstimatedFootprintInBytes();
        }
        return out;
    }

    /**
     * What a longer run may allocate for its larger extremes: a latency histogram that spans more
     * buckets (8 KiB each) was grown once, with its recorder's counts (four buckets more than
     * needed, copied whole). Logarithmic in the largest latency, not proportional to the events.
     */
    private static long rangeGrowth(long[] shortRun, long[] longRun) {
        long bytes = 0;
        for (int k = 2; k < longRun.length; k++) {
            if (longRun[k] > shortRun[k]) {
                bytes += (longRun[k] - shortRun[k]) + longRun[k] + 5 * 8192;
            }
        }
        return bytes;
    }

    @Test
    void aLongerRunAllocatesNoMorePerEvent() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        for (String routing : Routers.REGISTRY.names()) {
            allocatedAndEvents(mm8(20_000, routing)); // warm-up: class loading, first-time setup
            long[] shortRun = allocatedAndEvents(mm8(20_000, routing));
            long[] longRun = allocatedAndEvents(mm8(80_000, routing));
            long extraEvents = longRun[1] - shortRun[1]; // about 860,000
            long extraBytes = longRun[0] - shortRun[0] - rangeGrowth(shortRun, longRun);
            // One boxed long or one small object per event would be over 10 MB here; queue
            // growth to a deeper peak is a few kilobytes; the latency histograms' growth to larger
            // extremes is taken off (rangeGrowth).
            assertTrue(extraEvents > 800_000, "events " + extraEvents);
            assertTrue(extraBytes < 256 * 1024, routing + ": " + extraBytes + " more bytes for " + extraEvents
                    + " more events (" + (double) extraBytes / extraEvents + " per event)");
        }
    }
}
