package io.capsim.engine.cluster;

import java.util.Objects;

/**
 * Gang membership: pods of one group are bound all together or not at all.
 *
 * @param name group name, non-empty; pods with equal names form one gang
 * @param minMember members that must be placeable at once before any is bound, at least 1
 * @param timeoutTicks longest time a member waits at Permit for the others, ticks, at least 1
 */
public record PodGroup(String name, int minMember, long timeoutTicks) {

    public PodGroup {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("pod group name must not be empty");
        }
        if (minMember < 1) {
            throw new IllegalArgumentException("pod group " + name + ": minMember " + minMember + " < 1");
        }
        if (timeoutTicks < 1) {
            throw new IllegalArgumentException("pod group " + name + ": timeoutTicks " + timeoutTicks + " < 1");
        }
    }
}
