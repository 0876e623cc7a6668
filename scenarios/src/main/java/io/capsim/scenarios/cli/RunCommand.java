package io.capsim.scenarios.cli;

import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.ReportWriter;
import io.capsim.reports.model.RunReport;
import io.capsim.reports.sched.SchedulingReport;
import io.capsim.reports.sched.SchedulingReportWriter;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.model.SchedulingScenario;
import io.capsim.scenarios.run.SchedulingExperimentRunner;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import io.capsim.scenarios.run.ScenarioRunner;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        description = {
            "Run a scenario and write summary.json, run-info.json, <service>.hgrm, latency-percentiles.png "
                    + "and report.html into the output folder (a scheduling experiment writes summary.json, "
                    + "run-info.json, unallocated-gpus.png, fragmented-gpus.png and report.html).",
            "Files are written under temporary names and renamed into place at the end: a failed run leaves none."
        })
final class RunCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output folder (default: out/<scenario-name>).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ScenarioDocument doc = scenario.loadDocument();
        Path dir = OutputDirs.prepare(out != null ? out : Path.of("out", doc.name()), "--out");
        if (doc instanceof SchedulingScenario s) {
            return runScheduling(s, dir);
        }
        return runServing((Scenario) doc, dir);
    }

    private int runScheduling(SchedulingScenario s, Path dir) throws IOException {
        long t0 = System.nanoTime();
        SchedulingReport report = SchedulingExperimentRunner.execute(s, ScenarioReader.pluginRegistry());
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> info = runInfo(wall);
        info.put("runs", s.policies().size() * s.replications());
        SchedulingReportWriter.write(dir, report, info);
        if (!quiet) {
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "%s: inflation to %.0f%% of %.0f GPUs, %d polic%s x %d seed%s in %.2f s wall%n",
                    s.name(), 100 * s.targetShare(), report.gpuCapacity(), s.policies().size(),
                    s.policies().size() == 1 ? "y" : "ies", s.replications(), s.replications() == 1 ? "" : "s", wall);
            double last = s.arrivalPoints().get(s.arrivalPoints().size() - 1);
            w.printf(Locale.ROOT, "%-20s %28s %28s%n", "policy", String.format(Locale.ROOT, "unallocated GPUs @%.0f%%",
                    100 * last), String.format(Locale.ROOT, "fragmented GPUs @%.0f%%", 100 * last));
            for (SchedulingReport.PolicyRuns p : report.policies()) {
                w.printf(Locale.ROOT, "%-20s %28s %28s%n", p.name(),
                        meanAndInterval(SchedulingReport.stat(p, r -> r.unallocatedGpusAt(last))),
                        meanAndInterval(SchedulingReport.stat(p, r -> r.fragmentedGpusAt(last))));
            }
            if (s.replications() > 1) {
                w.printf("(mean over seeds +/- half-width of its 95%% confidence interval)%n");
            }
            w.printf("report: %s%n", dir.resolve("report.html"));
            w.flush();
        }
        return CapsimCommand.OK;
    }

    /** The facts every run-info.json starts with; callers add their own. */
    private Map<String, Object> runInfo(double wallSeconds) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("capsimVersion", VersionProvider.version());
        info.put("javaVersion", System.getProperty("java.version"));
        info.put("scenarioFile", scenario.file.toString());
        info.put("wallSeconds", wallSeconds);
        return info;
    }

    private static String meanAndInterval(SchedulingReport.Stat st) {
        double half = st.ci95HalfWidth();
        return Double.isNaN(half) ? String.format(Locale.ROOT, "%.1f", st.mean())
                : String.format(Locale.ROOT, "%.1f +/- %.1f", st.mean(), half);
    }

    private int runServing(Scenario s, Path dir) throws IOException {
        long t0 = System.nanoTime();
        ScenarioRunner.Outcome outcome;
        if (!quiet && System.console() != null) {
            // Interactive: a progress bar over simulated time on stderr (the summary is unaffected).
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName(s.name()).setInitialMax(100)
                    .setUnit(" % sim", 1).setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build()) {
                outcome = ScenarioRunner.execute(s, (now, end) -> bar.stepTo(Math.round(100.0 * now / end)));
            }
        } else {
            outcome = ScenarioRunner.execute(s);
        }
        RunResult result = outcome.result();
        double wall = (System.nanoTime() - t0) / 1e9;

        Map<String, Object> info = runInfo(wall);
        info.put("events", result.eventsExecuted());
        info.put("eventsPerSecond", wall > 0 ? result.eventsExecuted() / wall : null);
        info.put("simulatedToWallRatio", wall > 0 ? result.simulatedSeconds() / wall : null);
        ReportWriter.write(dir, new RunReport(s.name(), s.seed(), result, outcome.arrivals()), info);

        if (!quiet) {
            ConsoleSummary.print(spec.commandLine().getOut(), s.name(), s.seed(), result, wall, dir.resolve("report.html"));
        }
        return CapsimCommand.OK;
    }
}
