package io.capsim.engine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Required and preferred node affinity of a pod, as in Kubernetes' {@code NodeAffinity}.
 *
 * @param required terms of which at least one must match (OR); empty means no requirement
 * @param preferred weighted terms; a node's preference score is the sum of the weights of the terms
 *     it matches
 */
public record NodeAffinity(List<NodeSelectorTerm> required, List<Preferred> preferred) {

    /** No affinity. */
    public static final NodeAffinity NONE = new NodeAffinity(List.of(), List.of());

    /**
     * A preferred term.
     *
     * @param weight in [1, 100]
     * @param term the term
     */
    public record Preferred(int weight, NodeSelectorTerm term) {
        public Preferred {
            if (weight < 1 || weight > 100) {
                throw new IllegalArgumentException("preferred node affinity weight " + weight + " is not in [1, 100]");
            }
            Objects.requireNonNull(term, "term");
        }
    }

    public NodeAffinity {
        required = List.copyOf(required);
        preferred = List.copyOf(preferred);
    }

    /** True if there is no required term, or the labels match one of them. */
    public boolean requiredMatches(Map<String, String> labels) {
        if (required.isEmpty()) {
            return true;
        }
        for (NodeSelectorTerm t : required) {
            if (t.matches(labels)) {
                return true;
            }
        }
        return false;
    }

    /** Sum of the weights of matching preferred terms. */
    public long preferredWeight(Map<String, String> labels) {
        long s = 0;
        for (Preferred p : preferred) {
            if (p.term().matches(labels)) {
                s += p.weight();
            }
        }
        return s;
    }
}
