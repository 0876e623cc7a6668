package io.capsim.engine.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An in-place resize changes a processor-sharing replica's speed in flight. */
class ProcessorSharingResizeTest {

    private static final long S = SimTime.SECOND;

    /** Records completion times; every request carries its own demand. */
    static final class Host implements ReplicaHost {
        final Simulator sim = new Simulator();
        final RequestTable table = new RequestTable();
        final List<Long> done = new ArrayList<>();
        double cores;

        @Override public Simulator sim() { return sim; }
        @Override public RequestTable requests() { return table; }
        @Override public long demandTicks(int request) { return table.work(request); }
        @Override public void started(int request, ReplicaEngine replica) {}
        @Override public void completed(int request, ReplicaEngine replica) { done.add(sim.now()); }
        @Override public void completed(int request, ReplicaEngine replica, long extraTicks) { completed(request, replica); }
        @Override public void refused(int request, ReplicaEngine replica) {}
        @Override public LlmMeter llm() { return null; }
        @Override public void queuedAtReplica(int delta) {}
        @Override public int nextShared(ReplicaEngine replica) { return -1; }
        @Override public void freed(ReplicaEngine replica) {}
        @Override public long schedule(long delayTicks, int request, ReplicaEngine replica) {
            return sim.scheduleAfter(delayTicks, replica, request, 0);
        }
        @Override public void cancel(long timer) { sim.cancel(timer); }
        @Override public void cpuInUse(double deltaCores) { cores += deltaCores; }
    }

    @Test
    void twoRequestsOnOneCoreSpeedUpWhenTheReplicaGrowsToTwo() {
        // Two requests of 2 CPU-seconds on 1 core progress at 1/2 each. At t = 1 s each has 0.5 s;
        // the replica grows to 2 cores: each now gets a whole core, so 1.5 s more: both end at 2.5 s
        // (without the resize they would end at 4 s).
        Host h = new Host();
        ProcessorSharing ps = new ProcessorSharing(h, 1.0, 1.0, 100, 100);
        ps.offer(h.table.add(0, 2 * S, -1, -1));
        ps.offer(h.table.add(0, 2 * S, -1, -1));
        h.sim.runUntil(S);
        assertEquals(1.0, h.cores, 1e-9);
        ps.resized(2.0);
        assertEquals(2.0, h.cores, 1e-9);
        h.sim.runUntil(10 * S);
        assertEquals(List.of(2_500_000_000L, 2_500_000_000L), h.done);
    }

    @Test
    void aShrinkSlowsTheRequestsInService() {
        // One request of 3 CPU-seconds on 2 cores runs at 1 (one core at most). At 1 s the replica
        // shrinks to 0.5 core: the remaining 2 s of work take 4 s: it ends at 5 s.
        Host h = new Host();
        ProcessorSharing ps = new ProcessorSharing(h, 1.0, 2.0, 100, 100);
        ps.offer(h.table.add(0, 3 * S, -1, -1));
        h.sim.runUntil(S);
        ps.resized(0.5);
        h.sim.runUntil(10 * S);
        assertEquals(List.of(5 * S), h.done);
        assertEquals(0.0, h.cores, 1e-9);
    }
}
