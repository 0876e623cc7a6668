package io.capsim.engine.sched;

import io.capsim.engine.cluster.PodGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-scheduler's scheduling queue ({@code pkg/scheduler/backend/queue}): the active queue in
 * QueueSort order, the backoff queue ordered by backoff expiry, the unschedulable pods waiting for a
 * cluster event (or for {@code maxUnschedulable}), and the parked pods that no node can ever hold
 * (only a node joining moves them back). Queueing hints are not modelled: every unschedulable pod
 * moves on every cluster event.
 */
final class SchedulingQueue {

    private final PodHeap activeQ;
    private final PodHeap backoffQ = new PodHeap((a, b) -> a.backoffUntil < b.backoffUntil
            || (a.backoffUntil == b.backoffUntil && a.pod.id() < b.pod.id()));
    private final List<QueuedPod> unschedulable = new ArrayList<>();
    private final List<QueuedPod> parked = new ArrayList<>();

    SchedulingQueue(PodHeap.Order order) {
        this.activeQ = new PodHeap(order);
    }

    /** Pods pending: queued, backing off or unschedulable (not waiting at Permit, not parked). */
    int pendingCount() {
        return activeQ.size() + backoffQ.size() + unschedulable.size();
    }

    /** Pods that no node can hold. */
    int parkedCount() {
        return parked.size();
    }

    boolean hasActive() {
        return !activeQ.isEmpty();
    }

    /** Earliest backoff expiry, or Long.MAX_VALUE when none backs off. */
    long nextBackoffExpiry() {
        return backoffQ.isEmpty() ? Long.MAX_VALUE : backoffQ.peek().backoffUntil;
    }

    /** Adds to the active queue at {@code now}. */
    void activate(QueuedPod p, long now) {
        p.timestamp = now;
        activeQ.add(p);
    }

    /** The next pod to schedule, after moving expired backoffs to the active queue; null if none. */
    QueuedPod pop(long now) {
        while (!backoffQ.isEmpty() && backoffQ.peek().backoffUntil <= now) {
            QueuedPod p = backoffQ.poll();
            p.timestamp = now;
            activeQ.add(p);
        }
        return activeQ.poll();
    }

    /** Puts an unschedulable pod aside until a cluster event; it backs off until {@code backoffUntil}. */
    void addUnschedulable(QueuedPod p) {
        unschedulable.add(p);
        p.unschedIndex = unschedulable.size() - 1;
    }

    /** Parks a pod no node can ever hold. */
    void park(QueuedPod p) {
        p.parked = true;
        parked.add(p);
    }

    /** True if {@code p} is among the unschedulable pods. */
    boolean isUnschedulable(QueuedPod p) {
        return p.unschedIndex >= 0;
    }

    /** Moves one unschedulable pod back (to the active queue, or the backoff queue while it backs off). */
    void moveBack(QueuedPod p, long now) {
        removeUnschedulable(p);
        activeOrBackoff(p, now);
    }

    /** A cluster event: every unschedulable pod moves back. */
    void moveAllBack(long now) {
        for (QueuedPod p : unschedulable) {
            p.unschedIndex = -1;
            activeOrBackoff(p, now);
        }
        unschedulable.clear();
    }

    /** A node joined: parked pods become unschedulable pods (moved back with the next event). */
    void unpark() {
        for (QueuedPod p : parked) {
            p.parked = false;
            addUnschedulable(p);
        }
        parked.clear();
    }

    /** A new member of a gang may complete its quorum: its unschedulable peers move back. */
    void moveGroupMembers(PodGroup group, long now) {
        for (int k = unschedulable.size() - 1; k >= 0; k--) {
            QueuedPod q = unschedulable.get(k);
            PodGroup g = q.pod.spec().podGroup();
            if (g != null && g.name().equals(group.name())) {
                moveBack(q, now);
            }
        }
    }

    /** Removes a pod from wherever it waits (it was deleted); false if it was in no queue. */
    boolean remove(QueuedPod p) {
        if (activeQ.remove(p) || backoffQ.remove(p)) {
            return true;
        }
        if (p.unschedIndex >= 0) {
            removeUnschedulable(p);
            return true;
        }
        if (p.parked) {
            parked.remove(p);
            p.parked = false;
            return true;
        }
        return false;
    }

    /** Every pod still waiting in some queue (for the end-of-run report). */
    List<QueuedPod> allWaiting() {
        List<QueuedPod> out = new ArrayList<>(unschedulable);
        out.addAll(parked);
        return out;
    }

    private void activeOrBackoff(QueuedPod p, long now) {
        if (p.backoffUntil > now) {
            backoffQ.add(p);
        } else {
            p.timestamp = now;
            activeQ.add(p);
        }
    }

    private void removeUnschedulable(QueuedPod p) {
        int k = p.unschedIndex;
        QueuedPod last = unschedulable.remove(unschedulable.size() - 1);
        if (last != p) {
            unschedulable.set(k, last);
            last.unschedIndex = k;
        }
        p.unschedIndex = -1;
    }
}
