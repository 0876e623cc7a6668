package io.capsim.engine.cluster;

import java.util.List;

/**
 * A pod's inter-pod affinity or anti-affinity (Kubernetes' {@code PodAffinity} and {@code
 * PodAntiAffinity}, which have the same shape).
 *
 * @param required terms that must all hold at scheduling time
 *     ({@code requiredDuringSchedulingIgnoredDuringExecution}); copied
 * @param preferred weighted terms ({@code preferredDuringSchedulingIgnoredDuringExecution}); copied
 */
public record PodAffinity(List<PodAffinityTerm> required, List<PodAffinityTerm.Weighted> preferred) {

    /** No terms. */
    public static final PodAffinity NONE = new PodAffinity(List.of(), List.of());

    public PodAffinity {
        required = List.copyOf(required);
        preferred = List.copyOf(preferred);
    }

    /** True when there is no term at all. */
    public boolean isEmpty() {
        return required.isEmpty() && preferred.isEmpty();
    }
}
