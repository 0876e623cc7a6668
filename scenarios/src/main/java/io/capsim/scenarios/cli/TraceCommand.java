package io.capsim.scenarios.cli;

import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.json.DeterministicJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code capsim trace inspect|synth|rightsize}: look at a trace, write a scenario's arrivals as one,
 * or replay right-sizing on a usage trace. This group holds what its subcommands share: the
 * default output folder, run-info.json, stats.txt and the printed summary.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Inspect a recorded trace, write the arrivals a scenario generates as a CSV trace, or replay "
                + "right-sizing on a usage trace.",
        subcommands = {TraceInspectCommand.class, TraceSynthCommand.class, TraceRightsizeCommand.class})
final class TraceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required ("
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /**
     * Opens a trace command's output folder: {@code out}, or by default {@code out/<command>/<file
     * name>}; the trace file is an input it may not replace.
     */
    static OutputFolder openFolder(CommandSpec spec, Path out, String command, Path file, boolean force)
            throws IOException {
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        return OutputDirs.openFolder(out != null ? out : defaultOut(command, file), "--out", force, List.of(file),
                top.guard);
    }

    /** {@code out/<command>/<file name>}, with characters unsafe in a folder name replaced. */
    private static Path defaultOut(String command, Path file) {
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

    /** Writes stats.txt and run-info.json into a trace command's folder, then commits the folder. */
    static void commit(OutputFolder folder, String stats, Map<String, Object> info) throws IOException {
        folder.write("stats.txt", o -> o.write(stats.getBytes(StandardCharsets.UTF_8)));
        folder.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(info, o));
        folder.commit();
    }

    /** Prints a trace command's text, then {@code what: file}; returns {@link CapsimCommand#OK}. */
    static int print(CommandSpec spec, String text, String what, Path file) {
        PrintWriter w = spec.commandLine().getOut();
        w.print(text);
        w.printf("%s: %s%n", what, file);
        w.flush();
        return CapsimCommand.OK;
    }
}
