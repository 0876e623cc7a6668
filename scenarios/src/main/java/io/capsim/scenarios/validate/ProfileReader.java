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
import io.capsim.engine.sched.config.InvalidProfileException;
import io.capsim.engine.sched.config.PluginConfig;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.PluginSet;
import io.capsim.engine.sched.config.Plugins;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.sched.plugins.NodeResourcesBalancedAllocation;
import io.capsim.engine.sched.plugins.NodeResourcesFit;
import io.capsim.engine.sched.plugins.ResourceWeight;
import io.capsim.engine.sched.plugins.ScoringStrategy;
import io.capsim.engine.spi.Registry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one profile in the shape of a KubeSchedulerConfiguration {@code profiles[]} entry:
 * {@code schedulerName}, {@code percentageOfNodesToScore}, {@code plugins} (per extension point
 * and {@code multiPoint}: {@code enabled} with names and weights, {@code disabled}) and {@code
 * pluginConfig} (typed args of NodeResourcesFit and NodeResourcesBalancedAllocation, and of any plugin,
 * out-of-tree ones included, whose args are a record of numbers, booleans and strings). The user's
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

    private PluginArgs readArgs(PluginFactory<?> factory, YamlNode args, Fields entry) {
        String name = factory.name();
        String p = entry.pathOf("args");
        boolean empty = args == null || (args instanceof YamlNode.MapNode m && m.entries().isEmpty());
        if (empty) {
            return factory.defaultArgs();
        }
        if (!(args instanceof YamlNode.MapNode m)) {
            entry.problem("args", "expected a map, found " + args.describe());
            return null;
        }
        if (factory.argsType() == PluginArgs.None.class) {
            entry.problem("args", "plugin " + name + " takes no args");
            return null;
        }
        if (name.equals(BuiltInPlugins.NODE_RESOURCES_FIT) && factory.argsType() == NodeResourcesFit.Args.class) {
            Fields f = new Fields(m, p, problems);
            for (String k : List.of("ignoredResources", "ignoredResourceGroups")) {
                if (f.has(k)) {
                    f.problemAt(f.keyLocation(k), f.pathOf(k), "is not supported by capsim (every resource is counted)");
                }
            }
            YamlNode.MapNode s = f.map("scoringStrategy", false);
            ScoringStrategy strategy = s == null ? ScoringStrategy.defaults() : readStrategy(s, f.pathOf("scoringStrategy"));
            f.finish();
            return strategy == null ? null : new NodeResourcesFit.Args(strategy);
        }
        if (name.equals(BuiltInPlugins.NODE_RESOURCES_BALANCED_ALLOCATION)
                && factory.argsType() == NodeResourcesBalancedAllocation.Args.class) {
            Fields f = new Fields(m, p, problems);
            int before = problems.size();
            List<ResourceWeight> resources = readResources(f, "resources");
            f.finish();
            if (problems.size() > before) {
                return null;
            }
            return f.has("resources") ? new NodeResourcesBalancedAllocation.Args(resources) : factory.defaultArgs();
        }
        if (isFlatRecord(factory.argsType())) {
            return readFlatRecord(factory, m, p, entry);
        }
        entry.problem("args", "args of " + name + " cannot be set from a scenario: its args type "
                + factory.argsType().getSimpleName() + " is not a record of numbers, booleans and strings; "
                + "remove args to use its defaults");
        return null;
    }

    private static final Set<Class<?>> FLAT_TYPES = Set.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, boolean.class, Boolean.class, String.class);

    /** True for a record whose components are all numbers, booleans or strings. */
    static boolean isFlatRecord(Class<?> type) {
        if (!type.isRecord()) {
            return false;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (!FLAT_TYPES.contains(c.getType())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Args of any plugin (out-of-tree ones included) whose args type is a flat record: one YAML
     * key per record component, named as the component; absent keys take the value of the
     * factory's default args. The record's constructor and the factory's {@code validate} check
     * the values.
     */
    private PluginArgs readFlatRecord(PluginFactory<?> factory, YamlNode.MapNode m, String p, Fields entry) {
        Class<?> type = factory.argsType();
        RecordComponent[] components = type.getRecordComponents();
        Object defaults = factory.defaultArgs();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        Fields f = new Fields(m, p, problems);
        int before = problems.size();
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                Class<?> t = c.getType();
                String key = c.getName();
                Object def = c.getAccessor().invoke(defaults);
                types[i] = t;
                if (t == int.class || t == Integer.class) {
                    values[i] = (int) f.integer(key, false, def == null ? 0 : (Integer) def, Integer.MIN_VALUE,
                            Integer.MAX_VALUE);
                } else if (t == long.class || t == Long.class) {
                    values[i] = f.integer(key, false, def == null ? 0 : (Long) def, Long.MIN_VALUE, Long.MAX_VALUE);
                } else if (t == double.class || t == Double.class) {
                    values[i] = f.number(key, false, def == null ? 0 : (Double) def, -Double.MAX_VALUE, false,
                            Double.MAX_VALUE);
                } else if (t == boolean.class || t == Boolean.class) {
                    values[i] = f.bool(key, false, def != null && (Boolean) def);
                } else {
                    values[i] = f.string(key, false, (String) def, null, null);
                }
            }
            f.finish();
            if (problems.size() > before) {
                return null;
            }
            return (PluginArgs) type.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            entry.problem("args", "invalid args for " + factory.name() + ": "
                    + (cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(cause)));
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            entry.problem("args", "cannot build the args of " + factory.name() + " (" + type.getName() + "): " + e);
            return null;
        }
    }

    private ScoringStrategy readStrategy(YamlNode.MapNode node, String p) {
        Fields f = new Fields(node, p, problems);
        int before = problems.size();
        Set<String> types = new LinkedHashSet<>();
        for (ScoringStrategy.Type t : ScoringStrategy.Type.values()) {
            types.add(t.configName());
        }
        String typeName = f.choice("type", false, ScoringStrategy.Type.LEAST_ALLOCATED.configName(), types);
        ScoringStrategy.Type type = ScoringStrategy.Type.byConfigName(typeName);
        List<ResourceWeight> resources = readResources(f, "resources");
        if (!f.has("resources")) {
            resources = ScoringStrategy.of(type).resources();
        }
        List<ScoringStrategy.ShapePoint> shape = new ArrayList<>();
        YamlNode.MapNode ratio = f.map("requestedToCapacityRatio", false);
        if (ratio != null) {
            Fields r = new Fields(ratio, f.pathOf("requestedToCapacityRatio"), problems);
            List<YamlNode.MapNode> points = list(r, "shape");
            for (int k = 0; k < points.size(); k++) {
                Fields pf = new Fields(points.get(k), r.pathOf("shape") + "[" + k + "]", problems);
                int u = (int) pf.integer("utilization", true, 0, 0, 100);
                int sc = (int) pf.integer("score", true, 0, 0, 10);
                pf.finish();
                shape.add(new ScoringStrategy.ShapePoint(u, sc));
            }
            r.finish();
        }
        f.finish();
        if (problems.size() > before) {
            return null;
        }
        ScoringStrategy s = new ScoringStrategy(type, resources, shape);
        for (String m : s.validate()) {
            // Messages start with "scoringStrategy.<field>: ..."; report them at the strategy.
            int colon = m.indexOf(": ");
            String field = m.substring("scoringStrategy".length(), colon);
            problem(node.location(), p + field, m.substring(colon + 2));
        }
        return s;
    }

    private List<ResourceWeight> readResources(Fields f, String key) {
        List<ResourceWeight> out = new ArrayList<>();
        List<YamlNode.MapNode> items = list(f, key);
        for (int k = 0; k < items.size(); k++) {
            Fields r = new Fields(items.get(k), f.pathOf(key) + "[" + k + "]", problems);
            String name = r.string("name", true, null, null, null);
            int weight = (int) r.integer("weight", false, 1, 1, 100);
            r.finish();
            if (name != null && !name.isEmpty()) {
                out.add(new ResourceWeight(name, weight));
            }
        }
        return out;
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
            for (String m : e.problems()) {
                int colon = m.indexOf(": ");
                String field = colon < 0 ? "" : m.substring(0, colon);
                String message = colon < 0 ? m : m.substring(colon + 2);
                Matcher e2 = ENABLED_PATH.matcher(field);
                // Indexes into the merged (defaults + user) set mean nothing to the user: name the set.
                String shown = e2.matches() ? "plugins." + e2.group(1) + ".enabled" : field;
                problem(locate(profile, field, profileAt), shown.isEmpty() ? path : path + "." + shown, message);
            }
            return false;
        }
    }

    private Location locate(SchedulerProfile profile, String field, Location profileAt) {
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
            if (k < configAt.size()) {
                return configAt.get(k);
            }
        }
        return profileAt;
    }
}
