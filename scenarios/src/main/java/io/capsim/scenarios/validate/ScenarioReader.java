package io.capsim.scenarios.validate;

import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
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
import java.util.regex.Pattern;

/**
 * Reads a scenario file, applies command-line overrides, and checks the whole scenario, reporting
 * every problem at once with file, line, column and field path.
 *
 * <p>The format is documented in {@code docs/SCENARIOS.md}.
 */
public final class ScenarioReader {

    /** Kubernetes DNS-1123 label: names of services, pools and arrival streams. */
    static final String LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
    static final String LABEL_FORMS = "a DNS-1123 label: lower-case letters, digits and '-', 1-63 characters, "
            + "starting and ending with a letter or digit";
    static final Pattern SCENARIO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
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
        byte[] bytes = readBytes(file, ReadSettings.DEFAULTS.limits());
        return parse(bytes, file.toString(), overrides, baseDir(file), ReadSettings.DEFAULTS);
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
        byte[] bytes = readBytes(file, settings.limits());
        ScenarioDocument doc = parse(bytes, file.toString(), overrides, baseDir(file), settings);
        return new Loaded(doc, sha256(bytes), bytes.length);
    }

    /** The file's bytes, up to one byte past the limit (which parsing then refuses). */
    private static byte[] readBytes(Path file, InputLimits limits) {
        String source = file.toString();
        try {
            String notRegular = io.capsim.workloads.trace.text.LineReader.notRegularFile(file);
            if (notRegular != null) {
                throw new ScenarioException(new Problem(Location.of(source), "", notRegular
                        + "; give a scenario file (YAML)"));
            }
            try (java.io.InputStream in = Files.newInputStream(file)) {
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16L, limits.maxScenarioBytes() + 1));
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(new Problem(Location.of(source), "", "no such file"));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ScenarioException(new Problem(Location.of(source), "", "cannot read: permission denied"));
        } catch (IOException e) {
            throw new ScenarioException(new Problem(Location.of(source), "", "cannot read: " + e.getMessage()));
        }
    }

    private static Path baseDir(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? Path.of("") : dir;
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
        Map<String, String> splitKeys = new LinkedHashMap<>();
        for (String o : overrides) {
            ScenarioOverrides.applyOverride(map, o, problems, misspelt, splitKeys);
        }
        problems.throwIfAny();
        try {
            return readChecked(map, problems, baseDir);
        } catch (ScenarioException e) {
            throw misspelt.isEmpty() && splitKeys.isEmpty() ? e : explainOverrides(e, misspelt, splitKeys);
        }
    }

    /**
     * Problems under a pool, service or stream that a {@code --set} created with a name close to
     * an existing one are the follow-ons of a misspelling: they give way to one problem naming
     * the existing name. A problem at a map that a {@code --set} made by splitting a key at its
     * dots says how to write the key whole.
     */
    private static ScenarioException explainOverrides(ScenarioException e, Map<String, Problem> misspelt,
            Map<String, String> splitKeys) {
        List<Problem> out = new ArrayList<>();
        Set<String> said = new LinkedHashSet<>();
        for (Problem p : e.problems()) {
            String hit = null;
            for (String prefix : misspelt.keySet()) {
                if (p.path().equals(prefix) || p.path().startsWith(prefix + ".")) {
                    hit = prefix;
                }
            }
            String split = splitKeys.get(p.path());
            if (hit != null) {
                if (said.add(hit)) {
                    out.add(misspelt.get(hit));
                }
            } else if (split != null) {
                out.add(new Problem(p.location(), p.path(), p.message() + split));
            } else {
                out.add(p);
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
            s = ServingScenarioReader.read(map, problems, baseDir);
        }
        problems.throwIfAny();
        return s;
    }

    /** Reads one named entry of a map of names (a pool, a service, a stream) from its fields. */
    interface NamedReader {
        void read(String key, Fields fields);
    }

    /**
     * Reads each entry of {@code parent} (at {@code path}) whose key is a DNS-1123 label and whose
     * value is a map; any other entry is a problem. Each entry's unknown fields are reported after
     * {@code reader} has read it.
     */
    static void forEachNamed(YamlNode.MapNode parent, String path, Problems problems, NamedReader reader) {
        SchemaRecorder.named(path);
        for (Map.Entry<String, YamlNode> e : parent.entries().entrySet()) {
            String key = e.getKey();
            String childPath = path + "." + key;
            if (!LABEL_PATTERN.matcher(key).matches()) {
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

    /**
     * The scheduler of a scenario without a {@code scheduler} section: kube-scheduler's defaults,
     * with the built-in plugins.
     */
    public static Scenario.SchedulerSetup defaultScheduler() {
        return SchedulerReader.defaults(BuiltInPlugins.registry());
    }
}
