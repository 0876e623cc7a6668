package io.capsim.benchmarks;

import io.capsim.reports.ReportWriter;
import io.capsim.reports.chart.RunCharts;
import io.capsim.reports.html.HtmlReport;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.model.RunReport;
import io.capsim.reports.saved.SavedRun;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Times the report step alone for a one-hour scenario with 10 services ({@code
 * report-10-services.yaml}, about 2 million requests): the run is simulated once, untimed; then
 * each round writes everything {@code capsim run} writes after the simulation (summary.json,
 * timeseries.csv, run-info.json, the .hgrm files, scenario.yaml, the 7 charts and the
 * self-contained report.html) into a fresh output folder, and, separately, {@code capsim report}'s
 * path (read the folder back, draw it again), and the drawing alone (charts and page, in memory,
 * no disk). Target: under 3 s. Both disk paths include one fsync per file (the output folder is
 * durable before it replaces the old one), which a busy disk makes slow: thread CPU time is printed
 * beside wall time.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.capsim.benchmarks.ReportRenderBenchmark [rounds]</pre>
 *
 * Prints the wall and thread-CPU time of each path: median, best and worst of the rounds after the
 * first two (JIT warm-up), and the first round's (a cold JVM, as one {@code capsim run} sees it).
 */
public final class ReportRenderBenchmark {

    private ReportRenderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path work = Files.createTempDirectory("capsim-report-bench");
        Path scenarioFile = work.resolve("report-10-services.yaml");
        try (InputStream in = ReportRenderBenchmark.class.getResourceAsStream("/report-10-services.yaml")) {
            Files.copy(in, scenarioFile, StandardCopyOption.REPLACE_EXISTING);
        }
        String text = Files.readString(scenarioFile, StandardCharsets.UTF_8);
        Scenario s = (Scenario) ScenarioReader.read(scenarioFile, List.of());
        long t0 = System.nanoTime();
        ScenarioRunner.Outcome outcome = ScenarioRunner.execute(s, null, Long.MAX_VALUE);
        System.out.printf(Locale.ROOT, "simulated %s: %d services, %.0f s, %d events in %.1f s wall (not timed below)%n",
                s.name(), outcome.result().services().size(), outcome.result().simulatedSeconds(),
                outcome.result().eventsExecuted(), (System.nanoTime() - t0) / 1e9);
        RunReport report = new RunReport(s.name(), s.seed(), outcome.result(), outcome.arrivals());
        Map<String, Object> info = Map.of("capsimVersion", "benchmark", "seed", s.seed());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] write = new double[2][rounds];
        double[][] redraw = new double[2][rounds];
        double[][] draw = new double[2][rounds];
        for (int i = 0; i < rounds; i++) {
            Path dir = work.resolve("run-" + i);
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            try (OutputFolder out = OutputFolder.open(dir)) {
                ReportWriter.write(out, report, info, text);
            }
            write[0][i] = (System.nanoTime() - w0) / 1e6;
            write[1][i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            c0 = mx.getCurrentThreadCpuTime();
            w0 = System.nanoTime();
            try (OutputFolder out = OutputFolder.open(work.resolve("again-" + i))) {
                ReportWriter.render(out, SavedRun.read(dir));
                out.commit();
            }
            redraw[0][i] = (System.nanoTime() - w0) / 1e6;
            redraw[1][i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            SavedRun saved = SavedRun.read(dir);
            c0 = mx.getCurrentThreadCpuTime();
            w0 = System.nanoTime();
            int bytes = HtmlReport.render(saved, RunCharts.of(saved)).length();
            draw[0][i] = (System.nanoTime() - w0) / 1e6;
            draw[1][i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            if (bytes < 100_000) {
                throw new IllegalStateException("a report of " + bytes + " characters");
            }
        }
        System.out.printf(Locale.ROOT, "report.html: %d bytes, %d files in the folder%n",
                Files.size(work.resolve("run-0").resolve("report.html")), count(work.resolve("run-0")));
        print("write (capsim run's report step)", write);
        print("redraw (capsim report DIR)", redraw);
        print("draw only (charts + html, memory)", draw);
        try (Stream<Path> walk = Files.walk(work)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long count(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static void print(String what, double[][] t) {
        String[] kind = {"wall", "cpu"};
        for (int k = 0; k < 2; k++) {
            double first = t[k][0];
            double[] warm = Arrays.copyOfRange(t[k], Math.min(2, t[k].length - 1), t[k].length);
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "%-34s %-4s first %7.0f ms | median %6.0f ms best %6.0f ms worst %6.0f ms%n",
                    what, kind[k], first, warm[warm.length / 2], warm[0], warm[warm.length - 1]);
        }
    }
}
