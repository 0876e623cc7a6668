package io.capsim.scenarios.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads lists and string maps below a {@link Fields} map, reporting every wrong type with its
 * location and path; wrong items are skipped (and reported), so readers go on and report all
 * problems at once.
 */
final class FieldLists {

    private FieldLists() {}

    /** The items of a list of maps under {@code key} (empty if absent); non-map items are reported. */
    static List<YamlNode.MapNode> maps(Fields f, String key) {
        YamlNode n = f.node(key);
        SchemaRecorder.field(f.pathPrefix(), key, SchemaRecorder.Kind.LIST_OF_MAPS, false);
        List<YamlNode.MapNode> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!(n instanceof YamlNode.ListNode l)) {
            f.problem(key, "expected a list of maps, found " + n.describe());
            return out;
        }
        for (int k = 0; k < l.items().size(); k++) {
            YamlNode item = l.items().get(k);
            if (item instanceof YamlNode.MapNode m) {
                out.add(m);
            } else {
                f.problemAt(item.location(), f.pathOf(key) + "[" + k + "]", "expected a map, found " + item.describe());
                out.add(new YamlNode.MapNode(item.location()));
            }
        }
        return out;
    }

    /** The strings of a list of scalars under {@code key} (empty if absent). */
    static List<String> strings(Fields f, String key) {
        YamlNode n = f.node(key);
        SchemaRecorder.field(f.pathPrefix(), key, SchemaRecorder.Kind.LIST_OF_STRINGS, false);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!(n instanceof YamlNode.ListNode l)) {
            f.problem(key, "expected a list of strings, found " + n.describe());
            return out;
        }
        for (int k = 0; k < l.items().size(); k++) {
            YamlNode item = l.items().get(k);
            if (item instanceof YamlNode.Scalar s && s.type() != YamlNode.ScalarType.NULL) {
                out.add(s.text());
            } else {
                f.problemAt(item.location(), f.pathOf(key) + "[" + k + "]", "expected a string, found " + item.describe());
            }
        }
        return out;
    }

    /**
     * A map of label keys to label values under {@code key} (empty if absent), each key and value
     * checked with Kubernetes' label syntax.
     */
    static Map<String, String> labels(Fields f, String key) {
        YamlNode n = f.node(key);
        SchemaRecorder.field(f.pathPrefix(), key, SchemaRecorder.Kind.LABELS, false);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!(n instanceof YamlNode.MapNode m)) {
            f.problem(key, "expected a map of label keys to values, found " + n.describe());
            return out;
        }
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            String k = e.getKey();
            String p = f.pathOf(key) + "." + k;
            String keyProblem = Labels.keyProblem(k);
            if (keyProblem != null) {
                f.problemAt(m.keyLocation(k), p, keyProblem);
                continue;
            }
            if (!(e.getValue() instanceof YamlNode.Scalar s) || s.type() == YamlNode.ScalarType.NULL) {
                f.problemAt(e.getValue().location(), p, "expected a label value (a string), found " + e.getValue().describe());
                continue;
            }
            String valueProblem = Labels.valueProblem(s.text());
            if (valueProblem != null) {
                f.problemAt(s.location(), p, valueProblem);
                continue;
            }
            out.put(k, s.text());
        }
        return out;
    }
}
