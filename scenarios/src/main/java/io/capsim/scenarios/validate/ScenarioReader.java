package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.PriorityClass;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.Taint;
import io.capsim.engine.serving.FixedSlots;
import io.capsim.engine.serving.ReplicaEngines;
import io.capsim.engine.serving.Routers;
import io.capsim.engine.workload.JobSpec;
import io.capsim.engine.random.DistributionFactory;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.random.Distributions;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.TokenWork;
import io.capsim.engine.serving.Usage;
import io.capsim.engine.spi.Names;
import io.capsim.engine.spi.Registry;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.model.SchedulingScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
        Map<String, Problem> misspelt = new LinkedHashMap<>();
        for (String o : overrides) {
            applyOverride(map, o, problems, misspelt);
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

    /** The maps keyed by name at the top of a serving scenario, and what they hold. */
    private static final Map<String, String> NAMED_MAPS = Map.of(
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
        YamlNode.MapNode poolsNode = f.map("nodePools", true);
        if (poolsNode != null) {
            forEachNamed(poolsNode, "nodePools", problems, (key, fields) -> {
                NodePoolSpec p = readPool(key, fields);
                if (p != null) {
                    pools.add(p);
                }
            });
            if (poolsNode.entries().isEmpty()) {
                problems.add(poolsNode.location(), "nodePools", "at least one node pool is required");
            }
        }
        Map<String, PriorityClass> classes = readPriorityClasses(f);
        Registry<PluginFactory<?>> registry = plugins(problems);
        Scenario.SchedulerSetup scheduler = SchedulerReader.read(f, baseDir, registry);
        Set<String> profileNames = new LinkedHashSet<>();
        for (var p : (scheduler == null ? SchedulerReader.defaults() : scheduler).profiles()) {
            profileNames.add(p.schedulerName());
        }
        PodTemplateReader templates = new PodTemplateReader(classes, profileNames, pools);
        List<ServiceSpec> services = new ArrayList<>();
        YamlNode.MapNode servicesNode = f.map("services", false);
        if (servicesNode != null) {
            forEachNamed(servicesNode, "services", problems, (key, fields) -> {
                ServiceSpec s = readService(key, fields, templates);
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
            forEachNamed(arrivalsNode, "arrivals", problems, (key, fields) -> {
                Scenario.ArrivalSpec a = ArrivalReader.read(key, fields, serviceNames, jobNames, baseDir);
                if (a != null) {
                    arrivals.add(a);
                }
            });
        }
        for (Scenario.ArrivalSpec a : submissions) {
            if (arrivalsNode != null && arrivalsNode.get(a.name()) != null) {
                problems.add(arrivalsNode.keyLocation(a.name()), "arrivals." + a.name(), "\"" + a.name()
                        + "\" is the name of job " + a.targetName() + "'s submitAt stream; name this stream otherwise");
            }
        }
        arrivals.addAll(submissions);
        checkDemand(services, arrivals, arrivalsNode, problems);
        JobReader.checkRuntimes(jobs, arrivals, jobsNode, problems);
        List<Scenario.ArrivalSpec> fed = JobReader.requireDurations(jobs, arrivals);
        f.finish();
        if (scheduler == null) {
            return null;
        }
        return new Scenario(name, seed, duration, Math.min(warmup, duration), sample, pools,
                new ArrayList<>(classes.values()), scheduler, services, jobs, fed);
    }

    /**
     * A service without {@code serviceTime} must be fed only by arrivals that carry their demand
     * (a trace with work or token counts), since it has nothing else to draw from.
     */
    private static void checkDemand(List<ServiceSpec> services, List<Scenario.ArrivalSpec> arrivals,
            YamlNode.MapNode arrivalsNode, Problems problems) {
        for (ServiceSpec s : services) {
            if (s.serviceTime() != null) {
                continue;
            }
            for (Scenario.ArrivalSpec a : arrivals) {
                if (a.target() != Scenario.Target.SERVICE || !a.targetName().equals(s.name())) {
                    continue;
                }
                Scenario.SizeSpec z = a.sizes();
                boolean sized = z != null && (z.work() != null || z.inputTokens() != null || z.outputTokens() != null);
                boolean carries = sized || a.trace() != null && TraceFormats.REGISTRY.find(a.trace().format())
                        .map(tf -> tf.fields(a.trace().options())).orElse(Set.of()).stream()
                        .anyMatch(k -> k == ArrivalField.WORK || k == ArrivalField.INPUT_TOKENS
                                || k == ArrivalField.OUTPUT_TOKENS);
                if (!carries) {
                    YamlNode n = arrivalsNode.get(a.name());
                    problems.add(n == null ? arrivalsNode.location() : n.location(), "arrivals." + a.name(),
                            "feeds service " + s.name() + ", which has no serviceTime, but " + a.describe()
                                    + " carries neither work nor token counts; give services." + s.name()
                                    + ".serviceTime");
                }
            }
        }
    }

    interface NamedReader {
        void read(String key, Fields fields);
    }

    private static void forEachNamed(YamlNode.MapNode parent, String path, Problems problems, NamedReader reader) {
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

    /** {@code priorityClasses}: name to {value, preemptionPolicy, globalDefault}; plus the system classes. */
    private static Map<String, PriorityClass> readPriorityClasses(Fields f) {
        Map<String, PriorityClass> out = new LinkedHashMap<>();
        for (PriorityClass c : PriorityClass.SYSTEM) {
            out.put(c.name(), c);
        }
        YamlNode.MapNode node = f.map("priorityClasses", false);
        if (node == null) {
            return out;
        }
        String[] defaultOne = {null};
        forEachNamed(node, "priorityClasses", f.problems(), (key, c) -> {
            if (key.startsWith("system-")) {
                c.problemAt(node.keyLocation(key), "priorityClasses." + key, "names starting with \"system-\" are reserved for "
                        + "Kubernetes' own classes");
            }
            int value = (int) c.integer("value", true, 0, -PriorityClass.HIGHEST_USER_DEFINABLE,
                    PriorityClass.HIGHEST_USER_DEFINABLE);
            String policy = c.choice("preemptionPolicy", false, "PreemptLowerPriority",
                    new LinkedHashSet<>(List.of("PreemptLowerPriority", "Never")));
            boolean global = c.bool("globalDefault", false, false);
            c.string("description", false, "", null, null);
            if (global) {
                if (defaultOne[0] != null) {
                    c.problem("globalDefault", "only one priority class may be the global default (" + defaultOne[0]
                            + " already is)");
                }
                defaultOne[0] = key;
            }
            out.put(key, new PriorityClass(key, value, PodTemplateReader.preemptionPolicy(policy), global));
        });
        return out;
    }

    private static NodePoolSpec readPool(String name, Fields f) {
        int before = f.problemCount();
        int count = (int) f.integer("count", true, 0, 0, MAX_COUNT);
        long cpu = f.cpuMillis("cpu", true, 1, 1, 1_000_000_000L);
        long mem = f.memoryMiB("memory", true, 1, 1, 1_000_000_000_000L);
        int gpus = (int) f.integer("gpus", false, 0, 0, 64);
        String model = f.string("gpuModel", gpus > 0, "", null, null);
        if (gpus == 0 && !model.isEmpty()) {
            f.problem("gpuModel", "is given but the pool has no GPUs (set gpus)");
        }
        if (!model.isEmpty() && Labels.valueProblem(model) != null) {
            f.problem("gpuModel", Labels.valueProblem(model) + " (it becomes the label nvidia.com/gpu.product)");
        }
        long gpuMem = f.memoryMiB("gpuMemory", false, 0, 0, 1_000_000_000L);
        Map<String, Long> ext = new TreeMap<>();
        if (f.has("ephemeralStorage")) {
            ext.put("ephemeral-storage", f.memoryMiB("ephemeralStorage", true, 0, 0, 1_000_000_000_000L));
        }
        YamlNode.MapNode er = f.map("extendedResources", false);
        if (er != null) {
            Fields ef = new Fields(er, f.pathOf("extendedResources"), f.problems());
            for (String k : er.entries().keySet()) {
                if (!k.contains("/") || Labels.keyProblem(k) != null) {
                    ef.node(k);
                    ef.problemAt(er.keyLocation(k), ef.pathOf(k), "\"" + k + "\" is not an extended resource name "
                            + "(a domain-prefixed name such as example.com/fpga)");
                    continue;
                }
                if (k.equals("nvidia.com/gpu")) {
                    ef.node(k);
                    ef.problemAt(er.keyLocation(k), ef.pathOf(k), "GPUs are given with gpus and gpuModel, not as an "
                            + "extended resource");
                    continue;
                }
                ext.put(k, ef.integer(k, true, 0, 0, 1_000_000_000L));
            }
            ef.finish();
        }
        Map<String, String> labels = FieldLists.labels(f, "labels");
        for (String reserved : List.of(NodeSpec.POOL_LABEL, NodeSpec.HOSTNAME_LABEL, NodeSpec.ZONE_LABEL,
                NodeSpec.GPU_MODEL_LABEL, NodeSpec.GPU_PRODUCT_LABEL, NodeSpec.GPU_COUNT_LABEL, NodeSpec.GPU_MEMORY_LABEL)) {
            if (labels.containsKey(reserved)) {
                f.problem("labels", reserved + " is set by capsim on every node (from the pool's name, the node's"
                        + " name, zones, gpuModel, gpus and gpuMemory); set those fields instead");
            }
        }
        List<Taint> taints = new ArrayList<>();
        List<YamlNode.MapNode> ts = FieldLists.maps(f, "taints");
        for (int k = 0; k < ts.size(); k++) {
            Fields t = new Fields(ts.get(k), f.pathOf("taints") + "[" + k + "]", f.problems());
            String key = t.string("key", true, null, null, null);
            if (key != null && Labels.keyProblem(key) != null) {
                t.problem("key", Labels.keyProblem(key));
            }
            String value = t.string("value", false, "", null, null);
            if (value != null && !value.isEmpty() && Labels.valueProblem(value) != null) {
                t.problem("value", Labels.valueProblem(value));
            }
            String effect = t.choice("effect", true, null, new LinkedHashSet<>(List.of("NoSchedule", "PreferNoSchedule",
                    "NoExecute")));
            t.finish();
            if (key != null && effect != null && Labels.keyProblem(key) == null) {
                taints.add(new Taint(key, value, PodTemplateReader.taintEffect(effect)));
            }
        }
        List<String> zones = FieldLists.strings(f, "zones");
        for (String z : zones) {
            if (Labels.valueProblem(z) != null || z.isEmpty()) {
                f.problem("zones", z.isEmpty() ? "a zone name must not be empty" : Labels.valueProblem(z));
            }
        }
        double cost = f.number("costPerHour", false, 0, 0, false, 1e9);
        double speed = f.number("speed", false, 1, 0, true, 1000);
        if (f.problemCount() > before) {
            return null;
        }
        return new NodePoolSpec(name, count, cpu, mem, gpus, model, gpuMem, labels, taints, ext, zones, cost, speed);
    }

    private static ServiceSpec readService(String name, Fields f, PodTemplateReader templates) {
        int before = f.problemCount();
        int replicas = (int) f.integer("replicas", true, 1, 0, MAX_COUNT);
        String engine = f.choice("engine", false, FixedSlots.NAME, new LinkedHashSet<>(ReplicaEngines.REGISTRY.names()));
        int concurrency = (int) f.integer("concurrency", false, 1, 1, 1_000_000);
        long queueCapacity = f.integer("queueCapacity", false, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        String routing = f.choice("routing", false, Routers.SHARED_QUEUE, new LinkedHashSet<>(Routers.REGISTRY.names()));
        String loss = f.choice("onReplicaLoss", false, "retry", new LinkedHashSet<>(List.of("retry", "fail")));
        double startAt = f.seconds("startAt", false, 0, 0, false, MAX_SECONDS);
        PodSpec template = templates.read(name, f, Map.of("app", name));
        Resources req = template == null ? Resources.NONE : template.requests();
        long cpu = req.cpuMillis();
        long mem = req.memoryMiB();
        double gpus = req.gpuMilliTotal() / 1000.0;
        double perSlot = 1.0 / Math.max(1, concurrency);
        Usage usage = new Usage(0, cpu * perSlot, mem, 0, 0, gpus * perSlot);
        YamlNode.MapNode u = f.map("usage", false);
        if (u != null) {
            Fields uf = new Fields(u, f.pathOf("usage"), f.problems());
            long idleCpu = uf.cpuMillis("idleCpu", false, 0, 0, 1_000_000_000L);
            // Absent, the default stays exact (requests / concurrency), as without a usage map.
            double cpuPerRequest = uf.has("cpuPerRequest") ? uf.cpuMillis("cpuPerRequest", true, 0, 0, 1_000_000_000L)
                    : usage.cpuMillisPerRequest();
            long idleMem = uf.memoryMiB("idleMemory", false, mem, 0, 1_000_000_000_000L);
            long memPerRequest = uf.memoryMiB("memoryPerRequest", false, 0, 0, 1_000_000_000_000L);
            double idleGpu = uf.number("idleGpu", false, 0, 0, false, 64);
            double gpuPerRequest = uf.number("gpuPerRequest", false, usage.gpusPerRequest(), 0, false, 64);
            uf.finish();
            usage = new Usage(idleCpu, cpuPerRequest, idleMem, memPerRequest, idleGpu, gpuPerRequest);
        }
        TokenWork tokenWork = null;
        YamlNode.MapNode tw = f.map("tokenWork", false);
        if (tw != null) {
            Fields tf = new Fields(tw, f.pathOf("tokenWork"), f.problems());
            double base = tf.seconds("base", false, 0, 0, false, 3600);
            double perIn = tf.seconds("perInputToken", false, 0, 0, false, 60);
            double perOut = tf.seconds("perOutputToken", false, 0, 0, false, 60);
            tf.finish();
            tokenWork = new TokenWork(base * 1e9, perIn * 1e9, perOut * 1e9);
        }
        DistributionSpec serviceTime = null;
        YamlNode.MapNode st = f.map("serviceTime", tokenWork == null);
        if (st != null) {
            serviceTime = readDistribution(st, f.pathOf("serviceTime"), f.problems());
        }
        if (f.problemCount() > before || template == null || (serviceTime == null && tokenWork == null)) {
            return null;
        }
        return new ServiceSpec(name, replicas, template, engine, concurrency, (int) queueCapacity, routing, usage,
                serviceTime, tokenWork, loss.equals("retry") ? ServiceSpec.OnReplicaLoss.RETRY : ServiceSpec.OnReplicaLoss.FAIL,
                io.capsim.engine.kernel.SimTime.ofSeconds(startAt));
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
