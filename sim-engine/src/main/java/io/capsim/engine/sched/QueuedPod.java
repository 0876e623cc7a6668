package io.capsim.engine.sched;

import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.QueuedPodInfo;

/** The scheduler's private state of one pod it has not bound yet. */
final class QueuedPod implements QueuedPodInfo {

    final Pod pod;
    final Framework framework;
    long timestamp;
    long initialAttempt;
    int attempts;
    long backoffUntil;
    int heapIndex = -1;
    int unschedIndex = -1;
    boolean parked;
    boolean waiting;
    /** Incremented whenever a pending event about this pod (flush, permit timeout, bind) must be ignored. */
    int generation;
    String lastFailure; // null until a cycle parks it; see CycleRunner.explainNow

    QueuedPod(Pod pod, Framework framework, long now) {
        this.pod = pod;
        this.framework = framework;
        this.timestamp = now;
        this.initialAttempt = now;
    }

    @Override
    public Pod pod() {
        return pod;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public long initialAttemptTimestamp() {
        return initialAttempt;
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return pod.toString();
    }
}
