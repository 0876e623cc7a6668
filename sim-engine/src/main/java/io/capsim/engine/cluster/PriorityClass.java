package io.capsim.engine.cluster;

import java.util.List;
import java.util.Objects;

/**
 * A Kubernetes PriorityClass: pods naming it get its value as their priority and its preemption
 * policy.
 *
 * @param name class name
 * @param value priority; higher is more important; at most 1,000,000,000 for user classes
 * @param preemptionPolicy whether its pods may preempt lower-priority pods
 * @param globalDefault whether pods that name no class get this one (at most one class may)
 */
public record PriorityClass(String name, int value, PreemptionPolicy preemptionPolicy, boolean globalDefault) {

    /** Largest value of a user-defined class (Kubernetes' {@code HighestUserDefinablePriority}). */
    public static final int HIGHEST_USER_DEFINABLE = 1_000_000_000;

    /** Kubernetes' built-in classes, always present. */
    public static final List<PriorityClass> SYSTEM = List.of(
            new PriorityClass("system-cluster-critical", 2_000_000_000, PreemptionPolicy.PREEMPT_LOWER_PRIORITY, false),
            new PriorityClass("system-node-critical", 2_000_001_000, PreemptionPolicy.PREEMPT_LOWER_PRIORITY, false));

    public PriorityClass {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(preemptionPolicy, "preemptionPolicy");
    }
}
