package io.capsim.scenarios.validate;

import io.capsim.engine.spi.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code --set PATH=VALUE}: overrides applied to the scenario tree before it is read. */
final class ScenarioOverrides {

    private ScenarioOverrides() {}

    /** The maps keyed by name at the top of a serving scenario, and what they hold. */
    static final Map<String, String> NAMED_MAPS = Map.of(
            "nodePools", "node pool", "services", "service", "arrivals", "arrival stream");

    /**
     * Applies one {@code PATH=VALUE} override to the tree, creating missing maps and lists on the
     * way. A path is dot-separated field names, each optionally followed by list indices, as in
     * the paths of capsim's messages:
     * {@code scheduler.configuration.profiles[0].percentageOfNodesToScore}. A map key that holds a
     * dot or a bracket (a label key such as {@code kubernetes.io/arch}) is written in brackets and
     * double quotes, as jq and yq write it: {@code services.web.nodeSelector["kubernetes.io/arch"]}
     * (a {@code "} or {@code \} in it preceded by {@code \}). An index may be one
     * past a list's last item, which appends an item. A value of {@code null} removes the field or
     * the list item (an item that is not there is a problem), remembering where, so that a message
     * about a missing field, or about the shortened list, names this override.
     *
     * @param misspelt where to note a pool, service or arrival stream this override creates under
     *     a name close to an existing one (by path, with the problem to report if the new entry
     *     turns out invalid: then it was a misspelling, not a new entry)
     * @param splitKeys where to note a map this override creates from a key that its dots split
     *     ({@code nodeSelector.example.com/tier=gold} makes {@code example: {com/tier: gold}}): by
     *     the map's path, what to add to a problem there (how to write the key whole)
     */
    static void applyOverride(YamlNode.MapNode root, String override, Problems problems,
            Map<String, Problem> misspelt, Map<String, String> splitKeys) {
        String source = "--set " + override;
        Location at = Location.of(source);
        int eq = override.indexOf('=');
        if (eq <= 0) {
            problems.add(at, "", "expected PATH=VALUE, such as services.web.replicas=4");
            return;
        }
        String path = override.substring(0, eq).trim();
        List<Object> steps = steps(path); // field names (String) and list indices (Integer)
        if (steps == null) {
            problems.add(at, path, PATH_FORMS);
            return;
        }
        YamlNode value;
        try {
            value = YamlTree.parseValue(override.substring(eq + 1), source, ReadContext.current().limits());
        } catch (ScenarioException e) {
            problems.add(at, path, e.problems().get(0).message());
            return;
        }
        YamlNode parent = root;
        YamlNode grand = null; // parent's parent, and the step from it to parent
        Object grandStep = null;
        StringBuilder walked = new StringBuilder(); // the path up to parent
        for (int i = 0; i < steps.size() - 1; i++) {
            Object step = steps.get(i);
            String problem = typeProblem(parent, step, walked);
            if (problem != null) {
                problems.add(at, path, problem);
                return;
            }
            if (i == 1 && parent == root.get((String) steps.get(0)) && step instanceof String name) {
                noteMisspelt((String) steps.get(0), name, (YamlNode.MapNode) parent, at, misspelt);
            }
            YamlNode child = get(parent, step);
            if (child == null) {
                if (step instanceof Integer k && k > ((YamlNode.ListNode) parent).items().size()) {
                    problems.add(at, path, pastEnd(walked, k, (YamlNode.ListNode) parent));
                    return;
                }
                child = steps.get(i + 1) instanceof Integer ? new YamlNode.ListNode(at) : new YamlNode.MapNode(at);
                put(parent, step, child, at);
                noteSplitKey(steps, i, walked, splitKeys);
            }
            append(walked, step);
            grand = parent;
            grandStep = step;
            parent = child;
        }
        Object last = steps.get(steps.size() - 1);
        String problem = typeProblem(parent, last, walked);
        if (problem != null) {
            problems.add(at, path, problem);
            return;
        }
        YamlNode old = get(parent, last);
        boolean remove = value instanceof YamlNode.Scalar sc && sc.type() == YamlNode.ScalarType.NULL;
        if (last instanceof Integer k && old == null && (remove || k > ((YamlNode.ListNode) parent).items().size())) {
            int n = ((YamlNode.ListNode) parent).items().size();
            problems.add(at, path, remove ? "there is no item " + k + " to remove: " + walked + " has " + n
                    + (n == 1 ? " item" : " items") : pastEnd(walked, k, (YamlNode.ListNode) parent));
            return;
        }
        if (remove) {
            if (parent instanceof YamlNode.MapNode m) {
                m.remove((String) last, at); // PATH=null removes the field
            } else {
                // The list without the item, located at this --set, so that a message about the
                // list (two lists of different lengths) names it.
                put(grand, grandStep, ((YamlNode.ListNode) parent).without((Integer) last, at), at);
            }
            return;
        }
        if (old != null && !(old instanceof YamlNode.Scalar)) {
            problems.add(at, path, "is " + old.describe() + "; only scalar fields can be set");
            return;
        }
        put(parent, last, value, at);
    }

    static final String PATH_FORMS = "a path is dot-separated field names, each optionally followed by list "
            + "indices, such as services.web.replicas or nodePools.gpu.taints[0].effect; a key with a dot or a "
            + "bracket goes in brackets and double quotes, such as services.web.nodeSelector[\"kubernetes.io/arch\"]";

    /**
     * The path's field names (String) and list indices (Integer) in order, or null if it is not a
     * path: {@code name} or {@code ["key"]}, then any of {@code .name}, {@code [k]} (k of 1 to 9
     * digits) and {@code ["key"]}; a name has no {@code . [ ]}, a quoted key is not empty.
     */
    static List<Object> steps(String path) {
        List<Object> out = new ArrayList<>();
        int n = path.length();
        int i = 0;
        boolean needName = true; // at the start, or after a dot
        while (i < n) {
            char c = path.charAt(i);
            if (c == '[') {
                int close;
                if (i + 1 < n && path.charAt(i + 1) == '"') {
                    if (needName && i > 0) { // a quoted key follows a field or starts the path, not a dot
                        return null;
                    }
                    StringBuilder key = new StringBuilder();
                    int j = i + 2;
                    while (j < n && path.charAt(j) != '"') {
                        char k = path.charAt(j);
                        if (k == '\\') {
                            if (j + 1 >= n || (path.charAt(j + 1) != '"' && path.charAt(j + 1) != '\\')) {
                                return null;
                            }
                            k = path.charAt(++j);
                        }
                        key.append(k);
                        j++;
                    }
                    if (j + 1 >= n || path.charAt(j + 1) != ']' || key.length() == 0) {
                        return null;
                    }
                    out.add(key.toString());
                    close = j + 1;
                } else {
                    if (needName) { // an index follows a field, not a dot or nothing
                        return null;
                    }
                    close = path.indexOf(']', i);
                    String digits = close < 0 ? "" : path.substring(i + 1, close);
                    if (!digits.matches("[0-9]{1,9}")) {
                        return null;
                    }
                    out.add(Integer.parseInt(digits));
                }
                i = close + 1;
                needName = false;
            } else if (c == '.') {
                if (needName || i + 1 >= n) {
                    return null;
                }
                needName = true;
                i++;
            } else {
                if (!needName) { // a name follows a dot
                    return null;
                }
                int j = i;
                while (j < n && "[].".indexOf(path.charAt(j)) < 0) {
                    j++;
                }
                out.add(path.substring(i, j));
                i = j;
                needName = false;
            }
        }
        return needName ? null : out;
    }

    /** Why {@code step} cannot be taken from {@code parent}, or null if it can. */
    private static String typeProblem(YamlNode parent, Object step, CharSequence walked) {
        if (step instanceof String && !(parent instanceof YamlNode.MapNode)) {
            if (walked.toString().equals("scheduler.configuration") && parent instanceof YamlNode.Scalar) {
                return walked + " names a file (" + ((YamlNode.Scalar) parent).text() + "), which --set cannot "
                        + "reach; edit that file, or write the configuration inline in the scenario";
            }
            return walked + " is " + parent.describe() + ", not a map" + (parent instanceof YamlNode.ListNode
                    ? "; give an item's index, such as " + walked + "[0]" : "; only scalar fields can be set");
        }
        if (step instanceof Integer && !(parent instanceof YamlNode.ListNode)) {
            return walked + " is " + parent.describe() + ", not a list; an index [k] follows only a list field";
        }
        return null;
    }

    private static String pastEnd(CharSequence walked, int k, YamlNode.ListNode list) {
        int n = list.items().size();
        return "index " + k + " is past the end of " + walked + " (" + n + (n == 1 ? " item" : " items")
                + "); give an index up to " + n + " (" + n + " appends an item)";
    }

    private static YamlNode get(YamlNode parent, Object step) {
        if (parent instanceof YamlNode.MapNode m) {
            return m.get((String) step);
        }
        List<YamlNode> items = ((YamlNode.ListNode) parent).items();
        int k = (Integer) step;
        return k < items.size() ? items.get(k) : null;
    }

    private static void put(YamlNode parent, Object step, YamlNode value, Location at) {
        if (parent instanceof YamlNode.MapNode m) {
            m.put((String) step, at, value);
        } else {
            ((YamlNode.ListNode) parent).set((Integer) step, value);
        }
    }

    private static void append(StringBuilder walked, Object step) {
        if (step instanceof Integer k) {
            walked.append('[').append(k).append(']');
        } else if (((String) step).chars().anyMatch(ch -> ch == '.' || ch == '[' || ch == ']')) {
            // As a --set path takes it: ["key"], with " and \ escaped.
            walked.append("[\"").append(((String) step).replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
        } else {
            walked.append(walked.length() == 0 ? "" : ".").append(step);
        }
    }

    /**
     * Notes the map created at step {@code i} (under {@code walked}) if the names from there to the
     * end read as one qualified key split at its dots: a prefix with dots, then {@code /}.
     */
    private static void noteSplitKey(List<Object> steps, int i, CharSequence walked, Map<String, String> splitKeys) {
        StringBuilder key = new StringBuilder();
        for (Object step : steps.subList(i, steps.size())) {
            if (!(step instanceof String name)) {
                return;
            }
            key.append(key.length() == 0 ? "" : ".").append(name);
        }
        if (key.indexOf("/") < 0) {
            return;
        }
        StringBuilder created = new StringBuilder(walked);
        append(created, steps.get(i));
        StringBuilder whole = new StringBuilder(walked);
        append(whole, key.toString()); // with its dots, in brackets and quotes
        splitKeys.putIfAbsent(created.toString(), "; in --set, a key with dots goes in brackets and double quotes: " + whole);
    }

    /** A --set that creates a pool, service or stream named close to an existing one is noted. */
    private static void noteMisspelt(String map, String name, YamlNode.MapNode parent, Location at,
            Map<String, Problem> misspelt) {
        String kind = NAMED_MAPS.get(map);
        if (kind != null && parent.get(name) == null && Names.suggest(name, parent.entries().keySet()) != null) {
            String entry = map + "." + name;
            misspelt.putIfAbsent(entry, new Problem(at, entry, Names.unknown(kind, name, parent.entries().keySet())
                    + " (a --set that adds a new " + kind + " must give all its fields)"));
        }
    }
}
