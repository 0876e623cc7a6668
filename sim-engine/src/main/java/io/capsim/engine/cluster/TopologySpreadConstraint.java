package io.capsim.engine.cluster;

import java.util.List;
import java.util.Objects;

/**
 * How a pod's group is spread over topology domains, as Kubernetes' {@code
 * TopologySpreadConstraint}.
 *
 * @param maxSkew largest allowed difference between the matching pods in a domain and the global
 *     minimum, at least 1
 * @param topologyKey node label defining the domains, non-empty
 * @param whenUnsatisfiable {@code DoNotSchedule} (a filter) or {@code ScheduleAnyway} (a score)
 * @param labelSelector pods counted; null counts none
 * @param minDomains with DoNotSchedule, the number of domains below which the global minimum is
 *     taken as 0; null when unset (at least 1 when set)
 * @param nodeAffinityPolicy whether the pod's node affinity/selector limits the domains counted
 *     ({@code Honor}, the default) or not ({@code Ignore})
 * @param nodeTaintsPolicy whether untolerated node taints exclude nodes ({@code Honor}) or not
 *     ({@code Ignore}, the default)
 * @param matchLabelKeys pod label keys whose values (of the incoming pod) are added to the selector;
 *     copied
 */
public record TopologySpreadConstraint(
        int maxSkew,
        String topologyKey,
        WhenUnsatisfiable whenUnsatisfiable,
        LabelSelector labelSelector,
        Integer minDomains,
        Policy nodeAffinityPolicy,
        Policy nodeTaintsPolicy,
        List<String> matchLabelKeys) {

    /** What to do when the constraint cannot be satisfied. */
    public enum WhenUnsatisfiable {
        DO_NOT_SCHEDULE,
        SCHEDULE_ANYWAY
    }

    /** Node inclusion policy. */
    public enum Policy {
        HONOR,
        IGNORE
    }

    public TopologySpreadConstraint {
        Objects.requireNonNull(topologyKey, "topologyKey");
        Objects.requireNonNull(whenUnsatisfiable, "whenUnsatisfiable");
        Objects.requireNonNull(nodeAffinityPolicy, "nodeAffinityPolicy");
        Objects.requireNonNull(nodeTaintsPolicy, "nodeTaintsPolicy");
        matchLabelKeys = List.copyOf(matchLabelKeys);
        if (maxSkew < 1) {
            throw new IllegalArgumentException("maxSkew " + maxSkew + " < 1");
        }
        if (topologyKey.isEmpty()) {
            throw new IllegalArgumentException("topologyKey must not be empty");
        }
        if (minDomains != null && minDomains < 1) {
            throw new IllegalArgumentException("minDomains " + minDomains + " < 1");
        }
    }

    /** A constraint with Kubernetes' defaults for the optional fields. */
    public static TopologySpreadConstraint of(int maxSkew, String topologyKey, WhenUnsatisfiable when,
            LabelSelector selector) {
        return new TopologySpreadConstraint(maxSkew, topologyKey, when, selector, null, Policy.HONOR, Policy.IGNORE,
                List.of());
    }
}
