package io.capsim.scenarios.cli;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.reports.chart.RateChart;
import io.capsim.reports.io.OutputFolder;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.stats.TraceStats;
import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.csv.ArrivalCsvWriter;
import io.capsim.workloads.trace.csv.CsvLayout;
import io.capsim.workloads.trace.csv.CsvUnit;
import io.capsim.workloads.transform.Transforms;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim trace inspect|synth}: look at a trace, or write a scenario's arrivals as one. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Inspect a recorded trace, or write the arrivals a scenario generates as a CSV trace.",
        subcommands = {TraceCommand.Inspect.class, TraceCommand.Synth.class})
final class TraceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (inspect, synth)");
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Print a trace's rows, time span, mean and peak rate, burstiness (index of dispersion, "
                    + "CV of inter-arrival times) and size percentiles, and write a PNG of the rate over time.",
                "Formats: azure-llm-2023, mooncake, alibaba-genai-2026, alibaba-pai-2020-machines, swf, csv."})
    static final class Inspect implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "Trace file (gzip is read transparently).")
        Path file;

        @Option(names = "--format", required = true, paramLabel = "F", description = "Trace format.")
        String format;

        @Option(names = "--on-bad-row", paramLabel = "stop|skip", description = "Stop at a bad row (default) or skip and count it.")
        String onBadRow = "stop";

        @Option(names = "--time-column", paramLabel = "NAME",
                description = "For --format csv: the column holding the time (the file has a header line).")
        String timeColumn;

        @Option(names = "--time-unit", paramLabel = "UNIT",
                description = "For --format csv: s, ms, us, ns, min, h or iso8601 (default s).")
        String timeUnit = "s";

        @Option(names = {"-o", "--out"}, paramLabel = "DIR",
                description = "Folder for rate.png and stats.txt (default: out/trace-inspect/<file name>).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new ScenarioException(new Problem(Location.of(file.toString()), "", "no such file"));
            }
            if (TraceFormats.REGISTRY.find(format).isEmpty()) {
                throw new ScenarioException(new Problem(Location.of("--format"), "", TraceFormats.REGISTRY.unknownMessage(format)));
            }
            BadRowPolicy policy;
            try {
                policy = BadRowPolicy.of(onBadRow);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(new Problem(Location.of("--on-bad-row"), "", e.getMessage()));
            }
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
            TraceStats stats;
            try (TraceCursor c = TraceFormats.open(format, file, new TraceOptions(policy, layout))) {
                stats = TraceStats.of(c);
            }
            String base = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            Path dir = OutputDirs.prepare(
                    out != null ? out : Path.of("out", "trace-inspect", base.startsWith(".") ? "_" + base : base), "--out");
            String text = file + " (" + format + ")\n" + stats.summary();
            try (OutputFolder folder = new OutputFolder(dir)) {
                long[] perMinute = stats.perMinute();
                folder.write("rate.png", o -> RateChart.writePng(base + ": arrivals per second, 1-minute bins",
                        perMinute, SimTime.toSeconds(stats.perMinuteStartTicks()), 60, 1000, 450, o));
                folder.write("stats.txt", o -> o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                folder.commit();
            }
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.printf("rate plot: %s%n", dir.resolve("rate.png"));
            w.flush();
            return CapsimCommand.OK;
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Write the arrivals a scenario generates (all its streams merged in time order, or one "
                    + "with --arrival) as a CSV trace that the csv format reads back: time_s plus any sizes they carry.")
    static final class Synth implements Callable<Integer> {

        @Mixin
        ScenarioOptions scenario;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "CSV file to write.")
        Path out;

        @Option(names = "--arrival", paramLabel = "NAME", description = "Only this arrival stream.")
        String arrival;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Scenario s = scenario.load();
            RandomStreams streams = new RandomStreams(s.seed());
            List<ArrivalCursor> cursors = new ArrayList<>();
            for (Scenario.ArrivalSpec a : s.arrivals()) {
                if (arrival == null || arrival.equals(a.name())) {
                    cursors.add(ScenarioRunner.openStream(a, streams));
                }
            }
            if (cursors.isEmpty()) {
                throw new ScenarioException(new Problem(Location.of("--arrival"), "",
                        "no arrival stream named \"" + arrival + "\""));
            }
            ArrivalCursor merged = cursors.size() == 1 ? cursors.get(0) : Transforms.merge(cursors);
            EnumSet<ArrivalField> fields = EnumSet.of(ArrivalField.WORK, ArrivalField.INPUT_TOKENS,
                    ArrivalField.OUTPUT_TOKENS);
            Path target = out.toAbsolutePath().normalize();
            Path dir = OutputDirs.prepare(target.getParent(), "--out");
            long[] rows = new long[1];
            try (OutputFolder folder = new OutputFolder(dir)) {
                folder.write(target.getFileName().toString(), o -> {
                    try (ArrivalCsvWriter w = new ArrivalCsvWriter(o, fields)) {
                        rows[0] = w.writeAll(merged, Long.MAX_VALUE, SimTime.ofSeconds(s.durationSeconds()));
                    }
                });
                folder.commit();
            } finally {
                merged.close();
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d arrivals over %.0f s written to %s%n",
                    s.name(), rows[0], s.durationSeconds(), target);
            spec.commandLine().getOut().flush();
            return CapsimCommand.OK;
        }
    }
}
