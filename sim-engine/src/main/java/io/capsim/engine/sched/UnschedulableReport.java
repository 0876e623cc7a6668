package io.capsim.engine.sched;

/**
 * A pod that can never be scheduled on the cluster, reported once.
 *
 * @param pod pod name
 * @param time when it was found unschedulable, ticks
 * @param reason why, Kubernetes-style ({@code 0/3 nodes are available: ...})
 */
public record UnschedulableReport(String pod, long time, String reason) {}
