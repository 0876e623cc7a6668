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
import io.capsim.workloads.usage.UsageCursor;
import io.capsim.workloads.usage.UsageFormats;
import io.capsim.workloads.usage.UsageStats;
import io.capsim.engine.controllers.UsageRecommender;
import io.capsim.scenarios.run.RightSizing;
import io.capsim.scenarios.validate.Quantities;
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
        subcommands = {TraceCommand.Inspect.class, TraceCommand.Synth.class, TraceCommand.Rightsize.class})
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
                "Formats: azure-llm-2023, mooncake, alibaba-genai-2026, alibaba-pai-2020-machines, swf, openb-pods, csv;"
                        + " usage traces (rows, pods, span, usage and request percentiles): bitbrains-gwa-t12,"
                        + " alibaba-genai-2026-pods (FILE may be its folder)."})
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
            BadRowPolicy policy = policy(onBadRow);
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
            try (OutputFolder folder = OutputDirs.openFolder(out != null ? out : defaultOut("trace-inspect", file), "--out",
                    force, List.of(file), top.guard)) {
                dir = folder.dir();
                long t0 = System.nanoTime();
                TraceStats stats;
                try (TraceCursor c = TraceFormats.open(format, file, new TraceOptions(policy, layout, traceLimits))) {
                    stats = TraceStats.of(c, Long.MAX_VALUE, traceLimits.maxHorizonTicks());
                }
                text = file + " (" + format + ")\n" + stats.summary();
                long[] perMinute = stats.perMinute();
                Map<String, Object> info = runInfo(folder, spec, file, format, limits, t0);
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

        /** A usage trace: rows, pods, span and the distribution of each field, in stats.txt. */
        private Integer inspectUsage() throws Exception {
            BadRowPolicy policy = policy(onBadRow);
            Path dir;
            String text;
            CapsimCommand top = (CapsimCommand) spec.root().userObject();
            try (OutputFolder folder = OutputDirs.openFolder(out != null ? out : defaultOut("trace-inspect", file),
                    "--out", force, List.of(file), top.guard)) {
                dir = folder.dir();
                long t0 = System.nanoTime();
                UsageStats stats;
                try (UsageCursor c = UsageFormats.REGISTRY.find(format).orElseThrow().open(file, policy,
                        limits.traceLimits())) {
                    stats = UsageStats.of(c);
                }
                text = file + " (" + format + ")\n" + stats.summary();
                Map<String, Object> info = runInfo(folder, spec, file, format, limits, t0);
                folder.write("stats.txt", o -> o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                folder.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(info, o));
                folder.commit();
            }
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.printf("stats: %s%n", dir.resolve("stats.txt"));
            w.flush();
            return CapsimCommand.OK;
        }
    }

    /** The bad-row policy of {@code --on-bad-row}. */
    static BadRowPolicy policy(String onBadRow) {
        try {
            return BadRowPolicy.of(onBadRow);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(new Problem(Location.of("--on-bad-row"), "", e.getMessage()));
        }
    }

    /** {@code out/<command>/<file name>}, with characters unsafe in a folder name replaced. */
    static Path defaultOut(String command, Path file) {
        String base = file.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of("out", command, base.startsWith(".") ? "_" + base : base);
    }

    /** run-info.json of a trace command. */
    static Map<String, Object> runInfo(OutputFolder folder, CommandSpec spec, Path file, String format,
            LimitOptions limits, long t0) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("capsimVersion", VersionProvider.version());
        info.put("javaVersion", System.getProperty("java.version"));
        info.put("runId", folder.runId());
        info.put("commandLine", spec.root().commandLine().getParseResult().originalArgs());
        info.put("traceFile", file.toString());
        info.put("format", format);
        info.put("limits", limits.describe());
        info.put("wallSeconds", (System.nanoTime() - t0) / 1e9);
        return info;
    }

    @Command(name = "rightsize", mixinStandardHelpOptions = true,
            description = {"Replay right-sizing on a recorded usage trace: per pod, the request is set every --interval "
                    + "to the --percentile of its usage over the last --window, x (1 + --margin), within [--min, --max] "
                    + "(the recorded request holds for the first window). Prints and writes (rightsize.csv, stats.txt) "
                    + "the resource-hours of the recorded and recommended requests, what is saved, and the share of "
                    + "time usage exceeded the request.",
                "Formats: bitbrains-gwa-t12 (CPU and memory usage against what was provisioned)."})
    static final class Rightsize implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "Usage trace file (gzip is read transparently).")
        Path file;

        @Option(names = "--format", required = true, paramLabel = "F", description = "Usage trace format.")
        String format;

        @Option(names = "--resource", paramLabel = "cpu|memory", description = "What to resize (default cpu).")
        String resource = "cpu";

        @Option(names = "--percentile", paramLabel = "P", description = "Percentile of usage, (0, 100] (default 95).")
        double percentile = 95;

        @Option(names = "--margin", paramLabel = "M", description = "Safety margin added, >= 0 (default 0.15).")
        double margin = 0.15;

        @Option(names = "--window", paramLabel = "DURATION", description = "Usage window (default 24h).")
        String window = "24h";

        @Option(names = "--interval", paramLabel = "DURATION", description = "Update interval (default 1h).")
        String interval = "1h";

        @Option(names = "--min", paramLabel = "Q", description = "Lowest request: CPU (100m, 0.5) or memory (256Mi)"
                + " (default 10m CPU, 16Mi memory).")
        String min;

        @Option(names = "--max", paramLabel = "Q", description = "Highest request (default none).")
        String max;

        @Option(names = "--on-bad-row", paramLabel = "stop|skip", description = "Stop at a bad row (default) or skip and count it.")
        String onBadRow = "stop";

        @Option(names = {"-o", "--out"}, paramLabel = "DIR",
                description = "Folder for rightsize.csv, stats.txt and run-info.json (default: out/rightsize/<file name>);"
                        + " written whole or not at all.")
        Path out;

        @Option(names = "--force", description = "Replace the output folder even if capsim did not write it.")
        boolean force;

        @Mixin
        LimitOptions limits;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (UsageFormats.REGISTRY.find(format).isEmpty()) {
                throw new ScenarioException(new Problem(Location.of("--format"), "", UsageFormats.REGISTRY.unknownMessage(format)));
            }
            List<Problem> problems = new ArrayList<>();
            RightSizing.Resource r = switch (resource) {
                case "cpu" -> RightSizing.Resource.CPU;
                case "memory" -> RightSizing.Resource.MEMORY;
                default -> {
                    problems.add(new Problem(Location.of("--resource"), "", "\"" + resource + "\" is not cpu or memory"));
                    yield RightSizing.Resource.CPU;
                }
            };
            if (!UsageFormats.REGISTRY.find(format).orElseThrow().fields().contains(r.request())) {
                problems.add(new Problem(Location.of("--format"), "", format + " gives no " + r.request().key()
                        + " to resize against (it has " + UsageFormats.REGISTRY.find(format).orElseThrow().fields()
                        .stream().map(f -> f.key()).toList() + ")"));
            }
            if (!(percentile > 0 && percentile <= 100)) {
                problems.add(new Problem(Location.of("--percentile"), "", percentile + " is not in (0, 100]"));
            }
            if (!(margin >= 0 && margin <= 100)) {
                problems.add(new Problem(Location.of("--margin"), "", margin + " is not in [0, 100]"));
            }
            long windowTicks = duration("--window", window, problems);
            long intervalTicks = duration("--interval", interval, problems);
            double lo = quantity("--min", min != null ? min : r == RightSizing.Resource.CPU ? "10m" : "16Mi", r, problems);
            double hi = max == null ? Double.MAX_VALUE : quantity("--max", max, r, problems);
            if (problems.isEmpty() && hi < lo) {
                problems.add(new Problem(Location.of("--max"), "", max + " is below --min"));
            }
            if (!problems.isEmpty()) {
                throw new ScenarioException(problems);
            }
            BadRowPolicy policy = policy(onBadRow);
            RightSizing.Settings settings = new RightSizing.Settings(r,
                    new UsageRecommender.Settings(percentile, margin, lo, hi, windowTicks), intervalTicks);
            CapsimCommand top = (CapsimCommand) spec.root().userObject();
            Path dir;
            String text;
            try (OutputFolder folder = OutputDirs.openFolder(out != null ? out : defaultOut("rightsize", file), "--out",
                    force, List.of(file), top.guard)) {
                dir = folder.dir();
                long t0 = System.nanoTime();
                RightSizing.Result res;
                try (UsageCursor c = UsageFormats.REGISTRY.find(format).orElseThrow().open(file, policy,
                        limits.traceLimits())) {
                    res = RightSizing.run(c, settings);
                } catch (RightSizing.NothingToSize e) {
                    throw new ScenarioException(new Problem(Location.of(file.toString()), "", e.getMessage()));
                }
                text = summary(res, r);
                Map<String, Object> info = runInfo(folder, spec, file, format, limits, t0);
                folder.write("rightsize.csv", o -> o.write(csv(res, r).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                folder.write("stats.txt", o -> o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                folder.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(info, o));
                folder.commit();
            }
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.printf("per pod: %s%n", dir.resolve("rightsize.csv"));
            w.flush();
            return CapsimCommand.OK;
        }

        private String summary(RightSizing.Result res, RightSizing.Resource r) {
            String u = r.unit();
            return String.format(Locale.ROOT, "%s (%s), %s: p%s of usage over %s x (1 + %s), every %s%n"
                    + "pods                       %d (%.1f pod-hours)%n"
                    + "recorded requests          %.1f %s%n"
                    + "recommended requests       %.1f %s%n"
                    + "saved                      %.1f %s (%.1f%%)%n"
                    + "usage                      %.1f %s%n"
                    + "usage above the request    %.2f%% of the time (%.2f%% above the recorded request)%n",
                    file, format, resource, fmt(percentile), window, fmt(margin), interval, res.pods().size(), res.hours(),
                    res.recordedHours(), u, res.recommendedHours(), u, res.savedHours(), u,
                    res.recordedHours() > 0 ? 100 * res.savedHours() / res.recordedHours() : 0, res.usedHours(), u,
                    100 * res.exceededShare(), 100 * res.recordedExceededShare());
        }

        private static String csv(RightSizing.Result res, RightSizing.Resource r) {
            String u = r.unit().replace('-', '_');
            StringBuilder sb = new StringBuilder("pod,samples,hours,used_" + u + ",recorded_" + u + ",recommended_" + u
                    + ",saved_" + u + ",exceeded_share,recorded_exceeded_share,last_target_" + r.used().unit() + "\n");
            for (RightSizing.Pod p : res.pods()) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.6f,%.6f,%.3f%n", csvText(p.pod()),
                        p.samples(), p.hours(), p.usedHours(), p.recordedHours(), p.recommendedHours(),
                        p.recordedHours() - p.recommendedHours(), p.exceededShare(), p.recordedExceededShare(),
                        p.lastTarget()));
            }
            return sb.toString();
        }

        private static String csvText(String s) {
            return s.matches("[A-Za-z0-9._-]+") ? s : '"' + s.replace("\"", "\"\"") + '"';
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }

        private static long duration(String option, String text, List<Problem> problems) {
            try {
                long t = SimTime.ofSeconds(Quantities.seconds(text));
                if (t <= 0) {
                    throw new IllegalArgumentException("must be more than 0");
                }
                return t;
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(Location.of(option), "", "\"" + text + "\": " + e.getMessage()));
                return 1;
            }
        }

        private static double quantity(String option, String text, RightSizing.Resource r, List<Problem> problems) {
            try {
                return r == RightSizing.Resource.CPU ? Quantities.cpuMillis(text) : Quantities.memoryMiB(text);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(Location.of(option), "", "\"" + text + "\": " + e.getMessage()));
                return 0;
            }
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
