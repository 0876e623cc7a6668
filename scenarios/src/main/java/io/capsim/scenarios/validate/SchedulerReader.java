package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.config.InvalidProfileException;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.engine.spi.Names;
import io.capsim.engine.spi.Registry;
import io.capsim.scenarios.model.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario's {@code scheduler} section: a whole KubeSchedulerConfiguration document
 * ({@code configuration}, inline or as a path to a YAML file beside the scenario) plus capsim's
 * cost of a scheduling cycle and of a bind and its tie-break. Without the section, or without
 * {@code configuration}, the run uses kube-scheduler's defaults: one profile, {@code
 * default-scheduler}, with the default plugins and the adaptive {@code percentageOfNodesToScore}.
 */
final class SchedulerReader {

    static final String API_VERSION = "kubescheduler.config.k8s.io/v1";
    static final String KIND = "KubeSchedulerConfiguration";

    /** Top-level fields of KubeSchedulerConfiguration that change nothing in a simulation. */
    static final List<String> NO_EFFECT = List.of("parallelism", "leaderElection", "clientConnection",
            "healthzBindAddress", "metricsBindAddress", "enableProfiling", "enableContentionProfiling",
            "delayCacheUntilActive");

    private SchedulerReader() {}

    /** kube-scheduler's defaults with capsim's default costs, built from {@code registry}'s plugins. */
    static Scenario.SchedulerSetup defaults(Registry<PluginFactory<?>> registry) {
        return new Scenario.SchedulerSetup(List.of(BuiltInProfiles.kubernetesDefault()), SchedulerConfig.defaults(),
                "defaults", registry);
    }

    static Scenario.SchedulerSetup read(Fields parent, Path baseDir, Registry<PluginFactory<?>> registry) {
        YamlNode.MapNode node = parent.map("scheduler", false);
        if (node == null) {
            return defaults(registry);
        }
        Fields f = new Fields(node, parent.pathOf("scheduler"), parent.problems());
        int before = f.problemCount();
        double cycle = f.seconds("cycleCost", false, 0.001, 0, false, 3600);
        double bind = f.seconds("bindCost", false, 0, 0, false, 3600);
        String tie = f.choice("tieBreak", false, "random", Names.ordered("random", "lowestName"));
        YamlNode conf = f.node("configuration");
        SchedulerConfig config = SchedulerConfig.defaults();
        List<SchedulerProfile> profiles = List.of(BuiltInProfiles.kubernetesDefault());
        String source = "defaults";
        if (conf != null) {
            YamlNode.MapNode doc = null;
            String docPath = f.pathOf("configuration");
            if (conf instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.STRING) {
                source = s.text();
                // A file named by the scenario: inside the allowed folders, within the scenario limits.
                Path file = InputFiles.check(f, "configuration", s.text(), baseDir);
                InputLimits limits = ReadContext.current().limits();
                if (file != null) {
                    try {
                        YamlNode root = YamlTree.parse(InputFiles.read(file, limits.maxScenarioBytes(),
                                f.locationOf("configuration"), f.pathOf("configuration")), s.text(), limits);
                        if (root instanceof YamlNode.MapNode m) {
                            doc = m;
                            // Problems name the file's own paths; the schema records it where it is named.
                            docPath = SchemaRecorder.active() ? docPath : "";
                        } else {
                            f.problemAt(root.location(), "", "expected a KubeSchedulerConfiguration map, found "
                                    + root.describe());
                        }
                    } catch (ScenarioException e) {
                        for (Problem p : e.problems()) {
                            f.problemAt(p.location(), p.path(), p.message());
                        }
                    } catch (IOException e) {
                        f.problem("configuration", "cannot read " + file + ": " + e.getMessage());
                    }
                }
            } else if (conf instanceof YamlNode.MapNode m) {
                doc = m;
                source = "inline";
            } else {
                f.problem("configuration", "expected a KubeSchedulerConfiguration (a map) or the path of a file holding "
                        + "one, found " + conf.describe());
            }
            if (doc != null) {
                Fields c = new Fields(doc, docPath, f.problems());
                String api = c.string("apiVersion", true, null, null, null);
                if (api != null && !api.equals(API_VERSION)) {
                    c.problem("apiVersion", "\"" + api + "\" is not supported (allowed: " + API_VERSION + ")");
                }
                String kind = c.string("kind", true, null, null, null);
                if (kind != null && !kind.equals(KIND)) {
                    c.problem("kind", "\"" + kind + "\" is not allowed (allowed: " + KIND + ")");
                }
                int pct = (int) c.integer("percentageOfNodesToScore", false, 0, 0, 100);
                long initial = c.integer("podInitialBackoffSeconds", false, 1, 0, 86_400);
                long max = c.integer("podMaxBackoffSeconds", false, 10, 0, 86_400);
                if (max < initial) {
                    c.problem("podMaxBackoffSeconds", max + " is less than podInitialBackoffSeconds (" + initial + ")");
                    max = initial;
                }
                for (String k : NO_EFFECT) {
                    c.node(k);
                }
                if (c.has("extenders")) {
                    c.problem("extenders", "scheduler extenders are not modelled by capsim; write the policy as a "
                            + "plugin (docs/PLUGINS.md)");
                }
                List<YamlNode.MapNode> items = FieldLists.maps(c, "profiles");
                List<SchedulerProfile> read = new ArrayList<>();
                Map<String, Location> names = new HashMap<>();
                int pb = f.problems().size();
                for (int k = 0; k < items.size(); k++) {
                    String pp = c.pathOf("profiles") + "[" + k + "]";
                    SchedulerProfile p = ProfileReader.readConfigurationProfile(items.get(k), pp, f.problems(), registry);
                    if (p != null) {
                        Location prev = names.putIfAbsent(p.schedulerName(), items.get(k).location());
                        if (prev != null) {
                            c.problemAt(items.get(k).location(), pp + ".schedulerName", "profile \"" + p.schedulerName()
                                    + "\" is defined twice (first at line " + prev.line() + ")");
                        }
                        read.add(p);
                    }
                }
                c.finish();
                if (!items.isEmpty() && f.problems().size() == pb) {
                    profiles = read;
                }
                config = new SchedulerConfig(SimTime.ofSeconds(cycle), SimTime.ofSeconds(bind),
                        initial * SimTime.SECOND, max * SimTime.SECOND, 300 * SimTime.SECOND, pct,
                        SchedulerConfig.TieBreak.RANDOM);
                if (f.problems().size() == pb && profiles.size() > 1) {
                    checkTogether(profiles, config, registry, c, items);
                }
            }
        }
        config = new SchedulerConfig(SimTime.ofSeconds(cycle), SimTime.ofSeconds(bind), config.podInitialBackoffTicks(),
                config.podMaxBackoffTicks(), config.maxUnschedulableTicks(), config.percentageOfNodesToScore(),
                tie.equals("lowestName") ? SchedulerConfig.TieBreak.LOWEST_NAME : SchedulerConfig.TieBreak.RANDOM);
        f.finish();
        return f.problemCount() > before ? null : new Scenario.SchedulerSetup(profiles, config, source, registry);
    }

    /** The checks kube-scheduler makes across profiles (one queue sort for all). */
    private static void checkTogether(List<SchedulerProfile> profiles, SchedulerConfig config,
            Registry<PluginFactory<?>> registry, Fields c, List<YamlNode.MapNode> items) {
        try {
            ClusterState probe = new ClusterState(List.of(NodeSpec.of("probe", 1000, 1024, 1, "probe")));
            new Scheduler(new Simulator(), probe, profiles, config, new RandomStreams(1), TargetWorkload.EMPTY, registry);
        } catch (InvalidProfileException e) {
            for (ConfigProblem m : e.problems()) {
                int k = 0;
                for (int i = 0; i < profiles.size(); i++) {
                    if (profiles.get(i).schedulerName().equals(e.profile())) {
                        k = i;
                    }
                }
                c.problemAt(ProfileReader.locateIn(items.get(k), m.path(), m.aboutKey()),
                        m.under(c.pathOf("profiles") + "[" + k + "]").path(), m.message());
            }
        }
    }
}
