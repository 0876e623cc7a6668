package io.capsim.scenarios.cli;

import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.workloads.trace.TraceFormatException;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code capsim} command line. Exit codes: 0 success, 1 an SLO or baseline regression,
 * 2 bad input (usage, scenario or trace), 3 internal error.
 */
@Command(
        name = "capsim",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Discrete-event capacity-planning simulator for GPU/CPU Kubernetes clusters.",
        subcommands = {RunCommand.class, ValidateCommand.class, TraceCommand.class,
            AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:an SLO or baseline regression",
            "2:bad input (command line, scenario or trace)",
            "3:internal error"
        })
public final class CapsimCommand implements Runnable {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for an SLO or baseline regression. */
    public static final int REGRESSION = 1;
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal error. */
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, validate)");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given writers; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new CapsimCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof ScenarioException se) {
                for (Problem p : se.problems()) {
                    err.println(p);
                }
                err.println("capsim: " + se.problems().size() + " problem" + (se.problems().size() == 1 ? "" : "s")
                        + "; nothing was run");
                err.flush();
                return BAD_INPUT;
            }
            if (ex instanceof TraceFormatException tf) {
                err.println(tf.getMessage());
                err.println("capsim: bad trace; nothing was written");
                err.flush();
                return BAD_INPUT;
            }
            err.println("capsim: internal error: " + ex);
            if (System.getenv("CAPSIM_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set CAPSIM_DEBUG=1 for the stack trace; please report it)");
            }
            err.flush();
            return INTERNAL;
        });
        return cl.execute(args);
    }
}
