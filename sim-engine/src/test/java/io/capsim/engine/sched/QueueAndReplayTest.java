package io.capsim.engine.sched;

import io.capsim.engine.cluster.*;
import io.capsim.engine.sched.api.*;
import io.capsim.engine.sched.config.*;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.PodGroup;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueAndReplayTest {

    private static final long S = SimTime.SECOND;

    @Test
    void podsWaitForCapacityAndBindWhenItFrees() {
        // One node with 2 GPUs; three 1-GPU pods of 10 s arrive at 0: two run at once, the third binds
        // when the first leaves (10 s + 1 ms cycle), its creation-to-bind time about 10 s.
        Kit k = new Kit(Kit.gpuNodes(1, 32, 64, 2), BuiltInProfiles.kubernetesDefault(), SchedulerConfig.defaults());
        List<Kit.TestPod> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(k.submit(Kit.pod("p" + i, 1000, 1024, 1, 1000).durationTicks(10 * S).build(), 0));
        }
        k.sim.runUntil(60 * S);
        assertEquals(PodPhase.SUCCEEDED, ps.get(2).phase());
        assertEquals(10 * S + SimTime.MILLISECOND, ps.get(2).boundAt() - ps.get(2).createdAt(), SimTime.MILLISECOND * 3);
        assertEquals(3, k.scheduler.metrics().binds());
        assertEquals(1, k.scheduler.metrics().unschedulableAttempts());
        assertEquals(3, k.scheduler.metrics().creationToBindMicros().getTotalCount());
        assertTrue(k.scheduler.metrics().creationToBindMicros().getMaxValue() >= 10_000_000);
    }

    @Test
    void cycleCostBoundsThroughput() {
        // 100 small pods arrive together; at 10 ms per cycle the last binds after about 1 s.
        Kit k = new Kit(Kit.gpuNodes(4, 64, 256, 0), BuiltInProfiles.kubernetesDefault(),
                SchedulerConfig.defaults().withCycleCost(10 * SimTime.MILLISECOND));
        List<Kit.TestPod> ps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ps.add(k.submit(Kit.pod("p" + i, 100, 100, 0, 0).build(), 0));
        }
        k.sim.runUntil(5 * S);
        long last = ps.stream().mapToLong(Kit.TestPod::boundAt).max().orElseThrow();
        assertEquals(100 * 10 * SimTime.MILLISECOND, last);
        assertEquals(100, k.scheduler.metrics().cycles());
    }

    @Test
    void gangWaitsForItsMembersAndForCapacityHoldingNothing() {
        // One node with 2 GPUs. Gang g (a, b; minMember 2) binds at once.
        SchedulerProfile gang = GangSchedulingTest.gangProfile();
        Kit k = new Kit(Kit.gpuNodes(1, 32, 64, 2), gang, SchedulerConfig.defaults());
        PodGroup g = new PodGroup("g", 2, 5 * S);
        Kit.TestPod a = k.submit(Kit.pod("a", 1000, 1024, 1, 1000).podGroup(g).build(), 0);
        Kit.TestPod b = k.submit(Kit.pod("b", 1000, 1024, 1, 1000).podGroup(g).build(), 0);
        k.sim.runUntil(S);
        assertEquals(PodPhase.RUNNING, a.phase());
        assertEquals(PodPhase.RUNNING, b.phase());
        // Gang late (c, d; minMember 2): c alone is held back at PreFilter; with d, one GPU is free, so
        // c reserves and waits, d finds no node and its PostFilter rejects c: nothing is held.
        PodGroup late = new PodGroup("late", 2, 2 * S);
        k.delete(a);
        Kit.TestPod c = k.submit(Kit.pod("c", 1000, 1024, 1, 1000).podGroup(late).build(), 2 * S);
        k.sim.runUntil(3 * S);
        assertEquals(PodPhase.PENDING, c.phase(), "fewer than minMember pods exist");
        assertEquals(1000, k.cluster.gpuMilliUsedTotal());
        Kit.TestPod d = k.submit(Kit.pod("d", 1000, 1024, 1, 1000).podGroup(late).build(), 4 * S);
        k.sim.runUntil(10 * S);
        // c and d need 2 GPUs, only 1 is free: neither runs and nothing is held.
        assertEquals(PodPhase.PENDING, c.phase());
        assertEquals(PodPhase.PENDING, d.phase());
        assertEquals(1000, k.cluster.gpuMilliUsedTotal());
        assertTrue(k.scheduler.waitingPods().isEmpty());
        k.delete(b);
        k.sim.runUntil(20 * S);
        assertEquals(PodPhase.RUNNING, c.phase());
        assertEquals(PodPhase.RUNNING, d.phase());
        assertEquals(c.boundAt(), d.boundAt());
    }

    @Test
    void pendingPodCanBeDeleted() {
        Kit k = new Kit(Kit.gpuNodes(1, 8, 16, 0), BuiltInProfiles.kubernetesDefault(), SchedulerConfig.defaults());
        Kit.TestPod big = k.submit(Kit.pod("big", 8000, 1024, 0, 0).build(), 0);
        Kit.TestPod waiting = k.submit(Kit.pod("w", 8000, 1024, 0, 0).build(), 0);
        k.sim.runUntil(S);
        assertEquals(1, k.scheduler.pendingCount());
        k.delete(waiting);
        assertEquals(PodPhase.DELETED, waiting.phase());
        assertEquals(0, k.scheduler.pendingCount());
        k.delete(big);
        k.sim.runUntil(2 * S);
        assertEquals(PodPhase.DELETED, waiting.phase());
    }
}
