package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.PriorityClass;
import io.capsim.engine.workload.JobSpec;
import io.capsim.engine.random.DistributionFactory;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.random.Distributions;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.controllers.ClusterAutoscaler;
import io.capsim.engine.controllers.HorizontalPodAutoscaler;
import io.capsim.engine.results.Slo;
import io.capsim.engine.serving.ContinuousBatching;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.spi.Names;
import io.capsim.engine.spi.Registry;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.model.SchedulingScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario file, applies command-line overrides, and checks the whole scenario, reporting
 * every problem at once with file, line, column and field path.
 *
 * <p>The format is documented in {@code docs/SCENARIOS.md}.
 */
public final class ScenarioReader {

    /** Kubernetes DNS-1123 label: names of services, pools and arrival streams. */
    static final String LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    static final String LABEL_FORMS = "a DNS-1123 label: lower-case letters, digits and '-', 1-63 characters, "
            + "starting and ending with a letter or digit";
    static final String SCENARIO_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    static final String SCENARIO_NAME_FORMS = "letters, digits, '.', '_' and '-', 1-100 characters, "
            + "starting with a letter or digit";

    static final double MAX_SECONDS = 366 * 86400.0;
    static final long MAX_COUNT = 100_000;

    private ScenarioReader() {}

    /**
     * Reads and checks a scenario file.
     *
     * @param file the scenario file
     * @param overrides {@code PATH=VALUE} strings from {@code --set}, applied in order
     * @throws ScenarioException with every problem found
     */
    public static Scenario read(Path file, List<String> overrides) {
        return serving(readDocument(file, overrides), file.toString());
    }

    /**
     * Reads and checks a scenario file of either kind: a file with a top-level {@code
     * schedulingExperiment} is a {@link SchedulingScenario}, any other a serving {@link Scenario}.
     * Scheduling plugins are looked up among the built-ins and the {@link PluginFactory}
     * implementations that {@link java.util.ServiceLoader} finds on the context class loader.
     *
     * @param file the scenario file
     * @param overrides {@code PATH=VALUE} strings from {@code --set}, applied in order
     * @throws ScenarioException with every problem found
     */
    public static ScenarioDocument readDocument(Path file, List<String> overrides) {
        return load(file, overrides, ReadSettings.DEFAULTS).document();
    }

    /**
     * A scenario as read: the checked document, and the SHA-256 of the file's bytes exactly as
     * parsed (for {@code run-info.json}).
     *
     * @param document the checked scenario of either kind
     * @param sha256 lower-case hex digest of the file's content
     * @param bytes the file's size
     */
    public record Loaded(ScenarioDocument document, String sha256, long bytes) {}

    /**
     * Reads and checks a scenario file of either kind (see {@link #readDocument(Path, List)})
     * within {@code settings}: the file is refused if it is not a regular file, is larger than
     * {@link InputLimits#maxScenarioBytes()} (checked before it is read whole), is not UTF-8 text,
     * or passes a YAML limit; files it names must lie in an allowed folder.
     *
     * @throws ScenarioException with every problem found
     */
    public static Loaded load(Path file, List<String> overrides, ReadSettings settings) {
        String source = file.toString();
        InputLimits limits = settings.limits();
        byte[] bytes;
        try {
            String notRegular = io.capsim.workloads.trace.text.LineReader.notRegularFile(file);
            if (notRegular != null) {
                throw new ScenarioException(new Problem(Location.of(source), "", notRegular
                        + "; give a scenario file (YAML)"));
            }
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16L, limits.maxScenarioBytes() + 1));
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(new Problem(Location.of(source), "", "no such file"));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ScenarioException(new Problem(Location.of(source), "", "cannot read: permission denied"));
        } catch (IOException e) {
            throw new ScenarioException(new Problem(Location.of(source), "", "cannot read: " + e.getMessage()));
        }
        Path dir = file.toAbsolutePath().getParent();
        ScenarioDocument doc = parse(bytes, source, overrides, dir == null ? Path.of("") : dir, settings);
        return new Loaded(doc, sha256(bytes), bytes.length);
    }

    /**
     * Parses and checks a scenario held in bytes (the content of a file named {@code source}).
     *
     * @param baseDir the folder file paths in it are relative to
     * @throws ScenarioException with every problem found
     */
    public static ScenarioDocument parse(byte[] bytes, String source, List<String> overrides, Path baseDir,
            ReadSettings settings) {
        return ReadContext.with(settings, () ->
                readDocument(YamlTree.parse(bytes, source, settings.limits()), source, overrides, baseDir));
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The scheduling plugins a scenario can name: the built-ins plus every {@link PluginFactory}
     * that {@link java.util.ServiceLoader} finds on the context class loader (out-of-tree plugins).
     *
     * @throws IllegalArgumentException if an out-of-tree plugin reuses a registered name
     */
    public static Registry<PluginFactory<?>> pluginRegistry() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return BuiltInPlugins.registryWithServiceLoader(loader != null ? loader : ScenarioReader.class.getClassLoader());
    }

    private static Scenario serving(ScenarioDocument d, String source) {
        if (d instanceof Scenario s) {
            return s;
        }
        throw new ScenarioException(new Problem(Location.of(source), "schedulingExperiment",
                "this command needs a serving scenario; " + source + " is a scheduling experiment"));
    }

    /**
     * Checks a parsed scenario (see {@link #read(Path, List)}).
     *
     * @param baseDir folder against which relative trace paths are resolved
     */
    public static Scenario read(YamlNode root, String source, List<String> overrides, Path baseDir) {
        return serving(readDocument(root, source, overrides, baseDir), source);
    }

    /** Checks a parsed scenario of either kind (see {@link #readDocument(Path, List)}). */
    public static ScenarioDocument readDocument(YamlNode root, String source, List<String> overrides, Path baseDir) {
        Problems problems = new Problems();
        if (!(root instanceof YamlNode.MapNode map)) {
            throw new ScenarioException(new Problem(root.location(), "", "expected a map of scenario fields, found "
                    + root.describe()));
        }
        if (map.get("kind") instanceof YamlNode.Scalar kind && kind.text().equals("KubeSchedulerConfiguration")) {
            throw new ScenarioException(new Problem(kind.location(), "kind", "this file is a KubeSchedulerConfiguration, "
                    + "not a scenario: name it in a scenario's scheduler.configuration (as gpu-cluster.yaml names "
                    + "scheduler-config.yaml), or give capsim a scenario file"));
        }
        Map<String, Problem> misspelt = new LinkedHashMap<>();
        for (String o : overrides) {
            ScenarioOverrides.applyOverride(map, o, problems, misspelt);
        }
        problems.throwIfAny();
        try {
            return readChecked(map, problems, baseDir);
        } catch (ScenarioException e) {
            throw misspelt.isEmpty() ? e : explainMisspelt(e, misspelt);
        }
    }

    /**
     * Problems under a pool, service or stream that a {@code --set} created with a name close to
     * an existing one are the follow-ons of a misspelling: they give way to one problem naming
     * the existing name.
     */
    private static ScenarioException explainMisspelt(ScenarioException e, Map<String, Problem> misspelt) {
        List<Problem> out = new ArrayList<>();
        Set<String> said = new LinkedHashSet<>();
        for (Problem p : e.problems()) {
            String hit = null;
            for (String prefix : misspelt.keySet()) {
                if (p.path().equals(prefix) || p.path().startsWith(prefix + ".")) {
                    hit = prefix;
                }
            }
            if (hit == null) {
                out.add(p);
            } else if (said.add(hit)) {
                out.add(misspelt.get(hit));
            }
        }
        return new ScenarioException(out);
    }

    private static ScenarioDocument readChecked(YamlNode.MapNode map, Problems problems, Path baseDir) {
        ScenarioDocument s;
        if (map.get("schedulingExperiment") != null) {
            Registry<PluginFactory<?>> registry;
            try {
                registry = pluginRegistry();
            } catch (IllegalArgumentException | java.util.ServiceConfigurationError e) {
                throw new ScenarioException(new Problem(Location.of("classpath"), "", "cannot load the scheduling "
                        + "plugins on the classpath: " + e.getMessage()));
            }
            s = SchedulingScenarioReader.read(map, problems, baseDir, registry);
        } else {
            s = readScenario(map, problems, baseDir);
        }
        problems.throwIfAny();
        return s;
    }

    private static Scenario readScenario(YamlNode.MapNode map, Problems problems, Path baseDir) {
        Fields f = new Fields(map, "", problems);
        String name = f.string("name", true, "scenario", SCENARIO_NAME, SCENARIO_NAME_FORMS);
        f.string("description", false, "", null, null);
        long seed = f.integer("seed", false, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        double duration = f.seconds("duration", true, 1, 0, true, MAX_SECONDS);
        double warmup = f.seconds("warmup", false, 0, 0, false, MAX_SECONDS);
        if (warmup >= duration && f.has("warmup")) {
            f.problem("warmup", Fields.fmt(warmup) + " s must be less than duration (" + Fields.fmt(duration) + " s)");
        }
        double sample = f.seconds("sampleInterval", false, Math.max(1e-3, duration / 500), 1e-3, false, MAX_SECONDS);
        List<NodePoolSpec> pools = new ArrayList<>();
        Map<String, ClusterAutoscalerReader.Bounds> bounds = new LinkedHashMap<>();
        YamlNode.MapNode poolsNode = f.map("nodePools", true);
        if (poolsNode != null) {
            forEachNamed(poolsNode, "nodePools", problems, (key, fields) -> {
                NodePoolSpec p = ClusterReader.readPool(key, fields);
                ClusterAutoscalerReader.Bounds b = ClusterAutoscalerReader.readPool(fields, p == null ? -1 : p.count());
                if (p != null) {
                    pools.add(p);
                }
                if (ClusterAutoscalerReader.givesBounds(fields)) {
                    bounds.put(key, b); // null when wrong (reported): no follow-on problem
                }
            });
            if (poolsNode.entries().isEmpty()) {
                problems.add(poolsNode.location(), "nodePools", "at least one node pool is required");
            }
        }
        ClusterAutoscaler.Spec clusterAutoscaler = ClusterAutoscalerReader.read(f, pools, bounds);
        Map<String, PriorityClass> classes = ClusterReader.readPriorityClasses(f);
        Registry<PluginFactory<?>> registry = plugins(problems);
        Scenario.SchedulerSetup scheduler = SchedulerReader.read(f, baseDir, registry);
        Set<String> profileNames = new LinkedHashSet<>();
        for (var p : (scheduler == null ? SchedulerReader.defaults() : scheduler).profiles()) {
            profileNames.add(p.schedulerName());
        }
        PodTemplateReader templates = new PodTemplateReader(classes, profileNames, pools);
        List<ServiceSpec> services = new ArrayList<>();
        List<Slo> slos = new ArrayList<>();
        List<HorizontalPodAutoscaler.Spec> autoscalers = new ArrayList<>();
        YamlNode.MapNode servicesNode = f.map("services", false);
        if (servicesNode != null) {
            forEachNamed(servicesNode, "services", problems, (key, fields) -> {
                ServiceSpec read = ServiceReader.readService(key, fields, templates);
                var sizing = SizingReader.read(fields, read == null ? 1 : read.template().requests().cpuMillis());
                ServiceSpec s = read == null || sizing == null ? read : read.withSizing(sizing);
                SloReader.readService(key, fields, slos, s != null && s.engine().equals(ContinuousBatching.NAME));
                HorizontalPodAutoscaler.Spec hpa = AutoscalingReader.read(key, fields,
                        s == null || s.template().requests().cpuMillis() > 0);
                if (hpa != null) {
                    autoscalers.add(hpa);
                }
                if (s != null) {
                    services.add(s);
                }
            });
        }
        List<JobSpec> jobs = new ArrayList<>();
        List<Scenario.ArrivalSpec> submissions = new ArrayList<>();
        YamlNode.MapNode jobsNode = f.map("jobs", false);
        if (jobsNode != null) {
            forEachNamed(jobsNode, "jobs", problems, (key, fields) -> {
                JobSpec j = JobReader.read(key, fields, templates, scheduler, submissions);
                SloReader.readJob(key, fields, slos);
                if (j != null) {
                    jobs.add(j);
                }
            });
        }
        if ((servicesNode == null || servicesNode.entries().isEmpty()) && (jobsNode == null || jobsNode.entries().isEmpty())) {
            problems.add(map.location(), "services", "a scenario needs at least one service or job");
        }
        List<Scenario.ArrivalSpec> arrivals = new ArrayList<>();
        YamlNode.MapNode arrivalsNode = f.map("arrivals", false);
        if (arrivalsNode != null) {
            Set<String> serviceNames = servicesNode == null ? Set.of() : new LinkedHashSet<>(servicesNode.entries().keySet());
            Set<String> jobNames = jobsNode == null ? Set.of() : new LinkedHashSet<>(jobsNode.entries().keySet());
            Map<String, String[]> copies = new LinkedHashMap<>(); // name -> {kind, target, copied stream}
            forEachNamed(arrivalsNode, "arrivals", problems, (key, fields) -> {
                if (fields.has("copyOf")) {
                    String[] c = ArrivalReader.readCopy(fields, serviceNames, jobNames);
                    if (c != null) {
                        copies.put(key, c);
                    }
                    return;
                }
                Scenario.ArrivalSpec a = ArrivalReader.read(key, fields, serviceNames, jobNames, baseDir);
                if (a != null) {
                    arrivals.add(a);
                }
            });
            for (Map.Entry<String, String[]> c : copies.entrySet()) {
                String of = c.getValue()[2];
                Scenario.Target kind = c.getValue()[0].equals("job") ? Scenario.Target.JOB : Scenario.Target.SERVICE;
                Scenario.ArrivalSpec original = arrivals.stream().filter(a -> a.name().equals(of)).findFirst().orElse(null);
                YamlNode.MapNode node = (YamlNode.MapNode) arrivalsNode.get(c.getKey());
                if (original == null) {
                    if (arrivalsNode.get(of) == null || copies.containsKey(of)) {
                        problems.add(node.get("copyOf").location(), "arrivals." + c.getKey() + ".copyOf",
                                copies.containsKey(of) ? "\"" + of + "\" is itself a copy; copy the stream it copies"
                                        : Names.unknown("arrival stream", of, arrivalsNode.entries().keySet()));
                    }
                    continue; // the original has problems of its own, reported already
                }
                if (original.target() != kind) {
                    problems.add(node.get("copyOf").location(), "arrivals." + c.getKey() + ".copyOf", "\"" + of
                            + "\" " + (kind == Scenario.Target.JOB ? "sends requests to a service" : "submits job instances")
                            + "; a copy feeds the same kind of target (give " + (kind == Scenario.Target.JOB ? "service" : "job")
                            + " instead)");
                    continue;
                }
                arrivals.add(original.copy(c.getKey(), kind, c.getValue()[1]));
            }
        }
        for (Scenario.ArrivalSpec a : submissions) {
            if (arrivalsNode != null && arrivalsNode.get(a.name()) != null) {
                problems.add(arrivalsNode.keyLocation(a.name()), "arrivals." + a.name(), "\"" + a.name()
                        + "\" is the name of job " + a.targetName() + "'s submitAt stream; name this stream otherwise");
            }
        }
        arrivals.addAll(submissions);
        ServiceReader.checkDemand(services, arrivals, arrivalsNode, problems);
        JobReader.checkRuntimes(jobs, arrivals, jobsNode, problems);
        List<Scenario.ArrivalSpec> fed = JobReader.requireDurations(jobs, arrivals);
        f.finish();
        if (scheduler == null) {
            return null;
        }
        return new Scenario(name, seed, duration, Math.min(warmup, duration), sample, pools,
                new ArrayList<>(classes.values()), scheduler, services, jobs, fed, slos, autoscalers, clusterAutoscaler);
    }

    interface NamedReader {
        void read(String key, Fields fields);
    }

    static void forEachNamed(YamlNode.MapNode parent, String path, Problems problems, NamedReader reader) {
        SchemaRecorder.named(path);
        for (Map.Entry<String, YamlNode> e : parent.entries().entrySet()) {
            String key = e.getKey();
            String childPath = path + "." + key;
            if (!key.matches(LABEL)) {
                problems.add(parent.keyLocation(key), childPath, "\"" + key + "\" is not a valid name; use " + LABEL_FORMS);
                continue;
            }
            if (!(e.getValue() instanceof YamlNode.MapNode m)) {
                problems.add(e.getValue().location(), childPath, "expected a map, found " + e.getValue().describe());
                continue;
            }
            Fields fields = new Fields(m, childPath, problems);
            reader.read(key, fields);
            fields.finish();
        }
    }


    /** The scheduler of a scenario without a {@code scheduler} section: kube-scheduler's defaults. */
    public static Scenario.SchedulerSetup defaultScheduler() {
        return SchedulerReader.defaults();
    }

    private static Registry<PluginFactory<?>> plugins(Problems problems) {
        try {
            return pluginRegistry();
        } catch (IllegalArgumentException | java.util.ServiceConfigurationError e) {
            problems.add(Location.of("classpath"), "", "cannot load the scheduling plugins on the classpath: "
                    + e.getMessage());
            return BuiltInPlugins.registry();
        }
    }

    /** Reads {@code {type: NAME, param: value...}} for a duration distribution. */
    public static DistributionSpec readDistribution(YamlNode.MapNode node, String path, Problems problems) {
        Fields f = new Fields(node, path, problems);
        DistributionSpec spec = readDistribution(f, false);
        f.finish();
        return spec;
    }

    /**
     * Reads {@code type} and that distribution's parameters from {@code f}, leaving other keys to
     * the caller (which calls {@link Fields#finish()}). Reports every problem.
     *
     * @param counts true to read every parameter as a plain number (token counts); false to read
     *     durations in seconds or with units, except the distribution's dimensionless parameters
     * @return the spec, or null if anything was wrong
     */
    static DistributionSpec readDistribution(Fields f, boolean counts) {
        int before = f.problemCount();
        String type = f.choice("type", true, null, new LinkedHashSet<>(Distributions.REGISTRY.names()));
        if (type == null) {
            f.markAllKnown();
            return null;
        }
        DistributionFactory factory = Distributions.REGISTRY.find(type).orElseThrow();
        if (SchemaRecorder.active()) {
            for (String t : Distributions.REGISTRY.names()) {
                DistributionFactory df = Distributions.REGISTRY.find(t).orElseThrow();
                for (String p : df.parameters()) {
                    SchemaRecorder.field(f.pathPrefix(), p, counts || df.dimensionless(p)
                            ? SchemaRecorder.Kind.NUMBER : SchemaRecorder.Kind.DURATION, false);
                }
            }
        }
        Map<String, Double> params = new LinkedHashMap<>();
        for (String p : factory.parameters()) {
            if (!f.has(p)) {
                continue;
            }
            double v = counts || factory.dimensionless(p)
                    ? f.number(p, true, Double.NaN, 0, false, 1e12)
                    : f.seconds(p, true, Double.NaN, 0, false, MAX_SECONDS);
            if (!Double.isNaN(v)) {
                params.put(p, v);
            }
        }
        DistributionSpec spec = new DistributionSpec(type, params);
        if (f.problemCount() == before) {
            for (DistributionFactory.ParamProblem pp : factory.validate(spec)) {
                f.problem(pp.parameter(), pp.message());
            }
        }
        return f.problemCount() == before ? spec : null;
    }

}
