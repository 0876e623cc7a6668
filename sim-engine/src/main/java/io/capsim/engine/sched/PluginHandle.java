package io.capsim.engine.sched;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodEndReason;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.SchedulerHandle;
import java.util.List;

/** What a plugin may do to the scheduler that runs it: the {@link SchedulerHandle} of a {@link Scheduler}. */
final class PluginHandle implements SchedulerHandle {

    private final Scheduler s;

    PluginHandle(Scheduler scheduler) {
        this.s = scheduler;
    }

    @Override
    public ClusterView cluster() {
        return s.cluster;
    }

    @Override
    public long now() {
        return s.sim.now();
    }

    @Override
    public Code runFilters(CycleState cs, Pod pod, int node) {
        if (s.cluster.nodeRemoved(node)) {
            return Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
        }
        QueuedPod q = s.queuedOrNull(pod);
        Framework fw = q != null && q.pod == pod ? q.framework : s.framework(pod.spec().schedulerName());
        return (fw != null ? fw : s.framework()).runFilters(cs, pod, node, null);
    }

    @Override
    public long detach(Pod pod) {
        return s.cluster.detach(pod);
    }

    @Override
    public void reattach(Pod pod, int node, long deviceMask) {
        s.cluster.reattach(pod, node, deviceMask);
    }

    @Override
    public void preempt(Pod victim, Pod preemptor) {
        if (victim.phase() != PodPhase.RUNNING) {
            throw new IllegalStateException("cannot preempt " + victim + ": not running");
        }
        s.metrics.victims++;
        s.metrics.lostWorkTicks += s.sim.now() - victim.boundAt();
        s.cluster.end(victim, PodEndReason.PREEMPTED, s.sim.now());
    }

    @Override
    public List<Pod> waitingPods() {
        return s.waitingPods();
    }

    @Override
    public void allow(Pod pod) {
        QueuedPod q = s.queued(pod);
        if (!q.waiting) {
            throw new IllegalStateException(pod + " is not waiting at Permit");
        }
        q.waiting = false;
        s.stopWaiting(pod);
        s.invalidate(q);
        s.startBinding(q);
    }

    @Override
    public void reject(Pod pod, String plugin, String reason) {
        QueuedPod q = s.queued(pod);
        if (!q.waiting && pod.phase() != PodPhase.ASSUMED) {
            throw new IllegalStateException(pod + " is not assumed");
        }
        if (q.waiting) {
            q.waiting = false;
            s.stopWaiting(pod);
        }
        s.undo(q);
        s.unschedulable(q, false, plugin, plugin + ": " + reason);
        s.pendingChanged();
        s.wakeCycle();
    }

    @Override
    public void recordPreemption() {
        s.metrics.preemptions++;
    }

    @Override
    public void recordGangRejection() {
        s.metrics.gangRejections++;
    }
}
