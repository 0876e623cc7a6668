package io.capsim.engine.sched;

import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.BindPlugin;
import io.capsim.engine.sched.api.ClusterEventListener;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.DeviceSelector;
import io.capsim.engine.sched.api.ExtensionPoint;
import io.capsim.engine.sched.api.FilterPlugin;
import io.capsim.engine.sched.api.PermitPlugin;
import io.capsim.engine.sched.api.Plugin;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.PostFilterPlugin;
import io.capsim.engine.sched.api.PreFilterPlugin;
import io.capsim.engine.sched.api.PreScorePlugin;
import io.capsim.engine.sched.api.QueueSortPlugin;
import io.capsim.engine.sched.api.ReservePlugin;
import io.capsim.engine.sched.api.ScorePlugin;
import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.sched.config.InvalidProfileException;
import io.capsim.engine.sched.config.PluginConfig;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.PluginSet;
import io.capsim.engine.sched.config.Plugins;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.spi.Registry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile resolved into plugin instances per extension point (Kubernetes' {@code
 * frameworkImpl}). Built by {@link #build}, which checks the whole profile first and reports every
 * problem at once.
 */
public final class Framework {

    final String profileName;
    final QueueSortPlugin queueSort;
    final PreFilterPlugin[] preFilters;
    final FilterPlugin[] filters;
    final PostFilterPlugin[] postFilters;
    final PreScorePlugin[] preScores;
    final ScorePlugin[] scores;
    final long[] scoreWeights;
    final ReservePlugin[] reserves;
    final PermitPlugin[] permits;
    final BindPlugin[] binders;
    final DeviceSelector deviceSelector;
    final ClusterEventListener[] listeners;
    final int percentageOfNodesToScore;
    private final Map<String, Plugin> instances;

    private Framework(String profileName, Map<String, Plugin> instances, Map<ExtensionPoint, List<Plugin>> byPoint,
            long[] scoreWeights, int percentageOfNodesToScore) {
        this.profileName = profileName;
        this.instances = instances;
        this.queueSort = (QueueSortPlugin) byPoint.get(ExtensionPoint.QUEUE_SORT).get(0);
        this.preFilters = byPoint.get(ExtensionPoint.PRE_FILTER).toArray(new PreFilterPlugin[0]);
        this.filters = byPoint.get(ExtensionPoint.FILTER).toArray(new FilterPlugin[0]);
        this.postFilters = byPoint.get(ExtensionPoint.POST_FILTER).toArray(new PostFilterPlugin[0]);
        this.preScores = byPoint.get(ExtensionPoint.PRE_SCORE).toArray(new PreScorePlugin[0]);
        this.scores = byPoint.get(ExtensionPoint.SCORE).toArray(new ScorePlugin[0]);
        this.scoreWeights = scoreWeights;
        this.reserves = byPoint.get(ExtensionPoint.RESERVE).toArray(new ReservePlugin[0]);
        this.permits = byPoint.get(ExtensionPoint.PERMIT).toArray(new PermitPlugin[0]);
        this.binders = byPoint.get(ExtensionPoint.BIND).toArray(new BindPlugin[0]);
        DeviceSelector ds = null;
        for (ScorePlugin s : scores) {
            if (s instanceof DeviceSelector d) {
                ds = d;
                break;
            }
        }
        this.deviceSelector = ds;
        List<ClusterEventListener> ls = new ArrayList<>();
        for (Plugin p : instances.values()) {
            if (p instanceof ClusterEventListener l) {
                ls.add(l);
            }
        }
        this.listeners = ls.toArray(new ClusterEventListener[0]);
        this.percentageOfNodesToScore = percentageOfNodesToScore;
    }

    /** Name of the queue sort plugin. */
    public String queueSortName() {
        return queueSort.name();
    }

    /** Profile name. */
    public String profileName() {
        return profileName;
    }

    /** The plugin instance enabled under {@code name}, or null. */
    public Plugin plugin(String name) {
        return instances.get(name);
    }

    /** Names of the plugins enabled at a point, in run order. */
    public List<String> enabled(ExtensionPoint point) {
        Plugin[] ps = switch (point) {
            case QUEUE_SORT -> new Plugin[] {queueSort};
            case PRE_FILTER -> preFilters;
            case FILTER -> filters;
            case POST_FILTER -> postFilters;
            case PRE_SCORE -> preScores;
            case SCORE -> scores;
            case RESERVE -> reserves;
            case PERMIT -> permits;
            case BIND -> binders;
        };
        List<String> out = new ArrayList<>();
        for (Plugin p : ps) {
            out.add(p.name());
        }
        return out;
    }

    /** Score weight of the enabled score plugin {@code name}, or 0 if it is not enabled at Score. */
    public long scoreWeight(String name) {
        for (int j = 0; j < scores.length; j++) {
            if (scores[j].name().equals(name)) {
                return scoreWeights[j];
            }
        }
        return 0;
    }

    /** Runs the filters in order; stops at the first failure, recording its index in {@code failed[node]}. */
    Code runFilters(CycleState state, Pod pod, int node, int[] failed) {
        FilterPlugin[] fs = filters;
        for (int j = 0; j < fs.length; j++) {
            Code c = fs[j].filter(state, pod, node);
            if (c != Code.SUCCESS) {
                if (failed != null) {
                    failed[node] = j;
                }
                return c;
            }
        }
        return Code.SUCCESS;
    }

    /**
     * Checks a profile against a registry and instantiates its plugins.
     *
     * @throws InvalidProfileException listing every problem: unknown plugin names (with a
     *     suggestion), weights outside [1, 100], plugins enabled at a point they do not implement,
     *     duplicates, a missing or second QueueSort, no Bind plugin, bad or unknown pluginConfig
     */
    public static Framework build(SchedulerProfile profile, Registry<PluginFactory<?>> registry, PluginContext context) {
        List<ConfigProblem> problems = new ArrayList<>();
        Plugins plugins = profile.plugins();

        // 1. Names, weights and duplicates in every set.
        Map<String, PluginFactory<?>> used = new LinkedHashMap<>();
        checkSet("plugins.multiPoint", plugins.multiPoint(), registry, used, problems);
        for (ExtensionPoint p : ExtensionPoint.values()) {
            checkSet("plugins." + p.configName(), plugins.at(p), registry, used, problems);
        }

        // 2. Plugin args.
        Map<String, PluginArgs> args = new LinkedHashMap<>();
        List<PluginConfig> cfg = profile.pluginConfig();
        for (int k = 0; k < cfg.size(); k++) {
            PluginConfig c = cfg.get(k);
            String path = "pluginConfig[" + k + "]";
            var f = registry.find(c.name());
            if (f.isEmpty()) {
                problems.add(ConfigProblem.at(path + ".name", c.name(), registry.unknownMessage(c.name())));
                continue;
            }
            if (args.put(c.name(), c.args()) != null) {
                problems.add(ConfigProblem.at(path + ".name", c.name(), "duplicate args for plugin \"" + c.name()
                        + "\""));
            }
            for (ConfigProblem m : f.get().validateUntyped(c.args())) {
                problems.add(m.under(path + ".args"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidProfileException(profile.schedulerName(), problems);
        }

        // 3. Instances, one per name.
        Map<String, Plugin> instances = new LinkedHashMap<>();
        for (Map.Entry<String, PluginFactory<?>> e : used.entrySet()) {
            PluginFactory<?> f = e.getValue();
            PluginArgs a = args.getOrDefault(e.getKey(), f.defaultArgs());
            Plugin p = f.createUntyped(a, context);
            if (!p.name().equals(e.getKey())) {
                problems.add(ConfigProblem.at("", "plugin factory \"" + e.getKey() + "\" built a plugin named \""
                        + p.name() + "\""));
            }
            instances.put(e.getKey(), p);
        }

        // 4. Resolve each point: multiPoint entries the plugin implements, minus disabled, then the
        //    point's own entries (which override a multiPoint entry of the same name).
        Map<ExtensionPoint, List<Plugin>> byPoint = new EnumMap<>(ExtensionPoint.class);
        List<Long> weights = new ArrayList<>();
        for (ExtensionPoint p : ExtensionPoint.values()) {
            PluginSet own = plugins.at(p);
            List<PluginRef> refs = new ArrayList<>();
            for (PluginRef r : plugins.multiPoint().enabled()) {
                Plugin inst = instances.get(r.name());
                if (inst != null && p.type().isInstance(inst) && !own.disables(r.name())
                        && !plugins.multiPoint().disabled().contains(r.name()) && !own.enables(r.name())) {
                    refs.add(r);
                }
            }
            for (int k = 0; k < own.enabled().size(); k++) {
                PluginRef r = own.enabled().get(k);
                Plugin inst = instances.get(r.name());
                if (inst != null && !p.type().isInstance(inst)) {
                    problems.add(ConfigProblem.at("plugins." + p.configName() + ".enabled[" + k + "]", r.name(),
                            "plugin \"" + r.name() + "\" does not implement the " + p.configName() + " extension point"));
                } else if (inst != null) {
                    refs.add(r);
                }
            }
            List<Plugin> list = new ArrayList<>();
            for (PluginRef r : refs) {
                list.add(instances.get(r.name()));
                if (p == ExtensionPoint.SCORE) {
                    weights.add((long) (r.weight() == 0 ? 1 : r.weight()));
                }
            }
            byPoint.put(p, list);
        }
        int sorts = byPoint.get(ExtensionPoint.QUEUE_SORT).size();
        if (sorts != 1) {
            problems.add(ConfigProblem.at("plugins.queueSort", "exactly one queue sort plugin must be enabled, found "
                    + sorts + (sorts > 1 ? " " + names(byPoint.get(ExtensionPoint.QUEUE_SORT)) : "")));
        }
        if (byPoint.get(ExtensionPoint.BIND).isEmpty()) {
            problems.add(ConfigProblem.at("plugins.bind", "at least one bind plugin must be enabled (for example \""
                    + "DefaultBinder" + "\")"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidProfileException(profile.schedulerName(), problems);
        }
        long[] w = new long[weights.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = weights.get(k);
        }
        return new Framework(profile.schedulerName(), instances, byPoint, w, profile.percentageOfNodesToScore());
    }

    private static List<String> names(List<Plugin> ps) {
        return ps.stream().map(Plugin::name).toList();
    }

    private static String enabledPath(String setPath, int k) {
        return setPath + ".enabled[" + k + "]";
    }

    private static void checkSet(String path, PluginSet set, Registry<PluginFactory<?>> registry,
            Map<String, PluginFactory<?>> used, List<ConfigProblem> problems) {
        java.util.HashSet<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < set.enabled().size(); k++) {
            PluginRef r = set.enabled().get(k);
            var f = registry.find(r.name());
            if (f.isEmpty()) {
                problems.add(ConfigProblem.at(enabledPath(path, k) + ".name", r.name(), registry.unknownMessage(r.name())));
            } else {
                used.putIfAbsent(r.name(), f.get());
            }
            if (!seen.add(r.name())) {
                problems.add(ConfigProblem.at(enabledPath(path, k) + ".name", r.name(), "plugin \"" + r.name()
                        + "\" is enabled twice"));
            }
            if (r.weight() != 0 && (r.weight() < 1 || r.weight() > 100)) {
                problems.add(ConfigProblem.at(enabledPath(path, k) + ".weight", r.weight(), r.weight()
                        + " is not in [1, 100]"));
            }
        }
        for (int k = 0; k < set.disabled().size(); k++) {
            String name = set.disabled().get(k);
            if (!name.equals("*") && registry.find(name).isEmpty()) {
                problems.add(ConfigProblem.at(path + ".disabled[" + k + "].name", name, registry.unknownMessage(name)));
            }
        }
    }
}
