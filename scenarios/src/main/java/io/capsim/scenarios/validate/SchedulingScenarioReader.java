package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.spi.Registry;
import io.capsim.scenarios.experiment.InflationExperiment;
import io.capsim.scenarios.model.SchedulingScenario;
import io.capsim.workloads.trace.TraceLimits;
import io.capsim.workloads.trace.openb.OpenbTrace;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a scheduling-experiment scenario: {@code name}, {@code description}, {@code seed} and the
 * {@code schedulingExperiment} map (documented in {@code docs/SCENARIOS.md}).
 */
final class SchedulingScenarioReader {

    /** Arrived shares reported by default (those not above the target share). */
    static final List<Double> DEFAULT_POINTS = List.of(0.5, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3);

    static final int MAX_SEEDS = 1000;

    /** {@code tieBreak} values, as written. */
    static final Map<String, SchedulerConfig.TieBreak> TIE_BREAKS = orderedMap(
            "random", SchedulerConfig.TieBreak.RANDOM,
            "lowestName", SchedulerConfig.TieBreak.LOWEST_NAME,
            "randomOrder", SchedulerConfig.TieBreak.RANDOM_ORDER);

    /** {@code sampling} values, as written. */
    static final Map<String, InflationExperiment.Sampling> SAMPLINGS = orderedMap(
            "withReplacement", InflationExperiment.Sampling.WITH_REPLACEMENT,
            "shuffledList", InflationExperiment.Sampling.SHUFFLED_LIST);

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> orderedMap(Object... kv) {
        Map<String, V> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (V) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private SchedulingScenarioReader() {}

    static SchedulingScenario read(YamlNode.MapNode map, Problems problems, Path baseDir,
            Registry<PluginFactory<?>> registry) {
        Fields f = new Fields(map, "", problems);
        String name = f.string("name", true, "scenario", ScenarioReader.SCENARIO_NAME, ScenarioReader.SCENARIO_NAME_FORMS);
        f.string("description", false, "", null, null);
        long seed = f.integer("seed", false, 1, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
        YamlNode.MapNode node = f.map("schedulingExperiment", true);
        f.finish();
        if (node == null) {
            return null;
        }
        String p = "schedulingExperiment";
        int before = problems.size();
        Fields e = new Fields(node, p, problems);
        e.choice("kind", true, "inflation", Set.of("inflation"));
        TraceLimits limits = ReadContext.current().limits().trace();
        List<NodeSpec> nodes = readList(e, "nodes", "openb-nodes", baseDir,
                (r, origin) -> OpenbTrace.readNodes(r, origin, limits));
        List<PodSpec> pods = readList(e, "pods", "openb-pods", baseDir,
                (r, origin) -> OpenbTrace.specs(OpenbTrace.readPods(r, origin, limits)));
        double target = e.number("targetShare", false, 1.3, 0, true, 10);
        int seeds = (int) e.integer("seeds", false, 1, 1, MAX_SEEDS);
        String tie = e.choice("tieBreak", false, "random", new LinkedHashSet<>(TIE_BREAKS.keySet()));
        SchedulerConfig.TieBreak tieBreak = TIE_BREAKS.getOrDefault(tie, SchedulerConfig.TieBreak.RANDOM);
        String sample = e.choice("sampling", false, "withReplacement", new LinkedHashSet<>(SAMPLINGS.keySet()));
        InflationExperiment.Sampling sampling = SAMPLINGS.getOrDefault(sample, InflationExperiment.Sampling.WITH_REPLACEMENT);
        List<Double> points = readPoints(e, target);
        List<SchedulingScenario.Policy> policies = readPolicies(e, registry);
        if (nodes != null && nodes.stream().mapToInt(NodeSpec::gpus).sum() == 0) {
            e.problem("nodes", "the node list has no GPUs; the inflation experiment needs GPU capacity");
        }
        if (pods != null && pods.stream().noneMatch(x -> x.requests().gpus() > 0)) {
            e.problem("pods", "no pod in the list requests a GPU; arrivals would never reach targetShare");
        }
        e.finish();
        if (problems.size() > before || nodes == null || pods == null) {
            return null;
        }
        Path nodesFile = baseDir.resolve(((YamlNode.Scalar) ((YamlNode.MapNode) node.get("nodes")).get("file")).text());
        Path podsFile = baseDir.resolve(((YamlNode.Scalar) ((YamlNode.MapNode) node.get("pods")).get("file")).text());
        return new SchedulingScenario(name, seed, seeds, nodesFile.normalize(), podsFile.normalize(), nodes, pods, target,
                tieBreak, sampling, points, policies, registry);
    }

    private static <T> List<T> readList(Fields parent, String key, String format, Path baseDir,
            BiFunction<Reader, String, List<T>> parse) {
        YamlNode.MapNode node = parent.map(key, true);
        if (node == null) {
            return null;
        }
        Fields t = new Fields(node, parent.pathOf(key), parent.problems());
        int before = t.problemCount();
        t.choice("format", true, null, Set.of(format));
        String fileText = t.string("file", true, null, null, null);
        t.finish();
        if (t.problemCount() > before || fileText == null) {
            return null;
        }
        Path file = InputFiles.check(t, "file", fileText, baseDir);
        if (file == null) {
            return null;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<T> out = parse.apply(r, fileText);
            if (out.isEmpty()) {
                t.problem("file", fileText + " has no rows");
                return null;
            }
            return out;
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException ex) {
            t.problem("file", "cannot read " + format + " list: " + ex.getMessage());
            return null;
        }
    }

    private static List<Double> readPoints(Fields e, double target) {
        YamlNode n = e.node("arrivalPoints");
        if (n == null) {
            List<Double> d = new ArrayList<>(DEFAULT_POINTS.stream().filter(x -> x <= target).toList());
            if (d.isEmpty() || d.get(d.size() - 1) < target) {
                d.add(target);
            }
            return d;
        }
        List<Double> out = new ArrayList<>();
        if (!(n instanceof YamlNode.ListNode l) || l.items().isEmpty()) {
            e.problem("arrivalPoints", "expected a non-empty list of numbers in (0, targetShare], found " + n.describe());
            return out;
        }
        for (int k = 0; k < l.items().size(); k++) {
            YamlNode item = l.items().get(k);
            String ip = e.pathOf("arrivalPoints") + "[" + k + "]";
            if (!(item instanceof YamlNode.Scalar s)
                    || (s.type() != YamlNode.ScalarType.INTEGER && s.type() != YamlNode.ScalarType.FLOAT)) {
                e.problemAt(item.location(), ip, "expected a number in (0, " + Fields.fmt(target) + "], found "
                        + item.describe());
                continue;
            }
            double v;
            try {
                v = YamlNumbers.parse(s.text());
            } catch (IllegalArgumentException ex) {
                e.problemAt(item.location(), ip, ex.getMessage() + "; use a number in (0, " + Fields.fmt(target)
                        + "]");
                continue;
            }
            if (!(v > 0 && v <= target)) {
                e.problemAt(item.location(), ip, s.text() + " is not in (0, " + Fields.fmt(target) + "] (targetShare)");
            } else if (!out.isEmpty() && v <= out.get(out.size() - 1)) {
                e.problemAt(item.location(), ip, s.text() + " must be greater than the previous point");
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private static List<SchedulingScenario.Policy> readPolicies(Fields e, Registry<PluginFactory<?>> registry) {
        List<SchedulingScenario.Policy> out = new ArrayList<>();
        YamlNode n = e.node("policies");
        if (n == null) {
            e.problem("policies", "is required (a list of {builtIn: NAME} or {profile: {...}})");
            return out;
        }
        if (!(n instanceof YamlNode.ListNode l) || l.items().isEmpty()) {
            e.problem("policies", "expected a non-empty list of {builtIn: NAME} or {profile: {...}}, found "
                    + n.describe());
            return out;
        }
        Map<String, Location> names = new HashMap<>();
        for (int k = 0; k < l.items().size(); k++) {
            YamlNode item = l.items().get(k);
            String ip = e.pathOf("policies") + "[" + k + "]";
            if (!(item instanceof YamlNode.MapNode m)) {
                e.problemAt(item.location(), ip, "expected {builtIn: NAME} or {profile: {...}}, found " + item.describe());
                continue;
            }
            Fields pf = new Fields(m, ip, e.problems());
            boolean hasBuiltIn = pf.has("builtIn");
            boolean hasProfile = pf.has("profile");
            SchedulingScenario.Policy policy = null;
            if (hasBuiltIn == hasProfile) {
                pf.problemAt(m.location(), ip, "give exactly one of builtIn (" + String.join(", ", BuiltInProfiles.ALL_NAMES)
                        + ") or profile (a KubeSchedulerConfiguration profile)");
                pf.markAllKnown();
            } else if (hasBuiltIn) {
                String name = pf.choice("builtIn", true, null, new LinkedHashSet<>(BuiltInProfiles.ALL_NAMES));
                if (name != null) {
                    policy = new SchedulingScenario.Policy(name, "builtIn", BuiltInProfiles.byName(name));
                }
            } else {
                YamlNode.MapNode prof = pf.map("profile", true);
                if (prof != null) {
                    SchedulerProfile sp = ProfileReader.read(prof, pf.pathOf("profile"), e.problems(), registry);
                    if (sp != null) {
                        policy = new SchedulingScenario.Policy(sp.schedulerName(), "profile", sp);
                    }
                }
            }
            pf.finish();
            if (policy != null) {
                Location first = names.putIfAbsent(policy.name(), m.location());
                if (first != null) {
                    pf.problemAt(m.location(), ip, "policy name \"" + policy.name() + "\" is used twice (first at "
                            + first + "); give the profile another schedulerName");
                } else {
                    out.add(policy);
                }
            }
        }
        return out;
    }
}
