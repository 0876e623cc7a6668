package io.capsim.engine.cluster;

import java.util.List;
import java.util.Map;

/**
 * Requirements that must all hold (AND), as in Kubernetes' {@code NodeSelectorTerm}.
 *
 * @param requirements at least one requirement
 */
public record NodeSelectorTerm(List<LabelRequirement> requirements) {

    public NodeSelectorTerm {
        requirements = List.copyOf(requirements);
        if (requirements.isEmpty()) {
            throw new IllegalArgumentException("a node selector term needs at least one requirement");
        }
    }

    /** A term of the given requirements. */
    public static NodeSelectorTerm of(LabelRequirement... requirements) {
        return new NodeSelectorTerm(List.of(requirements));
    }

    /** True if every requirement matches. */
    public boolean matches(Map<String, String> labels) {
        for (LabelRequirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
