package io.capsim.engine.sched;

import io.capsim.engine.cluster.*;
import io.capsim.engine.sched.api.*;
import io.capsim.engine.sched.config.*;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.cluster.PreemptionPolicy;
import io.capsim.engine.kernel.SimTime;
import org.junit.jupiter.api.Test;

class PreemptionTest {

    @Test
    void highPriorityPodPreemptsMinimalSetOfLowerPriorityPods() {
        // n0: 4 GPUs holding mid (prio 10, 2 GPUs), low1 (prio 1, 1 GPU, started first), low2 (prio 1, 1 GPU).
        // n1: 4 GPUs holding big (prio 50, 4 GPUs).
        // A prio-100 pod needing 1 GPU: on n0 it needs one victim; reprieve keeps mid, then low1
        // (more important: earlier start), so low2 alone is preempted. n1 would need big (prio 50),
        // whose priority is higher than low2's, so n0 wins (pickOneNodeForPreemption: lowest highest
        // victim priority).
        Kit k = new Kit(Kit.gpuNodes(2, 32, 128, 4), BuiltInProfiles.kubernetesDefault().withPercentageOfNodesToScore(100),
                SchedulerConfig.defaults());
        long s = SimTime.SECOND;
        Kit.TestPod big = k.submit(Kit.pod("big", 1000, 1024, 4, 1000).priority(50).nodeSelector(Kit.on("n1")).build(), 0);
        k.sim.runUntil(s);
        Kit.TestPod mid = k.submit(Kit.pod("mid", 1000, 1024, 2, 1000).priority(10).nodeSelector(Kit.on("n0")).build(), s);
        Kit.TestPod low1 = k.submit(Kit.pod("low1", 1000, 1024, 1, 1000).priority(1).durationTicks(100 * s).build(), 2 * s);
        Kit.TestPod low2 = k.submit(Kit.pod("low2", 1000, 1024, 1, 1000).priority(1).durationTicks(50 * s).build(), 3 * s);
        k.sim.runUntil(10 * s);
        assertEquals(1, big.node());
        assertEquals(0, mid.node());
        assertEquals(0, low1.node());
        assertEquals(0, low2.node());

        Kit.TestPod high = k.submit(Kit.pod("high", 1000, 1024, 1, 1000).priority(100).build(), 10 * s);
        k.sim.runUntil(11 * s);
        assertEquals(PodPhase.RUNNING, high.phase());
        assertEquals(0, high.node());
        // The victim is deleted (a bare pod: nobody recreates it); its owner's controller would.
        assertEquals(PodPhase.DELETED, low2.phase());
        assertEquals(PodEndReason.PREEMPTED, low2.endReason());
        assertEquals(PodPhase.RUNNING, low1.phase());
        assertEquals(PodPhase.RUNNING, mid.phase());
        assertEquals(PodPhase.RUNNING, big.phase());
        assertEquals(1, k.scheduler.metrics().preemptions());
        assertEquals(1, k.scheduler.metrics().victims());
        // low1 runs to its end, undisturbed.
        k.sim.runUntil(120 * s);
        assertEquals(PodPhase.SUCCEEDED, low1.phase());
    }

    @Test
    void preemptionPolicyNeverPreemptsNothing() {
        Kit k = new Kit(Kit.gpuNodes(1, 32, 128, 1), BuiltInProfiles.kubernetesDefault(), SchedulerConfig.defaults());
        Kit.TestPod low = k.submit(Kit.pod("low", 1000, 1024, 1, 1000).priority(1).build(), 0);
        Kit.TestPod high = k.submit(Kit.pod("high", 1000, 1024, 1, 1000).priority(100)
                .preemptionPolicy(PreemptionPolicy.NEVER).build(), SimTime.SECOND);
        k.sim.runUntil(5 * SimTime.SECOND);
        assertEquals(PodPhase.RUNNING, low.phase());
        assertEquals(PodPhase.PENDING, high.phase());
        assertEquals(0, k.scheduler.metrics().victims());
    }
}
