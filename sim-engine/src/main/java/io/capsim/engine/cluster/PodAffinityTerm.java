package io.capsim.engine.cluster;

import java.util.Objects;

/**
 * One inter-pod (anti-)affinity term, as Kubernetes' {@code PodAffinityTerm}: the pods matching
 * {@code labelSelector}, grouped by the value of {@code topologyKey} on their nodes. All pods live
 * in one namespace in capsim, so namespaces and namespace selectors are not modelled.
 *
 * @param labelSelector pods the term is about; null matches no pod (as Kubernetes treats an absent
 *     selector)
 * @param topologyKey node label whose value defines a domain (for example {@code
 *     topology.kubernetes.io/zone} or {@code kubernetes.io/hostname}); non-empty
 */
public record PodAffinityTerm(LabelSelector labelSelector, String topologyKey) {

    public PodAffinityTerm {
        Objects.requireNonNull(topologyKey, "topologyKey");
        if (topologyKey.isEmpty()) {
            throw new IllegalArgumentException("topologyKey must not be empty");
        }
    }

    /** True if a pod with these labels is selected by the term. */
    public boolean selects(java.util.Map<String, String> podLabels) {
        return labelSelector != null && labelSelector.matches(podLabels);
    }

    /**
     * A preferred term with its weight.
     *
     * @param weight in [1, 100]
     * @param term the term
     */
    public record Weighted(int weight, PodAffinityTerm term) {
        public Weighted {
            if (weight < 1 || weight > 100) {
                throw new IllegalArgumentException("pod affinity weight " + weight + " is not in [1, 100]");
            }
            Objects.requireNonNull(term, "term");
        }
    }
}
