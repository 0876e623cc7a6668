package io.capsim.scenarios.cli;

import io.capsim.engine.kernel.SimTime;
import io.capsim.reports.chart.RateChart;
import io.capsim.reports.io.OutputFolder;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.workloads.stats.TraceStats;
import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceLimits;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.text.LineReader;
import io.capsim.workloads.trace.csv.CsvLayout;
import io.capsim.workloads.trace.csv.CsvUnit;
import io.capsim.workloads.usage.UsageCursor;
import io.capsim.workloads.usage.UsageFormats;
import io.capsim.workloads.usage.UsageStats;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code capsim trace inspect FILE --format F}: an arrival trace's statistics and rate plot, or a
 * usage trace's field distributions, into stats.txt (and rate.png) of one output folder.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print a trace's rows, time span, mean and peak rate, burstiness (index of dispersion, "
                + "CV of inter-arrival times) and size percentiles, and write a PNG of the rate over time.",
            "Formats: azure-llm-2023, mooncake, alibaba-genai-2026, alibaba-pai-2020-machines, swf, openb-pods, csv;"
                    + " usage traces (rows, pods, span, usage and request percentiles): bitbrains-gwa-t12,"
                    + " alibaba-genai-2026-pods (FILE may be its folder)."})
final class TraceInspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Trace file (gzip is read transparently).")
    Path file;

    @Option(names = "--format", required = true, paramLabel = "F", description = "Trace format.")
    String format;

    @Mixin
    BadRowOption badRows;

    @Option(names = "--time-column", paramLabel = "NAME",
            description = "For --format csv: the column holding the time (the file has a header line).")
    String timeColumn;

    @Option(names = "--time-unit", paramLabel = "UNIT",
            description = "For --format csv: s, ms, us, ns, min, h or iso8601 (default s).")
    String timeUnit = "s";

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Folder for rate.png, stats.txt and run-info.json (default: out/trace-inspect/<file name>); "
                    + "written whole or not at all.")
    Path out;

    @Option(names = "--force", description = "Replace the output folder even if capsim did not write it.")
    boolean force;

    @Mixin
    LimitOptions limits;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (UsageFormats.REGISTRY.find(format).isPresent()) {
            return inspectUsage();
        }
        try {
            String notRegular = LineReader.notRegularFile(file);
            if (notRegular != null) {
                throw new ScenarioException(new Problem(Location.of(file.toString()), "", notRegular
                        + "; give a trace file"));
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(new Problem(Location.of(file.toString()), "", "no such file"));
        }
        if (TraceFormats.REGISTRY.find(format).isEmpty()) {
            throw new ScenarioException(new Problem(Location.of("--format"), "", TraceFormats.REGISTRY.unknownMessage(format)
                    + " (usage trace formats: " + String.join(", ", UsageFormats.REGISTRY.names()) + ")"));
        }
        BadRowPolicy policy = badRows.policy();
        CsvLayout layout = null;
        if (format.equals("csv")) {
            if (timeColumn == null) {
                throw new ScenarioException(new Problem(Location.of("--time-column"), "",
                        "--format csv needs --time-column (and --time-unit unless seconds)"));
            }
            try {
                layout = CsvLayout.withHeader(timeColumn, CsvUnit.ofKey(timeUnit), timeUnit.equals("iso8601"));
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(new Problem(Location.of("--time-unit"), "", e.getMessage()));
            }
        }
        TraceLimits traceLimits = limits.traceLimits();
        String base = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir;
        String text;
        try (OutputFolder folder = TraceCommand.openFolder(spec, out, "trace-inspect", file, force)) {
            dir = folder.dir();
            long t0 = System.nanoTime();
            TraceStats stats;
            try (TraceCursor c = TraceFormats.open(format, file, new TraceOptions(policy, layout, traceLimits))) {
                stats = TraceStats.of(c, Long.MAX_VALUE, traceLimits.maxHorizonTicks());
            }
            text = file + " (" + format + ")\n" + stats.summary();
            long[] perMinute = stats.perMinute();
            Map<String, Object> info = TraceCommand.runInfo(folder, spec, file, format, limits, t0);
            folder.write("rate.png", o -> RateChart.writePng(base + ": arrivals per second, 1-minute bins",
                    perMinute, SimTime.toSeconds(stats.perMinuteStartTicks()), 60, 1000, 450, o));
            TraceCommand.commit(folder, text, info);
        }
        return TraceCommand.print(spec, text, "rate plot", dir.resolve("rate.png"));
    }

    /** A usage trace: rows, pods, span and the distribution of each field, in stats.txt. */
    private Integer inspectUsage() throws Exception {
        BadRowPolicy policy = badRows.policy();
        Path dir;
        String text;
        try (OutputFolder folder = TraceCommand.openFolder(spec, out, "trace-inspect", file, force)) {
            dir = folder.dir();
            long t0 = System.nanoTime();
            UsageStats stats;
            try (UsageCursor c = UsageFormats.REGISTRY.find(format).orElseThrow().open(file, policy,
                    limits.traceLimits())) {
                stats = UsageStats.of(c);
            }
            text = file + " (" + format + ")\n" + stats.summary();
            Map<String, Object> info = TraceCommand.runInfo(folder, spec, file, format, limits, t0);
            TraceCommand.commit(folder, text, info);
        }
        return TraceCommand.print(spec, text, "stats", dir.resolve("stats.txt"));
    }
}
