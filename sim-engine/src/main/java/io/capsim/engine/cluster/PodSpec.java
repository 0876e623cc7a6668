package io.capsim.engine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A pod as the scheduler and the kubelet see it (one container). Build with {@link
 * #builder(String)}.
 *
 * @param name pod name, non-empty
 * @param requests resource requests (what the scheduler reserves); a CPU or memory request of 0
 *     means the container sets none, unless named in {@code explicitZeroRequests}
 * @param limits resource limits, 0 meaning unset; each set CPU/memory limit is at least the request
 * @param priority PriorityClass value; higher is more important
 * @param preemptionPolicy whether the pod may preempt lower-priority pods
 * @param owner the controller that owns the pod
 * @param podGroup gang the pod belongs to, or null
 * @param labels pod labels; copied
 * @param nodeSelector labels a node must carry (all of them); copied
 * @param nodeAffinity required and preferred node affinity
 * @param podAffinity inter-pod affinity
 * @param podAntiAffinity inter-pod anti-affinity
 * @param topologySpreadConstraints spread constraints; copied
 * @param tolerations taints the pod tolerates; copied
 * @param gpuModels GPU models the pod accepts; empty accepts every model; copied
 * @param schedulerName the scheduler profile that schedules the pod, non-empty
 * @param durationTicks how long the container runs once started before it exits successfully,
 *     ticks; -1 runs until deleted
 * @param startupTicks time from bind to Ready (image pull, start-up), ticks, at least 0
 * @param explicitZeroRequests {@code cpu} and/or {@code memory} when the container sets that
 *     request explicitly to 0 (Kubernetes then counts 0 for scoring, where an unset request counts
 *     100m / 200 MiB); each named request must be 0; copied
 * @param resizePolicy whether an in-place resize of CPU or memory restarts the container
 */
public record PodSpec(
        String name,
        Resources requests,
        Resources limits,
        int priority,
        PreemptionPolicy preemptionPolicy,
        Owner owner,
        PodGroup podGroup,
        Map<String, String> labels,
        Map<String, String> nodeSelector,
        NodeAffinity nodeAffinity,
        PodAffinity podAffinity,
        PodAffinity podAntiAffinity,
        List<TopologySpreadConstraint> topologySpreadConstraints,
        List<Toleration> tolerations,
        Set<String> gpuModels,
        String schedulerName,
        long durationTicks,
        long startupTicks,
        Set<String> explicitZeroRequests,
        ResizePolicy resizePolicy) {

    /** kube-scheduler's default profile name, used by pods that name none. */
    public static final String DEFAULT_SCHEDULER = "default-scheduler";

    public PodSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(preemptionPolicy, "preemptionPolicy");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(nodeAffinity, "nodeAffinity");
        Objects.requireNonNull(podAffinity, "podAffinity");
        Objects.requireNonNull(podAntiAffinity, "podAntiAffinity");
        Objects.requireNonNull(schedulerName, "schedulerName");
        Objects.requireNonNull(resizePolicy, "resizePolicy");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("pod name must not be empty");
        }
        if (schedulerName.isEmpty()) {
            throw new IllegalArgumentException("pod " + name + ": schedulerName must not be empty");
        }
        if (limits.cpuMillis() > 0 && limits.cpuMillis() < requests.cpuMillis()) {
            throw new IllegalArgumentException("pod " + name + ": CPU limit " + limits.cpuMillis()
                    + "m is below the request " + requests.cpuMillis() + "m");
        }
        if (limits.memoryMiB() > 0 && limits.memoryMiB() < requests.memoryMiB()) {
            throw new IllegalArgumentException("pod " + name + ": memory limit " + limits.memoryMiB()
                    + " MiB is below the request " + requests.memoryMiB() + " MiB");
        }
        if (durationTicks < -1) {
            throw new IllegalArgumentException("pod " + name + ": durationTicks " + durationTicks + " < -1");
        }
        if (startupTicks < 0) {
            throw new IllegalArgumentException("pod " + name + ": startupTicks " + startupTicks + " < 0");
        }
        for (String r : explicitZeroRequests) {
            long v = switch (r) {
                case "cpu" -> requests.cpuMillis();
                case "memory" -> requests.memoryMiB();
                default -> throw new IllegalArgumentException("pod " + name + ": explicitZeroRequests: \"" + r
                        + "\" is not cpu or memory");
            };
            if (v != 0) {
                throw new IllegalArgumentException("pod " + name + ": explicitZeroRequests names " + r
                        + " but its request is " + v + ", not 0");
            }
        }
        explicitZeroRequests = java.util.Collections.unmodifiableSet(new TreeSet<>(explicitZeroRequests));
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        nodeSelector = java.util.Collections.unmodifiableMap(new TreeMap<>(nodeSelector));
        topologySpreadConstraints = List.copyOf(topologySpreadConstraints);
        tolerations = List.copyOf(tolerations);
        gpuModels = java.util.Collections.unmodifiableSet(new TreeSet<>(gpuModels));
    }

    /** QoS class derived from requests and limits. */
    public QosClass qosClass() {
        return QosClass.of(requests, limits);
    }

    /** True if the pod has inter-pod affinity or anti-affinity terms. */
    public boolean hasPodAffinityTerms() {
        return !podAffinity.isEmpty() || !podAntiAffinity.isEmpty();
    }

    /** A builder with defaults: no requests, priority 0, may preempt, default scheduler, runs until deleted. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder starting from this pod. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.requests = requests;
        b.limits = limits;
        b.priority = priority;
        b.preemptionPolicy = preemptionPolicy;
        b.owner = owner;
        b.podGroup = podGroup;
        b.labels = labels;
        b.nodeSelector = nodeSelector;
        b.nodeAffinity = nodeAffinity;
        b.podAffinity = podAffinity;
        b.podAntiAffinity = podAntiAffinity;
        b.topologySpreadConstraints = topologySpreadConstraints;
        b.tolerations = tolerations;
        b.gpuModels = gpuModels;
        b.schedulerName = schedulerName;
        b.durationTicks = durationTicks;
        b.startupTicks = startupTicks;
        b.explicitZeroRequests = explicitZeroRequests;
        b.resizePolicy = resizePolicy;
        return b;
    }

    /** Builds a {@link PodSpec}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private Resources requests = Resources.NONE;
        private Resources limits = Resources.NONE;
        private int priority;
        private PreemptionPolicy preemptionPolicy = PreemptionPolicy.PREEMPT_LOWER_PRIORITY;
        private Owner owner = Owner.NONE;
        private PodGroup podGroup;
        private Map<String, String> labels = Map.of();
        private Map<String, String> nodeSelector = Map.of();
        private NodeAffinity nodeAffinity = NodeAffinity.NONE;
        private PodAffinity podAffinity = PodAffinity.NONE;
        private PodAffinity podAntiAffinity = PodAffinity.NONE;
        private List<TopologySpreadConstraint> topologySpreadConstraints = List.of();
        private List<Toleration> tolerations = List.of();
        private Set<String> gpuModels = Set.of();
        private String schedulerName = DEFAULT_SCHEDULER;
        private long durationTicks = -1;
        private long startupTicks;
        private Set<String> explicitZeroRequests = Set.of();
        private ResizePolicy resizePolicy = ResizePolicy.NOT_REQUIRED;

        private Builder(String name) {
            this.name = name;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder requests(Resources v) { requests = v; return this; }
        public Builder limits(Resources v) { limits = v; return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder preemptionPolicy(PreemptionPolicy v) { preemptionPolicy = v; return this; }
        public Builder owner(Owner v) { owner = v; return this; }
        public Builder podGroup(PodGroup v) { podGroup = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder nodeSelector(Map<String, String> v) { nodeSelector = v; return this; }
        public Builder nodeAffinity(NodeAffinity v) { nodeAffinity = v; return this; }
        public Builder podAffinity(PodAffinity v) { podAffinity = v; return this; }
        public Builder podAntiAffinity(PodAffinity v) { podAntiAffinity = v; return this; }
        public Builder topologySpreadConstraints(List<TopologySpreadConstraint> v) { topologySpreadConstraints = v; return this; }
        public Builder tolerations(List<Toleration> v) { tolerations = v; return this; }
        public Builder gpuModels(Set<String> v) { gpuModels = v; return this; }
        public Builder schedulerName(String v) { schedulerName = v; return this; }
        public Builder durationTicks(long v) { durationTicks = v; return this; }
        public Builder startupTicks(long v) { startupTicks = v; return this; }
        public Builder explicitZeroRequests(Set<String> v) { explicitZeroRequests = v; return this; }
        public Builder resizePolicy(ResizePolicy v) { resizePolicy = v; return this; }

        /** The pod. @throws IllegalArgumentException if an invariant fails */
        public PodSpec build() {
            return new PodSpec(name, requests, limits, priority, preemptionPolicy, owner, podGroup, labels,
                    nodeSelector, nodeAffinity, podAffinity, podAntiAffinity, topologySpreadConstraints, tolerations,
                    gpuModels, schedulerName, durationTicks, startupTicks, explicitZeroRequests, resizePolicy);
        }
    }
}
