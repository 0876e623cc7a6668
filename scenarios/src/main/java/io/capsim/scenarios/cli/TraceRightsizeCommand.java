package io.capsim.scenarios.cli;

import io.capsim.engine.controllers.UsageRecommender;
import io.capsim.engine.kernel.SimTime;
import io.capsim.reports.io.OutputFolder;
import io.capsim.scenarios.run.RightSizing;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.Quantities;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.usage.UsageCursor;
import io.capsim.workloads.usage.UsageFormats;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * {@code capsim trace rightsize FILE --format F}: right-sizing replayed on a recorded usage trace
 * ({@link RightSizing}), its savings printed and written to rightsize.csv and stats.txt.
 */
@Command(name = "rightsize", mixinStandardHelpOptions = true,
        description = {"Replay right-sizing on a recorded usage trace: per pod, the request is set every --interval "
                + "to the --percentile of its usage over the last --window, x (1 + --margin), within [--min, --max] "
                + "(the recorded request holds for the first window). Prints and writes (rightsize.csv, stats.txt) "
                + "the resource-hours of the recorded and recommended requests, what is saved, and the share of "
                + "time usage exceeded the request.",
            "Formats: bitbrains-gwa-t12 (CPU and memory usage against what was provisioned)."})
final class TraceRightsizeCommand implements Callable<Integer> {

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

    @Mixin
    BadRowOption badRows;

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
        BadRowPolicy policy = badRows.policy();
        RightSizing.Settings settings = new RightSizing.Settings(r,
                new UsageRecommender.Settings(percentile, margin, lo, hi, windowTicks), intervalTicks);
        Path dir;
        String text;
        try (OutputFolder folder = TraceCommand.openFolder(spec, out, "rightsize", file, force)) {
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
            Map<String, Object> info = TraceCommand.runInfo(folder, spec, file, format, limits, t0);
            folder.write("rightsize.csv", o -> o.write(csv(res, r).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            TraceCommand.commit(folder, text, info);
        }
        return TraceCommand.print(spec, text, "per pod", dir.resolve("rightsize.csv"));
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
