package io.capsim.scenarios.cli;

import io.capsim.engine.serving.OverloadException;

import io.capsim.reports.io.OutputInterruptedException;
import io.capsim.reports.io.UnusableOutputException;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceLimitException;
import io.capsim.workloads.trace.csv.OutputLimitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code capsim} command line. Exit codes: 0 success; 1 an SLO or baseline regression, and
 * nothing else; 2 bad input (command line, scenario, trace, an unusable output place, a limit
 * reached); 3 internal error (one line; the stack trace with {@code --debug}, else in a log file);
 * 4 the machine ran out (memory or disk), saying how to give it more. A run stopped by SIGINT or
 * SIGTERM ends with the signal's status (130, 143) after leaving its output as it was.
 */
@Command(
        name = "capsim",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Discrete-event capacity-planning simulator for GPU/CPU Kubernetes clusters.",
        subcommands = {RunCommand.class, ValidateCommand.class, TraceCommand.class, ReportCommand.class,
            CompareCommand.class, RegressCommand.class, SweepCommand.class, MergeCommand.class, PlanCommand.class,
            SchemaCommand.class, AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:an SLO or baseline regression (nothing else)",
            "2:bad input: command line, scenario, trace, unusable output place, a limit reached",
            "3:internal error (--debug prints the stack trace)",
            "4:out of memory or disk space",
            "130/143:stopped by SIGINT/SIGTERM; the output was left as it was"
        })
public final class CapsimCommand implements Runnable {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for an SLO or baseline regression, and for nothing else. */
    public static final int REGRESSION = 1;
    /** Exit code for bad input, an unusable output place or a limit reached. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal error. */
    public static final int INTERNAL = 3;
    /** Exit code for a machine that ran out of memory or disk space. */
    public static final int OUT_OF_RESOURCES = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an internal error, print the stack trace (otherwise it goes to a log file).")
    boolean debug;

    /** Aborts outputs in progress on SIGINT/SIGTERM; set for the duration of {@link #execute}. */
    ShutdownGuard guard;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see the list below)");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given writers; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CapsimCommand top = new CapsimCommand();
        CommandLine cl = new CommandLine(top);
        cl.setOut(out);
        cl.setErr(err);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        CommandList.install(cl);
        boolean debug = debugRequested(args);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, err, debug));
        try (ShutdownGuard guard = new ShutdownGuard(err)) {
            top.guard = guard;
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(err);
        } catch (Throwable t) { // an Error: picocli passes only Exceptions to the handler
            return internal(t, err, debug);
        }
    }

    private static boolean debugRequested(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--debug")) {
                return true;
            }
        }
        return System.getenv("CAPSIM_DEBUG") != null;
    }

    /** The exit code for an exception out of a command, after printing what the user needs. */
    static int handle(Throwable ex, PrintWriter err, boolean debug) {
        if (ex instanceof ScenarioException se) {
            for (Problem p : se.problems()) {
                err.println(Terminal.safe(p.toString()));
            }
            err.println("capsim: " + se.problems().size() + " problem" + (se.problems().size() == 1 ? "" : "s")
                    + "; nothing was run");
            err.flush();
            return BAD_INPUT;
        }
        if (ex instanceof TraceFormatException tf) {
            err.println(Terminal.safe(tf.getMessage()));
            if (tf instanceof TraceLimitException tl) {
                err.println("capsim: " + LimitOptions.raiseHint(tl.limit()));
            }
            err.println("capsim: bad trace; nothing was written");
            err.flush();
            return BAD_INPUT;
        }
        if (ex instanceof OverloadException o) {
            err.println("capsim: " + Terminal.safe(o.getMessage()));
            err.println("capsim: the run was stopped (" + o.waiting() + " requests waiting; --limit waiting-requests=N"
                    + " raises the limit); nothing was written");
            err.flush();
            return BAD_INPUT;
        }
        if (ex instanceof OutputLimitException ol) {
            err.println("capsim: " + Terminal.safe(ol.getMessage()));
            err.println("capsim: " + LimitOptions.raiseHint(ol.limit()) + "; nothing was written");
            err.flush();
            return BAD_INPUT;
        }
        if (ex instanceof UnusableOutputException u) {
            err.println("capsim: " + Terminal.safe(u.getMessage()));
            err.flush();
            return BAD_INPUT;
        }
        if (ex instanceof OutputInterruptedException) {
            return INTERNAL; // the shutdown hook has said what happened; the runtime is exiting
        }
        Throwable oom = cause(ex, OutOfMemoryError.class);
        if (oom != null) {
            return outOfMemory(err);
        }
        IOException full = diskFull(ex);
        if (full != null) {
            String where = full instanceof FileSystemException fse && fse.getFile() != null ? " writing " + fse.getFile()
                    : "";
            err.println("capsim: the disk is full" + where + " (" + Terminal.safe(String.valueOf(full.getMessage()))
                    + "). Free some space, or write elsewhere with --out; the output was left as it was.");
            err.flush();
            return OUT_OF_RESOURCES;
        }
        return internal(ex, err, debug);
    }

    private static int outOfMemory(PrintWriter err) {
        long max = Runtime.getRuntime().maxMemory();
        err.println(String.format(Locale.ROOT, "capsim: out of memory: the Java heap (%d MiB) is full. Give it more, "
                + "e.g. CAPSIM_JAVA_OPTS=-Xmx8g bin/capsim ... (or java -Xmx8g -jar capsim.jar ...), or make the "
                + "scenario smaller (fewer nodes, replicas or streams, a shorter duration, a queueCapacity). "
                + "Nothing was written.", max / (1 << 20)));
        err.flush();
        return OUT_OF_RESOURCES;
    }

    private static int internal(Throwable ex, PrintWriter err, boolean debug) {
        err.println("capsim: internal error: " + Terminal.safe(ex.getClass().getName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage())));
        if (debug) {
            ex.printStackTrace(err);
        } else {
            String log = writeLog(ex);
            err.println("capsim: " + (log != null ? "the stack trace is in " + log + "; " : "")
                    + "run again with --debug to print it; please report it");
        }
        err.flush();
        return INTERNAL;
    }

    /** Writes the stack trace to a new file in the temporary folder; its path, or null. */
    private static String writeLog(Throwable ex) {
        try {
            StringWriter sw = new StringWriter();
            ex.printStackTrace(new PrintWriter(sw));
            Path log = Files.createTempFile("capsim-internal-error-", ".log");
            Files.writeString(log, sw.toString(), StandardCharsets.UTF_8);
            return log.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** The I/O failure in {@code t}'s causes that says the disk or quota is full, or null. */
    static IOException diskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException io) {
                String m = io instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                        : String.valueOf(io.getMessage());
                if (m.contains("No space left on device") || m.contains("Disk quota exceeded")
                        || m.contains("File too large")) {
                    return io;
                }
            }
        }
        return null;
    }
}
