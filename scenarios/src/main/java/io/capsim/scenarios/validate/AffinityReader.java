package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.LabelRequirement;
import io.capsim.engine.cluster.LabelSelector;
import io.capsim.engine.cluster.NodeAffinity;
import io.capsim.engine.cluster.NodeSelectorTerm;
import io.capsim.engine.cluster.PodAffinity;
import io.capsim.engine.cluster.PodAffinityTerm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a pod template's {@code affinity}: {@code nodeAffinity} (required node selector terms and
 * weighted preferences), {@code podAffinity} and {@code podAntiAffinity} (required and weighted
 * terms with a label selector and a topology key), with Kubernetes' label syntax and operators.
 */
final class AffinityReader {

    private AffinityReader() {}

    static NodeAffinity nodeAffinity(Fields f) {
        List<NodeSelectorTerm> required = new ArrayList<>();
        YamlNode.MapNode req = f.map("requiredDuringSchedulingIgnoredDuringExecution", false);
        if (req != null) {
            Fields rf = new Fields(req, f.pathOf("requiredDuringSchedulingIgnoredDuringExecution"), f.problems());
            List<YamlNode.MapNode> terms = FieldLists.maps(rf, "nodeSelectorTerms");
            for (int k = 0; k < terms.size(); k++) {
                NodeSelectorTerm t = term(new Fields(terms.get(k), rf.pathOf("nodeSelectorTerms") + "[" + k + "]",
                        f.problems()));
                if (t != null) {
                    required.add(t);
                }
            }
            if (!rf.has("nodeSelectorTerms")) {
                rf.problem("nodeSelectorTerms", "is required (a list of terms, any of which may match)");
            } else if (terms.isEmpty() && rf.node("nodeSelectorTerms") instanceof YamlNode.ListNode) {
                rf.problem("nodeSelectorTerms", "must have at least one node selector term, as in Kubernetes");
            }
            rf.finish();
        }
        List<NodeAffinity.Preferred> preferred = new ArrayList<>();
        List<YamlNode.MapNode> prefs = FieldLists.maps(f, "preferredDuringSchedulingIgnoredDuringExecution");
        for (int k = 0; k < prefs.size(); k++) {
            Fields pf = new Fields(prefs.get(k), f.pathOf("preferredDuringSchedulingIgnoredDuringExecution") + "[" + k + "]",
                    f.problems());
            int w = (int) pf.integer("weight", true, 1, 1, 100);
            YamlNode.MapNode pref = pf.map("preference", true);
            NodeSelectorTerm t = pref == null ? null : term(new Fields(pref, pf.pathOf("preference"), f.problems()));
            pf.finish();
            if (t != null) {
                preferred.add(new NodeAffinity.Preferred(w, t));
            }
        }
        f.finish();
        return new NodeAffinity(required, preferred);
    }

    private static NodeSelectorTerm term(Fields f) {
        if (f.has("matchFields")) {
            f.problem("matchFields", "matchFields (metadata.name) is not supported; use matchExpressions on "
                    + "kubernetes.io/hostname");
        }
        int before = f.problemCount();
        List<LabelRequirement> reqs = requirements(f, "matchExpressions", true);
        f.finish();
        if (reqs.isEmpty()) {
            if (f.problemCount() == before) {
                f.problem("matchExpressions", (f.has("matchExpressions") ? "is empty" : "is missing")
                        + ": in Kubernetes an empty node selector term matches no node; give the term at least one"
                        + " requirement");
            }
            return null;
        }
        return new NodeSelectorTerm(reqs);
    }

    /** Requirements {key, operator, values}; Gt and Lt only for nodes. */
    private static List<LabelRequirement> requirements(Fields f, String key, boolean node) {
        List<LabelRequirement> out = new ArrayList<>();
        List<YamlNode.MapNode> items = FieldLists.maps(f, key);
        Set<String> ops = new LinkedHashSet<>(node ? List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")
                : List.of("In", "NotIn", "Exists", "DoesNotExist"));
        for (int k = 0; k < items.size(); k++) {
            Fields e = new Fields(items.get(k), f.pathOf(key) + "[" + k + "]", f.problems());
            int before = e.problemCount();
            String k8 = e.string("key", true, null, null, null);
            if (k8 != null && Labels.keyProblem(k8) != null) {
                e.problem("key", Labels.keyProblem(k8));
            }
            String op = e.choice("operator", true, null, ops);
            List<String> values = FieldLists.strings(e, "values");
            e.finish();
            if (e.problemCount() > before || k8 == null || op == null) {
                continue;
            }
            LabelRequirement.Operator o = switch (op) {
                case "In" -> LabelRequirement.Operator.IN;
                case "NotIn" -> LabelRequirement.Operator.NOT_IN;
                case "Exists" -> LabelRequirement.Operator.EXISTS;
                case "DoesNotExist" -> LabelRequirement.Operator.DOES_NOT_EXIST;
                case "Gt" -> LabelRequirement.Operator.GT;
                default -> LabelRequirement.Operator.LT;
            };
            if (o != LabelRequirement.Operator.GT && o != LabelRequirement.Operator.LT) {
                for (String v : values) {
                    String vp = Labels.valueProblem(v);
                    if (vp != null) {
                        e.problem("values", vp);
                    }
                }
            }
            try {
                out.add(new LabelRequirement(k8, o, values));
            } catch (IllegalArgumentException ex) {
                e.problem("values", ex.getMessage());
            }
        }
        return out;
    }

    static LabelSelector selector(Fields f, String key) {
        YamlNode.MapNode m = f.map(key, false);
        if (m == null) {
            return null;
        }
        Fields s = new Fields(m, f.pathOf(key), f.problems());
        Map<String, String> labels = FieldLists.labels(s, "matchLabels");
        List<LabelRequirement> reqs = requirements(s, "matchExpressions", false);
        s.finish();
        return new LabelSelector(labels, reqs);
    }

    static PodAffinity podAffinity(Fields f) {
        List<PodAffinityTerm> required = new ArrayList<>();
        List<YamlNode.MapNode> req = FieldLists.maps(f, "requiredDuringSchedulingIgnoredDuringExecution");
        for (int k = 0; k < req.size(); k++) {
            PodAffinityTerm t = podTerm(new Fields(req.get(k), f.pathOf("requiredDuringSchedulingIgnoredDuringExecution")
                    + "[" + k + "]", f.problems()));
            if (t != null) {
                required.add(t);
            }
        }
        List<PodAffinityTerm.Weighted> preferred = new ArrayList<>();
        List<YamlNode.MapNode> prefs = FieldLists.maps(f, "preferredDuringSchedulingIgnoredDuringExecution");
        for (int k = 0; k < prefs.size(); k++) {
            Fields pf = new Fields(prefs.get(k), f.pathOf("preferredDuringSchedulingIgnoredDuringExecution") + "[" + k + "]",
                    f.problems());
            int w = (int) pf.integer("weight", true, 1, 1, 100);
            YamlNode.MapNode term = pf.map("podAffinityTerm", true);
            PodAffinityTerm t = term == null ? null : podTerm(new Fields(term, pf.pathOf("podAffinityTerm"), f.problems()));
            pf.finish();
            if (t != null) {
                preferred.add(new PodAffinityTerm.Weighted(w, t));
            }
        }
        f.finish();
        return new PodAffinity(required, preferred);
    }

    private static PodAffinityTerm podTerm(Fields f) {
        int before = f.problemCount();
        LabelSelector s = selector(f, "labelSelector");
        String key = f.string("topologyKey", true, null, null, null);
        if (key != null && Labels.keyProblem(key) != null) {
            f.problem("topologyKey", Labels.keyProblem(key));
        }
        for (String unsupported : List.of("namespaces", "namespaceSelector", "matchLabelKeys", "mismatchLabelKeys")) {
            if (f.has(unsupported)) {
                f.problem(unsupported, "is not supported: capsim runs every pod in one namespace");
            }
        }
        f.finish();
        return f.problemCount() > before || key == null ? null : new PodAffinityTerm(s, key);
    }
}
