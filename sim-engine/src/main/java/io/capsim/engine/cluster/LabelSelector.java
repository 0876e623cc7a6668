package io.capsim.engine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A label selector over pods, as Kubernetes' {@code metav1.LabelSelector}: every {@code
 * matchLabels} pair and every {@code matchExpressions} requirement must hold (AND). An empty
 * selector matches every pod; where Kubernetes treats an absent selector as matching nothing,
 * callers hold a {@code null} selector instead.
 *
 * @param matchLabels label key/value pairs that must all be present; copied, sorted by key
 * @param matchExpressions requirements with operators In, NotIn, Exists, DoesNotExist; copied
 */
public record LabelSelector(Map<String, String> matchLabels, List<LabelRequirement> matchExpressions) {

    /** Matches every pod. */
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public LabelSelector {
        matchLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(matchLabels)));
        matchExpressions = List.copyOf(matchExpressions);
        for (LabelRequirement r : matchExpressions) {
            if (r.operator() == LabelRequirement.Operator.GT || r.operator() == LabelRequirement.Operator.LT) {
                throw new IllegalArgumentException("a pod label selector takes In, NotIn, Exists or DoesNotExist, not "
                        + r.operator());
            }
        }
    }

    /** A selector of {@code matchLabels} only. */
    public static LabelSelector of(Map<String, String> matchLabels) {
        return new LabelSelector(matchLabels, List.of());
    }

    /** True if the labels satisfy every part of the selector. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelRequirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** True when the selector has no term (it matches everything). */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** The same selector with {@code key In (value)} added, as {@code matchLabelKeys} merges a pod's own labels. */
    public LabelSelector and(String key, String value) {
        java.util.ArrayList<LabelRequirement> ex = new java.util.ArrayList<>(matchExpressions);
        ex.add(LabelRequirement.in(key, value));
        return new LabelSelector(matchLabels, ex);
    }
}
