package io.capsim.scenarios.validate;

import io.capsim.engine.spi.Names;
import java.util.Arrays;
import java.util.Map;

/** {@code --set PATH=VALUE}: overrides applied to the scenario tree before it is read. */
final class ScenarioOverrides {

    private ScenarioOverrides() {}

    /** The maps keyed by name at the top of a serving scenario, and what they hold. */
    static final Map<String, String> NAMED_MAPS = Map.of(
            "nodePools", "node pool", "services", "service", "arrivals", "arrival stream");

    /**
     * Applies one {@code PATH=VALUE} override to the tree, creating missing maps on the way. A
     * value of {@code null} removes the field, remembering where, so that a message about the
     * missing field names this override.
     *
     * @param misspelt where to note a pool, service or arrival stream this override creates under
     *     a name close to an existing one (by path, with the problem to report if the new entry
     *     turns out invalid: then it was a misspelling, not a new entry)
     */
    static void applyOverride(YamlNode.MapNode root, String override, Problems problems,
            Map<String, Problem> misspelt) {
        String source = "--set " + override;
        int eq = override.indexOf('=');
        if (eq <= 0) {
            problems.add(Location.of(source), "", "expected PATH=VALUE, such as services.web.replicas=4");
            return;
        }
        String path = override.substring(0, eq).trim();
        String[] parts = path.split("\\.", -1);
        if (Arrays.stream(parts).anyMatch(String::isEmpty)) {
            problems.add(Location.of(source), path, "a path is dot-separated field names, such as services.web.replicas");
            return;
        }
        YamlNode value;
        try {
            value = YamlTree.parseValue(override.substring(eq + 1), source, ReadContext.current().limits());
        } catch (ScenarioException e) {
            problems.add(Location.of(source), path, e.problems().get(0).message());
            return;
        }
        YamlNode.MapNode m = root;
        for (int i = 0; i < parts.length - 1; i++) {
            YamlNode child = m.get(parts[i]);
            String kind = i == 1 && m == root.get(parts[0]) ? NAMED_MAPS.get(parts[0]) : null;
            if (child == null && kind != null && Names.suggest(parts[1], m.entries().keySet()) != null) {
                String entry = parts[0] + "." + parts[1];
                misspelt.putIfAbsent(entry, new Problem(Location.of(source), entry, Names.unknown(kind, parts[1],
                        m.entries().keySet()) + " (a --set that adds a new " + kind + " must give all its fields)"));
            }
            if (child == null) {
                YamlNode.MapNode created = new YamlNode.MapNode(Location.of(source));
                m.put(parts[i], Location.of(source), created);
                m = created;
            } else if (child instanceof YamlNode.MapNode cm) {
                m = cm;
            } else {
                problems.add(Location.of(source), path, String.join(".", Arrays.copyOf(parts, i + 1))
                        + " is " + child.describe() + ", not a map; only scalar fields can be set");
                return;
            }
        }
        String last = parts[parts.length - 1];
        YamlNode old = m.get(last);
        if (value instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.NULL) {
            m.remove(last, Location.of(source)); // PATH=null removes the field
            return;
        }
        if (old != null && !(old instanceof YamlNode.Scalar)) {
            problems.add(Location.of(source), path, "is " + old.describe() + "; only scalar fields can be set");
            return;
        }
        m.put(last, Location.of(source), value);
    }
}
