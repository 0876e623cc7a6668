package io.capsim.engine.sched;

import io.capsim.engine.cluster.*;
import io.capsim.engine.sched.api.*;
import io.capsim.engine.sched.config.*;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.PodGroup;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GangSchedulingTest {

    static SchedulerProfile gangProfile() {
        Plugins p = BuiltInProfiles.kubernetesDefaults().overlay(new Plugins(
                PluginSet.enable(BuiltInPlugins.COSCHEDULING),
                java.util.Map.of(ExtensionPoint.QUEUE_SORT, new PluginSet(List.of(), List.of(BuiltInPlugins.PRIORITY_SORT)))));
        return new SchedulerProfile("gang", p, List.of(), 100);
    }

    @Test
    void gangThatCannotFitBindsNoneHoldsNothingThenBindsTogether() {
        // 2 nodes x 4 GPUs = 8 GPUs; a blocker takes 2, so a gang of 8 one-GPU pods cannot all fit.
        Kit k = new Kit(Kit.gpuNodes(2, 32, 128, 4), gangProfile(), SchedulerConfig.defaults());
        Kit.TestPod blocker = k.submit(Kit.pod("blocker", 1000, 1024, 2, 1000).build(), 0);
        PodGroup g = new PodGroup("train", 8, 60 * SimTime.SECOND);
        List<Kit.TestPod> gang = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            gang.add(k.submit(Kit.pod("w" + i, 1000, 1024, 1, 1000).podGroup(g).build(), SimTime.MILLISECOND));
        }
        k.sim.runUntil(30 * SimTime.SECOND);

        assertEquals(PodPhase.RUNNING, blocker.phase());
        for (Kit.TestPod p : gang) {
            assertEquals(PodPhase.PENDING, p.phase(), p.toString());
            assertEquals(-1, p.node());
        }
        // Holds nothing: only the blocker's 2 GPUs are allocated, nobody waits at Permit.
        assertEquals(2000, k.cluster.gpuMilliUsedTotal());
        assertEquals(1000, k.cluster.cpuUsedTotal());
        assertTrue(k.scheduler.waitingPods().isEmpty());
        assertTrue(k.scheduler.metrics().gangRejections() >= 1);

        // Capacity frees: all 8 bind, at the same time, decided in the same cycle.
        k.delete(blocker);
        k.sim.runUntil(60 * SimTime.SECOND);
        long t = gang.get(0).boundAt();
        for (Kit.TestPod p : gang) {
            assertEquals(PodPhase.RUNNING, p.phase(), p.toString());
            assertEquals(t, p.boundAt(), p.toString());
        }
        assertEquals(8000, k.cluster.gpuMilliUsedTotal());
    }

    @Test
    void gangWaitsForMinMemberPodsToExist() {
        Kit k = new Kit(Kit.gpuNodes(2, 32, 128, 4), gangProfile(), SchedulerConfig.defaults());
        PodGroup g = new PodGroup("small", 3, 60 * SimTime.SECOND);
        Kit.TestPod a = k.submit(Kit.pod("a", 1000, 1024, 1, 1000).podGroup(g).build(), 0);
        Kit.TestPod b = k.submit(Kit.pod("b", 1000, 1024, 1, 1000).podGroup(g).build(), 0);
        k.sim.runUntil(SimTime.SECOND);
        assertEquals(PodPhase.PENDING, a.phase());
        assertEquals(PodPhase.PENDING, b.phase());
        assertEquals(0, k.cluster.gpuMilliUsedTotal());
        // The third member arrives: its waiting peers are retried with it.
        Kit.TestPod c = k.submit(Kit.pod("c", 1000, 1024, 1, 1000).podGroup(g).build(), 2 * SimTime.SECOND);
        k.sim.runUntil(10 * SimTime.SECOND);
        assertEquals(PodPhase.RUNNING, a.phase());
        assertEquals(PodPhase.RUNNING, b.phase());
        assertEquals(PodPhase.RUNNING, c.phase());
        assertEquals(a.boundAt(), b.boundAt());
        assertEquals(a.boundAt(), c.boundAt());
    }
}
