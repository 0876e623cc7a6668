package io.capsim.scenarios.cli;

import io.capsim.reports.io.OutputFile;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.io.UnusableOutputException;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Opens output places before any work is done, so that a refused or unusable one is bad input
 * (exit 2) before the run starts, and registers them with the {@link ShutdownGuard} so that a
 * signal leaves no staging folder or temporary file behind.
 */
final class OutputDirs {

    private OutputDirs() {}

    /**
     * Opens an output folder (see {@link OutputFolder#open}).
     *
     * @param option the option that named it, for the message ("--out")
     * @param inputs the run's input files; the working folder is added
     * @throws ScenarioException (exit code 2) naming the folder and the reason
     */
    static OutputFolder openFolder(Path dir, String option, boolean force, List<Path> inputs, ShutdownGuard guard)
            throws IOException {
        try {
            OutputFolder f = OutputFolder.open(dir, new OutputFolder.Options(force, withWorkingFolder(inputs)));
            guard.guard(f::abort);
            return f;
        } catch (UnusableOutputException e) {
            throw bad(option, e);
        }
    }

    /**
     * Opens an output file (see {@link OutputFile#open}).
     *
     * @throws ScenarioException (exit code 2) naming the file and the reason
     */
    static OutputFile openFile(Path file, String option, boolean force, List<Path> inputs, Predicate<Path> ours,
            ShutdownGuard guard) throws IOException {
        try {
            OutputFile f = OutputFile.open(file, force, withWorkingFolder(inputs), ours);
            guard.guard(f::abort);
            return f;
        } catch (UnusableOutputException e) {
            throw bad(option, e);
        }
    }

    private static List<Path> withWorkingFolder(List<Path> inputs) {
        List<Path> all = new ArrayList<>(inputs);
        all.add(Path.of(""));
        return all;
    }

    private static ScenarioException bad(String option, UnusableOutputException e) {
        return new ScenarioException(new Problem(Location.of(option), "", e.getMessage()));
    }
}
