package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.api.ExtensionPoint;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.ArgsNode;
import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.sched.config.InvalidProfileException;
import io.capsim.engine.sched.config.PluginConfig;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.PluginSet;
import io.capsim.engine.sched.config.Plugins;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.spi.Registry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one profile in the shape of a KubeSchedulerConfiguration {@code profiles[]} entry:
 * {@code schedulerName}, {@code percentageOfNodesToScore}, {@code plugins} (per extension point
 * and {@code multiPoint}: {@code enabled} with names and weights, {@code disabled}) and {@code
 * pluginConfig} (each plugin's factory decodes its own typed args from the map as written, {@link
 * PluginFactory#decode}; problems come back as values with their paths and are reported at the
 * YAML they name). The user's
 * plugins are applied over kube-scheduler's defaults, as kube-scheduler does. Everything else is
 * reported with its location; the finished profile is then checked by building it, and the
 * engine's problems are reported at the YAML entry they concern.
 */
final class ProfileReader {

    /** Extension points of kube-scheduler that capsim does not model. */
    static final Set<String> UNSUPPORTED_POINTS = Set.of("preEnqueue", "preBind", "postBind");

    private static final Pattern ENABLED_PATH = Pattern.compile("plugins\\.(\\w+)\\.enabled\\[(\\d+)](.*)");
    private static final Pattern CONFIG_PATH = Pattern.compile("pluginConfig\\[(\\d+)](.*)");

    private final String path;
    private final Problems problems;
    private final Registry<PluginFactory<?>> registry;
    /** Location of each user-enabled plugin, by "point/name" ("multiPoint/name" for multiPoint). */
    private final Map<String, Location> enabledAt = new HashMap<>();
    private final List<Location> configAt = new ArrayList<>();
    private final List<YamlNode> configNodes = new ArrayList<>(); // each pluginConfig entry, for locating

    private final int defaultPercentage;
    private final boolean nameRequired;

    private ProfileReader(String path, Problems problems, Registry<PluginFactory<?>> registry, int defaultPercentage,
            boolean nameRequired) {
        this.path = path;
        this.problems = problems;
        this.registry = registry;
        this.defaultPercentage = defaultPercentage;
        this.nameRequired = nameRequired;
    }

    /**
     * Reads a profile.
     *
     * @param node the profile map
     * @param path its field path, for messages
     * @return the profile, or null if a problem was reported
     */
    static SchedulerProfile read(YamlNode.MapNode node, String path, Problems problems,
            Registry<PluginFactory<?>> registry) {
        return new ProfileReader(path, problems, registry, 100, true).read(node);
    }

    /**
     * Reads a profile of a KubeSchedulerConfiguration: {@code schedulerName} defaults to
     * {@code default-scheduler} and {@code percentageOfNodesToScore} to the configuration's
     * top-level value, as in kube-scheduler.
     */
    static SchedulerProfile readConfigurationProfile(YamlNode.MapNode node, String path, Problems problems,
            Registry<PluginFactory<?>> registry) {
        return new ProfileReader(path, problems, registry, SchedulerProfile.INHERIT, false).read(node);
    }

    private void problem(Location at, String p, String message) {
        problems.add(at, p, message);
    }

    private SchedulerProfile read(YamlNode.MapNode node) {
        int before = problems.size();
        Fields f = new Fields(node, path, problems);
        String name = f.string("schedulerName", nameRequired, nameRequired ? null : "default-scheduler",
                ScenarioReader.SCENARIO_NAME, ScenarioReader.SCENARIO_NAME_FORMS);
        int percentage = (int) f.integer("percentageOfNodesToScore", false, defaultPercentage, 0, 100);
        Plugins user = Plugins.multiPoint(PluginSet.EMPTY);
        YamlNode.MapNode plugins = f.map("plugins", false);
        if (plugins != null) {
            user = readPlugins(plugins, f.pathOf("plugins"));
        }
        List<PluginConfig> config = new ArrayList<>();
        YamlNode cfg = f.node("pluginConfig");
        if (cfg != null) {
            readPluginConfig(cfg, f.pathOf("pluginConfig"), config);
        }
        f.finish();
        // Nested readers report to the same collector: any new problem means no profile.
        if (problems.size() > before || name == null) {
            return null;
        }
        SchedulerProfile profile = new SchedulerProfile(name, BuiltInProfiles.kubernetesDefaults().overlay(user), config,
                percentage);
        return check(profile, node.location()) ? profile : null;
    }

    private Plugins readPlugins(YamlNode.MapNode node, String p) {
        Fields f = new Fields(node, p, problems);
        for (String key : node.entries().keySet()) {
            if (UNSUPPORTED_POINTS.contains(key)) {
                f.node(key);
                problem(node.keyLocation(key), f.pathOf(key), "the " + key
                        + " extension point is not supported by capsim (supported: multiPoint, "
                        + String.join(", ", pointNames()) + ")");
            }
        }
        PluginSet multi = readSet(f, "multiPoint");
        EnumMap<ExtensionPoint, PluginSet> points = new EnumMap<>(ExtensionPoint.class);
        for (ExtensionPoint point : ExtensionPoint.values()) {
            points.put(point, readSet(f, point.configName()));
        }
        f.finish();
        return new Plugins(multi, points);
    }

    private static List<String> pointNames() {
        List<String> out = new ArrayList<>();
        for (ExtensionPoint p : ExtensionPoint.values()) {
            out.add(p.configName());
        }
        return out;
    }

    private PluginSet readSet(Fields parent, String key) {
        YamlNode.MapNode node = parent.map(key, false);
        if (node == null) {
            return PluginSet.EMPTY;
        }
        String p = parent.pathOf(key);
        Fields f = new Fields(node, p, problems);
        List<PluginRef> enabled = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        List<YamlNode.MapNode> items = list(f, "enabled");
        for (int k = 0; k < items.size(); k++) {
            Fields e = new Fields(items.get(k), p + ".enabled[" + k + "]", problems);
            String name = e.string("name", true, null, null, null);
            int weight = (int) e.integer("weight", false, 0, 1, 100);
            e.finish();
            if (name != null) {
                if (registry.find(name).isEmpty()) {
                    e.problem("name", registry.unknownMessage(name));
                } else if (enabledAt.putIfAbsent(key + "/" + name, e.locationOf("name")) != null) {
                    e.problem("name", "plugin \"" + name + "\" is enabled twice");
                } else {
                    enabled.add(new PluginRef(name, weight));
                }
            }
        }
        List<YamlNode.MapNode> off = list(f, "disabled");
        for (int k = 0; k < off.size(); k++) {
            Fields e = new Fields(off.get(k), p + ".disabled[" + k + "]", problems);
            String name = e.string("name", true, null, null, null);
            e.finish();
            if (name != null) {
                if (!name.equals("*") && registry.find(name).isEmpty()) {
                    e.problem("name", registry.unknownMessage(name) + " (or \"*\" for all)");
                } else {
                    disabled.add(name);
                }
            }
        }
        f.finish();
        return new PluginSet(enabled, disabled);
    }

    /** A list of maps under {@code key}; wrong types are reported and skipped. */
    private List<YamlNode.MapNode> list(Fields f, String key) {
        YamlNode n = f.node(key);
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

    private void readPluginConfig(YamlNode node, String p, List<PluginConfig> out) {
        if (!(node instanceof YamlNode.ListNode l)) {
            problem(node.location(), p, "expected a list of {name, args}, found " + node.describe());
            return;
        }
        for (int k = 0; k < l.items().size(); k++) {
            YamlNode item = l.items().get(k);
            String ip = p + "[" + k + "]";
            configAt.add(item.location());
            configNodes.add(item);
            if (!(item instanceof YamlNode.MapNode m)) {
                problem(item.location(), ip, "expected a map {name, args}, found " + item.describe());
                continue;
            }
            Fields f = new Fields(m, ip, problems);
            String name = f.string("name", true, null, null, null);
            YamlNode args = f.node("args");
            f.finish();
            if (name == null) {
                continue;
            }
            var factory = registry.find(name);
            if (factory.isEmpty()) {
                f.problem("name", registry.unknownMessage(name));
                continue;
            }
            PluginArgs a = readArgs(factory.get(), args, f);
            if (a != null) {
                out.add(new PluginConfig(name, a));
            }
        }
    }

    /**
     * A plugin's args: empty gives its defaults; otherwise the factory decodes its own typed args
     * from the map as written, and each problem it finds is reported at the YAML value its path
     * names.
     */
    private PluginArgs readArgs(PluginFactory<?> factory, YamlNode args, Fields entry) {
        String p = entry.pathOf("args");
        boolean empty = args == null || (args instanceof YamlNode.MapNode m && m.entries().isEmpty());
        if (empty) {
            return factory.defaultArgs();
        }
        if (!(args instanceof YamlNode.MapNode m)) {
            entry.problem("args", "expected a map, found " + args.describe());
            return null;
        }
        List<ConfigProblem> found = new ArrayList<>();
        PluginArgs a = factory.decode(argsNode(m), found);
        for (ConfigProblem cp : found) {
            problem(locateIn(m, cp.path(), cp.aboutKey()), cp.under(p).path(), cp.message());
        }
        return found.isEmpty() ? a : null;
    }

    /** The YAML value as the engine's format-neutral {@link ArgsNode}. */
    static ArgsNode argsNode(YamlNode n) {
        if (n instanceof YamlNode.MapNode m) {
            Map<String, ArgsNode> entries = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> entries.put(k, argsNode(v)));
            return new ArgsNode.MapNode(entries);
        }
        if (n instanceof YamlNode.ListNode l) {
            List<ArgsNode> items = new ArrayList<>();
            for (YamlNode item : l.items()) {
                items.add(argsNode(item));
            }
            return new ArgsNode.ListNode(items);
        }
        YamlNode.Scalar s = (YamlNode.Scalar) n;
        ArgsNode.Scalar.Kind kind = switch (s.type()) {
            case INTEGER, FLOAT -> ArgsNode.Scalar.Kind.NUMBER;
            case BOOLEAN -> ArgsNode.Scalar.Kind.BOOLEAN;
            case NULL -> ArgsNode.Scalar.Kind.NULL;
            default -> ArgsNode.Scalar.Kind.STRING;
        };
        return new ArgsNode.Scalar(s.text(), kind);
    }

    private static final Pattern PATH_STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    /**
     * Where {@code path} ({@code a.b[2].c}, relative to {@code root}) is written: the scalar value
     * it names (or its key, with {@code atKey}), the key of a map or list entry, or the deepest part
     * of the path that exists.
     */
    static Location locateIn(YamlNode root, String path, boolean atKey) {
        YamlNode at = root;
        Location where = root.location();
        Matcher m = PATH_STEP.matcher(path);
        while (m.find()) {
            if (m.group(1) != null && at instanceof YamlNode.MapNode map && map.get(m.group(1)) != null) {
                where = map.keyLocation(m.group(1));
                at = map.get(m.group(1));
                if (!atKey && !(at instanceof YamlNode.MapNode || at instanceof YamlNode.ListNode)) {
                    where = at.location();
                }
            } else if (m.group(2) != null && at instanceof YamlNode.ListNode list
                    && Integer.parseInt(m.group(2)) < list.items().size()) {
                at = list.items().get(Integer.parseInt(m.group(2)));
                where = at.location();
            } else {
                break;
            }
        }
        return where;
    }

    /**
     * Builds the profile on a one-node probe cluster, so that the engine's checks (a plugin enabled
     * at a point it does not implement, no QueueSort or Bind plugin, bad args) are reported now,
     * each at the YAML entry it concerns (the profile itself when the entry came from the defaults).
     */
    private boolean check(SchedulerProfile profile, Location profileAt) {
        try {
            ClusterState probe = new ClusterState(List.of(NodeSpec.of("probe", 1000, 1024, 1, "probe")));
            // Building a scheduler runs the engine's whole-profile checks.
            new Scheduler(new Simulator(), probe, profile, SchedulerConfig.defaults(), new RandomStreams(1),
                    TargetWorkload.EMPTY, registry);
            return true;
        } catch (InvalidProfileException e) {
            for (ConfigProblem cp : e.problems()) {
                String field = cp.path();
                String message = cp.message();
                Matcher e2 = ENABLED_PATH.matcher(field);
                // Indexes into the merged (defaults + user) set mean nothing to the user: name the set.
                String shown = e2.matches() ? "plugins." + e2.group(1) + ".enabled" : field;
                problem(locate(profile, field, cp.aboutKey(), profileAt), shown.isEmpty() ? path : path + "." + shown, message);
            }
            return false;
        }
    }

    private Location locate(SchedulerProfile profile, String field, boolean aboutKey, Location profileAt) {
        Matcher e = ENABLED_PATH.matcher(field);
        if (e.matches()) {
            String point = e.group(1);
            int k = Integer.parseInt(e.group(2));
            PluginSet set = null;
            if (point.equals("multiPoint")) {
                set = profile.plugins().multiPoint();
            } else {
                for (ExtensionPoint p : ExtensionPoint.values()) {
                    if (p.configName().equals(point)) {
                        set = profile.plugins().at(p);
                    }
                }
            }
            if (set != null && k < set.enabled().size()) {
                return enabledAt.getOrDefault(point + "/" + set.enabled().get(k).name(), profileAt);
            }
        }
        Matcher c = CONFIG_PATH.matcher(field);
        if (c.matches()) {
            int k = Integer.parseInt(c.group(1));
            if (k < configNodes.size() && configNodes.get(k) != null) {
                return locateIn(configNodes.get(k), c.group(2).startsWith(".") ? c.group(2).substring(1) : c.group(2),
                        aboutKey);
            }
            if (k < configAt.size()) {
                return configAt.get(k);
            }
        }
        return profileAt;
    }
}
