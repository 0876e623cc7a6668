package io.capsim.scenarios.cli;

import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.ReportWriter;
import io.capsim.engine.results.Slo;
import io.capsim.reports.model.RunReport;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.sched.PaperMeasures;
import io.capsim.reports.sched.SchedulingReport;
import io.capsim.reports.sched.SchedulingReportWriter;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.model.SchedulingScenario;
import io.capsim.scenarios.run.SchedulingExperimentRunner;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import io.capsim.scenarios.run.Replications;
import io.capsim.scenarios.run.ScenarioRunner;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capsim run FILE}: runs a scenario and writes its reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run a scenario and write its results and reports into an output folder.",
        description = {
            "Run a scenario and write summary.json, timeseries.csv, run-info.json, scenario.yaml, one "
                    + "<service>.hgrm per service, the charts (latency-percentiles.png, latency-over-time.png, "
                    + "arrivals-vs-served.png, allocation.png, pending-pods.png, ready-replicas.png, and "
                    + "gpu-fragmentation.png with GPUs), report.html (self-contained: the charts embedded) and "
                    + "SHA256SUMS into the output folder (a scheduling experiment writes summary.json, run-info.json, "
                    + "scenario.yaml, unallocated-gpus.png, fragmented-gpus.png, report.html and SHA256SUMS).",
            "The output folder is written whole or not at all: files go to a staging folder beside it, which "
                    + "replaces the old folder in one step at the end; a failed, stopped or killed run leaves the old "
                    + "folder as it was. A second run into the same folder at the same time is refused."
        })
final class RunCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output folder (default: out/<scenario-name>).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors (no progress either).")
    boolean quiet;

    @Option(names = "--check-slo", description = "Exit with code 1 when a service level objective of the "
            + "scenario (services.<name>.slo, jobs.<name>.slo) is missed, naming each on stderr.")
    boolean checkSlo;

    @Option(names = "--progress", description = "Report progress as lines on stderr even on a terminal (instead of "
            + "a progress bar). Where stderr is not a terminal (a CI log) this is the default.")
    boolean progressLines;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Wall-clock seconds between progress lines (default: ${DEFAULT-VALUE}).")
    double progressInterval;

    @Option(names = "--force", description = "Replace the output folder even if capsim did not write it "
            + "(never the root, a system folder, or a folder holding the run's inputs).")
    boolean force;

    @Option(names = "--replications", paramLabel = "R", description = "Run R independent replications (seeds: the "
            + "master seed + 0 .. R-1) in parallel; summary.json pools them and adds each metric's mean and 95%% "
            + "confidence interval; r01.summary.json ... hold each one's summary (default: 1; a scheduling "
            + "experiment runs R seeds).")
    int replications = 1;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for replications (default: one per "
            + "processor). Results do not depend on it.")
    Integer threads;

    @Spec
    CommandSpec spec;

    /** The scenario as read, for run-info.json. */
    private ScenarioReader.Loaded loaded;

    @Override
    public Integer call() throws Exception {
        ReplicationRun.check(spec, replications, threads);
        checkProgressInterval();
        loaded = scenario.load();
        ScenarioDocument doc = ReplicationRun.withSeedCount(loaded.document(), replications);
        List<Path> inputs = new ArrayList<>(List.of(scenario.file));
        if (doc instanceof SchedulingScenario s) {
            inputs.add(s.nodesFile());
            inputs.add(s.podsFile());
        } else {
            for (Scenario.ArrivalSpec a : ((Scenario) doc).arrivals()) {
                if (a.trace() != null) {
                    inputs.add(a.trace().file());
                }
            }
        }
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        try (OutputFolder folder = OutputDirs.openFolder(out != null ? out : Path.of("out", doc.name()), "--out", force,
                inputs, top.guard)) {
            if (doc instanceof SchedulingScenario s) {
                return runScheduling(s, folder);
            }
            return runServing((Scenario) doc, folder);
        }
    }

    private int runScheduling(SchedulingScenario s, OutputFolder folder) throws IOException {
        Path dir = folder.dir();
        long t0 = System.nanoTime();
        long runs = (long) s.policies().size() * s.replications();
        ProgressLines lines = quiet ? null : ProgressLines.runs(spec.commandLine().getErr(), s.name(),
                progressInterval, System::nanoTime);
        SchedulingReport report = SchedulingExperimentRunner.execute(s, s.plugins(),
                Runtime.getRuntime().availableProcessors(), lines == null ? null : ended -> lines.at(ended, runs));
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> info = runInfo(wall, folder.runId(), s.seed());
        info.put("runs", s.policies().size() * s.replications());
        SchedulingReportWriter.write(folder, report, info, scenarioEcho());
        if (!quiet) {
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "%s: inflation to %.0f%% of %.0f GPUs, %d polic%s x %d seed%s in %.2f s wall%n",
                    s.name(), 100 * s.targetShare(), report.gpuCapacity(), s.policies().size(),
                    s.policies().size() == 1 ? "y" : "ies", s.replications(), s.replications() == 1 ? "" : "s", wall);
            double last = s.arrivalPoints().get(s.arrivalPoints().size() - 1);
            // The FGD paper's two measures where it reads them (Fig. 9a at 100%, Fig. 7b at 80%),
            // or at the last point when the experiment stops earlier.
            double atUnalloc = Math.min(1.0, s.targetShare());
            double atRatio = Math.min(0.8, s.targetShare());
            int nameWidth = Math.max(20, report.policies().stream().mapToInt(p -> p.name().length()).max().orElse(0));
            String row = "%-" + nameWidth + "s %26s %26s %26s %26s%n";
            w.printf(Locale.ROOT, row, "policy",
                    String.format(Locale.ROOT, "unallocated GPUs @%.0f%%", 100 * last),
                    String.format(Locale.ROOT, "fragmented GPUs @%.0f%%", 100 * last),
                    String.format(Locale.ROOT, "unallocated %% @%.0f%%", 100 * atUnalloc),
                    String.format(Locale.ROOT, "frag. ratio %% @%.0f%%", 100 * atRatio));
            for (SchedulingReport.PolicyRuns p : report.policies()) {
                w.printf(Locale.ROOT, row, p.name(),
                        meanAndInterval(SchedulingReport.stat(p, r -> r.unallocatedGpusAt(last))),
                        meanAndInterval(SchedulingReport.stat(p, r -> r.fragmentedGpusAt(last))),
                        meanAndInterval(SchedulingReport.stat(p, r -> PaperMeasures.unallocatedPercent(r, atUnalloc)), 2),
                        meanAndInterval(SchedulingReport.stat(p, r -> PaperMeasures.fragmentationRatio(r, atRatio)), 2));
            }
            w.printf("(the last two as the FGD paper measures them: unallocated GPUs as a share of capacity, "
                    + "fragmented GPUs as a share of unallocated ones; docs/VALIDATION.md)%n");
            if (s.replications() > 1) {
                w.printf("(mean over seeds +/- half-width of its 95%% confidence interval)%n");
            }
            w.printf("report: %s%n", dir.resolve("report.html"));
            w.flush();
        }
        return CapsimCommand.OK;
    }

    /**
     * The facts every run-info.json starts with, recording exactly what was run: the run's
     * identity, the command line, the scenario file and the SHA-256 of its bytes as read, every
     * {@code --set} in order, the seed used, and the limits in effect; callers add their own.
     */
    private Map<String, Object> runInfo(double wallSeconds, String runId, long seed) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("capsimVersion", VersionProvider.version());
        info.put("gitCommit", System.getenv("CAPSIM_GIT_COMMIT") == null || System.getenv("CAPSIM_GIT_COMMIT").isBlank()
                ? null : System.getenv("CAPSIM_GIT_COMMIT"));
        info.put("javaVersion", System.getProperty("java.version"));
        info.put("runId", runId);
        info.put("commandLine", spec.root().commandLine().getParseResult().originalArgs());
        info.put("scenarioFile", scenario.file.toString());
        info.put("scenarioSha256", loaded.sha256());
        info.put("scenarioBytes", loaded.bytes());
        info.put("overrides", scenario.withSeed());
        info.put("seed", seed);
        info.put("limits", scenario.limits.describe());
        info.put("allowPaths", scenario.allowPaths.stream().map(Path::toString).toList());
        info.put("wallSeconds", wallSeconds);
        return info;
    }

    /** The scenario file as run, for the report's echo; null if it changed since it was read. */
    private String scenarioEcho() throws IOException {
        byte[] bytes = java.nio.file.Files.readAllBytes(scenario.file);
        try {
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            return sha.equals(loaded.sha256()) ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : null;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String meanAndInterval(SchedulingReport.Stat st) {
        return meanAndInterval(st, 1);
    }

    private static String meanAndInterval(SchedulingReport.Stat st, int decimals) {
        double half = st.ci95HalfWidth();
        String f = "%." + decimals + "f";
        return Double.isNaN(half) ? String.format(Locale.ROOT, f, st.mean())
                : String.format(Locale.ROOT, f + " +/- " + f, st.mean(), half);
    }

    private void checkProgressInterval() {
        if (!(progressInterval >= 0 && progressInterval <= 86_400)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--progress-interval: " + progressInterval + " is not in [0, 86400] seconds");
        }
    }

    private int runServing(Scenario s, OutputFolder folder) throws IOException {
        Path dir = folder.dir();
        long waitingLimit = scenario.limits.values().get(LimitOptions.Limit.WAITING_REQUESTS.key);
        long t0 = System.nanoTime();
        if (replications > 1) {
            Replications.Result rep = Replications.run(s, replications, threads != null ? threads
                    : Runtime.getRuntime().availableProcessors(), waitingLimit);
            double wall = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> info = runInfo(wall, folder.runId(), s.seed());
            var summary = ReplicationRun.write(folder, rep, info, wall, scenarioEcho());
            if (!quiet) {
                ReplicationRun.print(spec.commandLine().getOut(), rep, summary, wall, dir.resolve("report.html"));
                rep.pooled().slo().forEach(j -> spec.commandLine().getOut().println("slo (pooled) " + j.describe()));
            }
            return sloExitCode(rep.pooled());
        }
        ScenarioRunner.Prepared prepared = ScenarioRunner.prepare(s, waitingLimit);
        ScenarioRunner.Outcome outcome;
        if (!quiet && Terminal.interactive() && !progressLines) {
            // Interactive: a progress bar over simulated time on stderr (the summary is unaffected).
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName(s.name()).setInitialMax(100)
                    .setUnit(" % sim", 1).setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build()) {
                outcome = ScenarioRunner.finish(s, prepared, (now, end) -> bar.stepTo(Math.round(100.0 * now / end)));
            }
        } else if (!quiet) {
            // A log: a line every few seconds, so a long run shows it is alive (the summary is unaffected).
            outcome = ScenarioRunner.finish(s, prepared, ProgressLines.simulation(spec.commandLine().getErr(), s.name(),
                    prepared.simulation().simulator(), progressInterval, System::nanoTime));
        } else {
            outcome = ScenarioRunner.finish(s, prepared, null);
        }
        RunResult result = outcome.result();
        double wall = (System.nanoTime() - t0) / 1e9;

        Map<String, Object> info = runInfo(wall, folder.runId(), s.seed());
        info.put("events", result.eventsExecuted());
        info.put("eventsPerSecond", wall > 0 ? result.eventsExecuted() / wall : null);
        info.put("simulatedToWallRatio", wall > 0 ? result.simulatedSeconds() / wall : null);
        Map<String, Object> warmup = ConsoleSummary.warmup(result, s.warmupSeconds());
        info.put("warmup", warmup);
        RunReport report = new RunReport(s.name(), s.seed(), result, outcome.arrivals(), Slo.judge(s.slos(), result));
        ReportWriter.write(folder, report, info, scenarioEcho());

        if (!quiet) {
            ConsoleSummary.print(spec.commandLine().getOut(), s.name(), s.seed(), result, wall, dir.resolve("report.html"));
            ConsoleSummary.printWarmup(spec.commandLine().getOut(), warmup);
            report.slo().forEach(j -> spec.commandLine().getOut().println("slo " + j.describe()));
        }
        return sloExitCode(report);
    }

    /** With --check-slo, code 1 (naming each objective missed on stderr) if one was missed. */
    private int sloExitCode(RunReport report) {
        if (!checkSlo || report.sloMet()) {
            return CapsimCommand.OK;
        }
        report.slo().stream().filter(j -> !j.met())
                .forEach(j -> spec.commandLine().getErr().println("capsim: SLO missed: " + j.describe()));
        return CapsimCommand.REGRESSION;
    }
}
