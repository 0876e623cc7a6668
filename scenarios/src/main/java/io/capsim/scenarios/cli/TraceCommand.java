package io.capsim.scenarios.cli;

import io.capsim.reports.io.OutputFolder;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.workloads.trace.BadRowPolicy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code capsim trace inspect|synth|rightsize}: look at a trace, write a scenario's arrivals as one,
 * or replay right-sizing on a usage trace. This group holds what its subcommands share: the
 * bad-row policy, the default output folder and run-info.json.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Inspect a recorded trace, or write the arrivals a scenario generates as a CSV trace.",
        subcommands = {TraceInspectCommand.class, TraceSynthCommand.class, TraceRightsizeCommand.class})
final class TraceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (inspect, synth)");
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
}
