package io.capsim.scenarios.cli;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.reports.chart.RateChart;
import io.capsim.reports.io.OutputFile;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.json.DeterministicJson;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.stats.TraceStats;
import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceLimits;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.text.LineReader;
import io.capsim.workloads.trace.csv.ArrivalCsvWriter;
import io.capsim.workloads.trace.csv.CsvLayout;
import io.capsim.workloads.trace.csv.CsvUnit;
import io.capsim.workloads.transform.Transforms;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            TraceLimits traceLimits = limits.traceLimits();
            String base = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            CapsimCommand top = (CapsimCommand) spec.root().userObject();
            Path dir;
            String text;
            try (OutputFolder folder = OutputDirs.openFolder(out != null ? out
                    : Path.of("out", "trace-inspect", base.startsWith(".") ? "_" + base : base), "--out", force,
                    List.of(file), top.guard)) {
                dir = folder.dir();
                long t0 = System.nanoTime();
                TraceStats stats;
                try (TraceCursor c = TraceFormats.open(format, file, new TraceOptions(policy, layout, traceLimits))) {
                    stats = TraceStats.of(c, Long.MAX_VALUE, traceLimits.maxHorizonTicks());
                }
                text = file + " (" + format + ")\n" + stats.summary();
                long[] perMinute = stats.perMinute();
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("capsimVersion", VersionProvider.version());
                info.put("javaVersion", System.getProperty("java.version"));
                info.put("runId", folder.runId());
                info.put("commandLine", spec.root().commandLine().getParseResult().originalArgs());
                info.put("traceFile", file.toString());
                info.put("format", format);
                info.put("limits", limits.describe());
                info.put("wallSeconds", (System.nanoTime() - t0) / 1e9);
                folder.write("rate.png", o -> RateChart.writePng(base + ": arrivals per second, 1-minute bins",
                        perMinute, SimTime.toSeconds(stats.perMinuteStartTicks()), 60, 1000, 450, o));
                folder.write("stats.txt", o -> o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                folder.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(info, o));
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

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
                description = "CSV file to write, whole or not at all (at most --limit synth-size, default 1 GiB).")
        Path out;

        @Option(names = "--force", description = "Replace FILE even if capsim did not write it (never a device or "
                + "an input).")
        boolean force;

        @Option(names = "--arrival", paramLabel = "NAME", description = "Only this arrival stream.")
        String arrival;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Scenario s = scenario.loadServing();
            long maxBytes = scenario.limits.synthBytes();
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
            List<Path> inputs = new ArrayList<>(List.of(scenario.file));
            for (Scenario.ArrivalSpec a : s.arrivals()) {
                if (a.trace() != null) {
                    inputs.add(a.trace().file());
                }
            }
            CapsimCommand top = (CapsimCommand) spec.root().userObject();
            Path target;
            long rows;
            try (OutputFile file = OutputDirs.openFile(out, "--out", force, inputs, Synth::isSynthOutput, top.guard)) {
                target = file.target();
                try (ArrivalCsvWriter w = new ArrivalCsvWriter(file.stream(), fields, maxBytes,
                        ArrivalCsvWriter.SYNTH_SIZE)) {
                    rows = w.writeAll(merged, Long.MAX_VALUE, SimTime.ofSeconds(s.durationSeconds()));
                }
                file.commit();
            } finally {
                merged.close();
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d arrivals over %.0f s written to %s%n",
                    s.name(), rows, s.durationSeconds(), target);
            for (Scenario.ArrivalSpec a : s.arrivals()) {
                if (a.session() != null && (arrival == null || arrival.equals(a.name()))) {
                    spec.commandLine().getOut().printf(Locale.ROOT, "note: arrivals.%s starts agent sessions: its rows "
                            + "are the sessions' starts; their calls depend on the serving and are not written%n",
                            Terminal.safe(a.name()));
                }
            }
            spec.commandLine().getOut().flush();
            return CapsimCommand.OK;
        }

        /** An existing file this command wrote: its first line is a header of {@link ArrivalCsvWriter}'s columns. */
        static boolean isSynthOutput(Path p) {
            try (java.io.InputStream in = Files.newInputStream(p)) {
                String head = new String(in.readNBytes(256), java.nio.charset.StandardCharsets.US_ASCII);
                int nl = head.indexOf('\n');
                return nl > 0 && head.substring(0, nl).matches(
                        "time_s(,(work_s|input_tokens|output_tokens|cpu_millis|memory_mib|gpu_millis))*");
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }
}
