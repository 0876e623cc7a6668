package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.reports.compare.Comparison;
import io.capsim.reports.compare.ComparisonReports;
import io.capsim.reports.compare.Tolerances;
import io.capsim.reports.io.OutputFile;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.json.DeterministicJson;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.run.Replications;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code capsim regress DIR}: every scenario in DIR against its stored baseline, like snapshot
 * tests; {@code --update} rewrites the baselines.
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {
            "Run every scenario (*.yaml, *.yml) in DIR with R replications and compare it with its baseline, "
                    + "<name>.baseline.json beside it (as capsim compare does; tolerances from --tolerances or "
                    + "DIR/tolerances.yaml). Writes report.html, junit.xml, report.md and each scenario's "
                    + "<name>.summary.json into the output folder. --update runs them and rewrites the baselines.",
            "Exit 0: no regression; 1: a regression; 2: bad input, or a baseline missing (without --update)."
        })
final class RegressCommand implements Callable<Integer> {

    /** The tolerance file a suite folder may hold. */
    static final String TOLERANCES = "tolerances.yaml";
    /** The suffix of a baseline beside its scenario. */
    static final String BASELINE = ".baseline.json";

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of scenarios and their baselines.")
    Path dir;

    @Option(names = "--update", description = "Run the scenarios and write their baselines (replacing old ones).")
    boolean update;

    @Option(names = "--replications", paramLabel = "R", description = "Replications per scenario (default: 10).")
    int replications = 10;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: one per processor). Results do "
            + "not depend on it.")
    Integer threads;

    @Option(names = "--tolerances", paramLabel = "FILE", description = "Tolerance file (default: DIR/"
            + TOLERANCES + " if present, else 5%% relative).")
    Path tolerances;

    @Option(names = "--level", paramLabel = "ALPHA", description = "Significance level per scenario (default: 0.05).")
    double level = 0.05;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: out/regress).")
    Path out;

    @Option(names = "--force", description = "Replace an output folder or baseline capsim did not write.")
    boolean force;

    @Mixin
    LimitOptions limits;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReplicationRun.check(spec, replications, threads);
        Comparisons.checkLevel(level);
        if (!Files.isDirectory(dir)) {
            throw bad(dir.toString(), "DIR: no such folder");
        }
        List<Path> files = scenarioFiles();
        if (files.isEmpty()) {
            throw bad(dir.toString(), "DIR: no scenario (*.yaml, *.yml) in the folder");
        }
        Path tol = tolerances != null ? tolerances
                : Files.isRegularFile(dir.resolve(TOLERANCES)) ? dir.resolve(TOLERANCES) : null;
        Tolerances t = Comparisons.tolerances(tol);
        // Everything is read and checked before anything runs.
        List<Scenario> scenarios = new ArrayList<>();
        List<Problem> missing = new ArrayList<>();
        List<JsonNode> baselines = new ArrayList<>();
        for (Path f : files) {
            if (!stem(f).matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,150}")) {
                throw bad(f.toString(), "a scenario file in a regression folder is named with letters, digits, "
                        + "'.', '_' and '-' only (its name names its outputs)");
            }
            ScenarioDocument d = ScenarioReader.load(f, List.of(), limits.settings(List.of())).document();
            if (!(d instanceof Scenario s)) {
                throw bad(f.toString(), "regress runs serving scenarios; this is a scheduling experiment");
            }
            scenarios.add(s);
            Path b = baselineOf(f);
            if (!update) {
                if (Files.isRegularFile(b)) {
                    baselines.add(Comparisons.readSummary(b, "baseline"));
                } else {
                    missing.add(new Problem(Location.of(b.toString()), "", "no baseline for " + f.getFileName()
                            + "; create it with: capsim regress " + dir + " --update"));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ScenarioException(missing);
        }
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter w = spec.commandLine().getOut();
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        if (update) {
            for (int k = 0; k < files.size(); k++) {
                ObjectNode summary = Replications.run(scenarios.get(k), replications, nThreads, waitingLimit())
                        .summary();
                Path b = baselineOf(files.get(k));
                try (OutputFile f = OutputDirs.openFile(b, "baseline", force, List.of(files.get(k)),
                        p -> p.getFileName().toString().endsWith(BASELINE), top.guard)) {
                    DeterministicJson.write(summary, f.stream());
                    f.stream().close();
                    f.commit();
                }
                w.println(Terminal.safe("wrote " + b));
            }
            w.flush();
            return CapsimCommand.OK;
        }
        List<Path> inputs = new ArrayList<>(files);
        inputs.add(dir);
        try (OutputFolder folder = OutputDirs.openFolder(out != null ? out : Path.of("out", "regress"), "--out",
                force, inputs, top.guard)) {
            long t0 = System.nanoTime();
            List<Comparison> comparisons = new ArrayList<>();
            for (int k = 0; k < files.size(); k++) {
                String name = stem(files.get(k));
                ObjectNode summary = Replications.run(scenarios.get(k), replications, nThreads, waitingLimit())
                        .summary();
                folder.write(name + ".summary.json", o -> DeterministicJson.write(summary, o));
                comparisons.add(Comparison.of(name, baselines.get(k), summary, t, level));
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("capsimVersion", VersionProvider.version());
            info.put("javaVersion", System.getProperty("java.version"));
            info.put("runId", folder.runId());
            info.put("commandLine", spec.root().commandLine().getParseResult().originalArgs());
            info.put("scenarios", files.stream().map(Path::toString).toList());
            info.put("tolerances", tol == null ? null : tol.toString());
            info.put("replications", replications);
            info.put("threads", nThreads);
            info.put("wallSeconds", (System.nanoTime() - t0) / 1e9);
            folder.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(info, o));
            folder.write("junit.xml", o -> o.write(ComparisonReports.junit(comparisons)
                    .getBytes(StandardCharsets.UTF_8)));
            folder.write("report.md", o -> o.write(ComparisonReports.markdown(comparisons)
                    .getBytes(StandardCharsets.UTF_8)));
            folder.write("report.html", o -> o.write(ComparisonReports.html("capsim regress " + dir, comparisons)
                    .getBytes(StandardCharsets.UTF_8)));
            folder.commit();
            Comparisons.print(w, ComparisonReports.text(comparisons));
            w.println(Terminal.safe("report: " + folder.dir().resolve("report.html")));
            w.flush();
            return comparisons.stream().anyMatch(Comparison::regressed) ? CapsimCommand.REGRESSION : CapsimCommand.OK;
        }
    }

    private long waitingLimit() {
        return limits.values().get(LimitOptions.Limit.WAITING_REQUESTS.key);
    }

    private List<Path> scenarioFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.equals(TOLERANCES) && Files.isRegularFile(p);
            }).sorted().toList();
        }
    }

    /** The file name without its .yaml or .yml. */
    static String stem(Path scenario) {
        String n = scenario.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    static Path baselineOf(Path scenario) {
        return scenario.resolveSibling(stem(scenario) + BASELINE);
    }

    private static ScenarioException bad(String where, String message) {
        return new ScenarioException(new Problem(Location.of(where), "", message));
    }
}
