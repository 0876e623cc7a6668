package io.capsim.scenarios.validate;

import io.capsim.reports.compare.Direction;
import io.capsim.reports.compare.Tolerances;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tolerance file for {@code capsim compare} and {@code capsim regress}:
 *
 * <pre>
 * relative: 0.05          # default relative tolerance (fraction of the baseline), optional
 * absolute: 0             # default absolute tolerance, in each metric's unit, optional
 * metrics:                # rules by JSON-pointer glob, applied in order; later fields win
 *   "/services/*&#47;latencyMs/p99": {relative: 0.02, absolute: 1}
 *   "/cluster/cost": {direction: lower, relative: 0}
 *   "/**&#47;events": {direction: none}
 * </pre>
 *
 * Every problem is reported at once, located, with what is allowed (exit code 2).
 */
public final class ToleranceReader {

    private static final Set<String> DIRECTIONS = new java.util.TreeSet<>(List.of("higher", "lower", "none"));

    private ToleranceReader() {}

    /**
     * Reads and validates a tolerance file.
     *
     * @throws ScenarioException naming every problem
     */
    public static Tolerances read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(new Problem(Location.of(file.toString()), "", "no such tolerance file"));
        } catch (IOException e) {
            throw new ScenarioException(new Problem(Location.of(file.toString()), "", "cannot read the tolerance file ("
                    + e.getMessage() + ")"));
        }
        YamlNode root = YamlTree.parse(bytes, file.toString(), InputLimits.DEFAULTS);
        Problems problems = new Problems();
        if (!(root instanceof YamlNode.MapNode map)) {
            problems.add(root.location(), "", "expected a map with relative, absolute and metrics, found "
                    + root.describe());
            problems.throwIfAny();
            throw new IllegalStateException("unreachable");
        }
        Fields f = new Fields(map, "", problems);
        double relative = f.number("relative", false, Tolerances.DEFAULT_RELATIVE, 0, false, 1e9);
        double absolute = f.number("absolute", false, 0, 0, false, 1e12);
        List<Tolerances.Rule> rules = new ArrayList<>();
        YamlNode.MapNode metrics = f.map("metrics", false);
        if (metrics != null) {
            for (Map.Entry<String, YamlNode> e : metrics.entries().entrySet()) {
                String glob = e.getKey();
                String path = "metrics[\"" + glob + "\"]";
                if (!glob.startsWith("/")) {
                    problems.add(metrics.keyLocation(glob), path, "a metric glob is a JSON pointer starting with "
                            + "\"/\", such as \"/services/*/latencyMs/p99\" (* within one name, ** across names)");
                    continue;
                }
                if (!(e.getValue() instanceof YamlNode.MapNode rule)) {
                    problems.add(e.getValue().location(), path, "expected a map of direction, relative and absolute, "
                            + "found " + e.getValue().describe());
                    continue;
                }
                Fields r = new Fields(rule, path, problems);
                String d = r.choice("direction", false, null, DIRECTIONS);
                double rel = r.number("relative", false, Double.NaN, 0, false, 1e9);
                double abs = r.number("absolute", false, Double.NaN, 0, false, 1e12);
                r.finish();
                rules.add(new Tolerances.Rule(glob, d == null ? null : Direction.valueOf(d.toUpperCase(Locale.ROOT)),
                        Double.isNaN(rel) ? null : rel, Double.isNaN(abs) ? null : abs));
            }
        }
        f.finish();
        problems.throwIfAny();
        return new Tolerances(relative, absolute, rules);
    }
}
