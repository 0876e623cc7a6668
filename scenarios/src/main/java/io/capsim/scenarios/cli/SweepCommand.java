package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.reports.ReportWriter;
import io.capsim.reports.io.OutputFile;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.model.RunReport;
import io.capsim.reports.saved.SavedRun;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.sweep.SweepGrid;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ReadSettings;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capsim sweep FILE --param PATH=V1,V2,...}: runs the cartesian product of overrides in parallel. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {
            "Run a scenario at every combination of --param values (the cartesian product of --set overrides), "
                    + "in parallel, each point into its own complete result folder inside the sweep folder, then "
                    + "write sweep.csv: one row per point, its parameters and every numeric field of its "
                    + "summary.json.",
            "Resumable: a point whose folder is complete (and was run from the same scenario and overrides) is "
                    + "not run again, so an interrupted sweep re-runs only the points that had not finished. "
                    + "--shard I/N runs one slice; capsim merge combines the slices (docs/SWEEPS.md)."
        })
final class SweepCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--param", paramLabel = "PATH=V1,V2,...", required = true,
            description = "A field to sweep and its values, e.g. --param services.web.replicas=2,4,8. Repeatable; "
                    + "the first --param varies slowest.")
    List<String> params = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Sweep folder (default: out/<scenario-name>-sweep).")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "Points run at once (default: the number of cores).")
    Integer threads;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run only the I-th of N slices of the points (point k is in slice (k mod N) + 1).")
    String shard;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--force", description = "Write into a non-empty folder that is not a sweep folder.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SweepGrid grid = SweepGrid.parse("--param", params);
        SweepGrid.Shard slice = shard == null ? SweepGrid.Shard.ALL : SweepGrid.Shard.parse("--shard", shard);
        int n = Workers.threads(threads);
        ScenarioReader.Loaded base = scenario.load();
        if (!(base.document() instanceof Scenario baseScenario)) {
            throw new ScenarioException(new Problem(Location.of(scenario.file.toString()), "schedulingExperiment",
                    "capsim sweep needs a serving scenario; " + scenario.file + " is a scheduling experiment"));
        }
        List<String> baseOverrides = scenario.withSeed();
        List<SweepGrid.Point> mine = new ArrayList<>();
        for (SweepGrid.Point p : grid.points()) {
            if (slice.contains(p.index())) {
                mine.add(p);
            }
        }
        List<Scenario> scenarios = loadAll(mine, baseOverrides);
        Path dir = SweepFolder.check(out != null ? out : Path.of("out", baseScenario.name() + "-sweep"), "--out", force);
        List<Path> inputs = Workers.inputs(scenario.file, baseScenario);
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        try (OutputFile table = SweepFolder.openTable(dir, force, inputs, top.guard)) {
            SweepFolder.writeDefinition(dir, SweepFolder.definition(baseScenario.name(), scenario.file.toString(),
                    base.sha256(), baseOverrides, grid, slice), force, inputs, top.guard);
            List<Integer> todo = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                if (!SweepFolder.complete(dir.resolve(mine.get(i).folder()),
                        SweepFolder.identity(base.sha256(), baseOverrides, mine.get(i)))) {
                    todo.add(i);
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            if (!quiet) {
                err.printf(Locale.ROOT, "sweep: %d point%s%s, %d already done, %d to run on %d thread%s%n", mine.size(),
                        mine.size() == 1 ? "" : "s", slice.count() > 1 ? " in shard " + slice + " of " + grid.size() : "",
                        mine.size() - todo.size(), todo.size(), n, n == 1 ? "" : "s");
                err.flush();
            }
            long t0 = System.nanoTime();
            Map<String, SavedRun> read = new ConcurrentHashMap<>();
            runAll(dir, mine, scenarios, todo, base, baseOverrides, inputs, n, top.guard, read);
            double wall = (System.nanoTime() - t0) / 1e9;
            SweepFolder.writeTable(table, dir, grid, mine, read);
            if (!quiet) {
                spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d point%s (%d run, %d resumed) in %.2f s wall; "
                        + "table: %s%n", baseScenario.name(), mine.size(), mine.size() == 1 ? "" : "s", todo.size(),
                        mine.size() - todo.size(), wall, dir.resolve(io.capsim.reports.csv.SweepTable.FILE));
                spec.commandLine().getOut().flush();
            }
        }
        return CapsimCommand.OK;
    }

    /** Every point's scenario, checked before anything runs; all problems at once (each reported once). */
    private List<Scenario> loadAll(List<SweepGrid.Point> points, List<String> baseOverrides) {
        ReadSettings settings = scenario.limits.settings(scenario.allowPaths);
        List<Scenario> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (SweepGrid.Point p : points) {
            List<String> all = new ArrayList<>(baseOverrides);
            all.addAll(p.overrides());
            try {
                ScenarioDocument d = ScenarioReader.load(scenario.file, all, settings).document();
                out.add((Scenario) d);
            } catch (ScenarioException e) {
                for (Problem pr : e.problems()) {
                    // A point's override is reported as the --param it came from.
                    String src = pr.location().source();
                    Problem shown = src.startsWith("--set ") && p.overrides().contains(src.substring(6))
                            ? new Problem(Location.of("--param " + src.substring(6)), pr.path(), pr.message()) : pr;
                    if (seen.add(shown.toString())) {
                        problems.add(shown);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return out;
    }

    /**
     * Estimated work of a point, to start the largest first: simulated seconds times the arrivals per
     * second its synthetic processes state (their {@code rate}); traces and other processes count
     * nothing, so points that differ only there keep their table order.
     */
    static double estimatedWork(Scenario s) {
        double rate = 0;
        for (Scenario.ArrivalSpec a : s.arrivals()) {
            if (a.process() != null && a.process().has("rate")) {
                rate += a.process().get("rate");
            }
        }
        return s.durationSeconds() * (1 + rate);
    }

    /**
     * Runs the points {@code todo} (indices into {@code points}) on a fixed pool of {@code threads},
     * the largest {@link #estimatedWork} first (so the last to finish is a small one and the
     * threads end together); each point writes its own folder, nothing is shared between them but
     * the progress count. A thread that finished a point reads it back into {@code read} (the first
     * {@value ComparisonReportHook#MAX_POINTS} in table order, which the comparison report draws),
     * while the other points still run. The first failure stops the rest (points already written
     * stay) and is rethrown.
     */
    private void runAll(Path dir, List<SweepGrid.Point> points, List<Scenario> scenarios, List<Integer> todo,
            ScenarioReader.Loaded base, List<String> baseOverrides, List<Path> inputs, int threads,
            ShutdownGuard guard, Map<String, SavedRun> read) throws Exception {
        if (todo.isEmpty()) {
            return;
        }
        long waitingLimit = scenario.limits.values().get(LimitOptions.Limit.WAITING_REQUESTS.key);
        Map<String, String> limits = scenario.limits.describe();
        ExecutorService pool = Workers.pool(Math.min(threads, todo.size()), "sweep");
        PrintWriter err = spec.commandLine().getErr();
        boolean bar = !quiet && System.console() != null;
        try (ProgressBar progress = bar ? new ProgressBarBuilder().setTaskName("sweep").setInitialMax(todo.size())
                .setUnit(" points", 1).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null) {
            ExecutorCompletionService<SweepGrid.Point> done = new ExecutorCompletionService<>(pool);
            List<Integer> order = new ArrayList<>(todo);
            order.sort(Comparator.comparingDouble((Integer i) -> -estimatedWork(scenarios.get(i)))); // stable
            for (int i : order) {
                SweepGrid.Point p = points.get(i);
                Scenario s = scenarios.get(i);
                ObjectNode identity = SweepFolder.identity(base.sha256(), baseOverrides, p);
                boolean compared = i < ComparisonReportHook.MAX_POINTS;
                done.submit(() -> {
                    Path pointDir = dir.resolve(p.folder());
                    runPoint(pointDir, s, identity, p, base.sha256(), inputs, waitingLimit, limits, guard);
                    if (compared) {
                        read.put(p.folder(), SavedRun.read(pointDir));
                    }
                    return p;
                });
            }
            for (int k = 1; k <= todo.size(); k++) {
                Future<SweepGrid.Point> f = done.take();
                SweepGrid.Point p;
                try {
                    p = f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    pool.awaitTermination(1, TimeUnit.MINUTES);
                    throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
                }
                if (progress != null) {
                    progress.step();
                } else if (!quiet) {
                    err.printf(Locale.ROOT, "sweep: %d/%d done: %s%n", k, todo.size(), p.folder());
                    err.flush();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one point and writes its folder (whole or not at all). */
    private void runPoint(Path pointDir, Scenario s, ObjectNode identity, SweepGrid.Point p, String sha256,
            List<Path> inputs, long waitingLimit, Map<String, String> limits, ShutdownGuard guard) throws Exception {
        try (OutputFolder folder = OutputDirs.openFolder(pointDir, "--out", false, inputs, guard)) {
            long t0 = System.nanoTime();
            ScenarioRunner.Outcome o = ScenarioRunner.execute(s, null, waitingLimit);
            double wall = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("capsimVersion", VersionProvider.version());
            info.put("javaVersion", System.getProperty("java.version"));
            info.put("runId", folder.runId());
            info.put("commandLine", spec.root().commandLine().getParseResult().originalArgs());
            info.put("scenarioFile", scenario.file.toString());
            info.put("scenarioSha256", sha256);
            info.put("seed", s.seed());
            info.put("limits", limits);
            info.put("wallSeconds", wall);
            info.put("events", o.result().eventsExecuted());
            info.put("sweepPoint", identity);
            info.put("sweepIndex", p.index());
            ReportWriter.write(folder, new RunReport(s.name(), s.seed(), o.result(), o.arrivals()), info);
        }
    }
}
