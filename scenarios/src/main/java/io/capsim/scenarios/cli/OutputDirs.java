package io.capsim.scenarios.cli;

import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output folder before any work is done, so a bad one is bad input, not a crash. */
final class OutputDirs {

    private OutputDirs() {}

    /**
     * Creates {@code dir} if needed and checks it is a writable folder.
     *
     * @param option the option that named it, for the message ("--out")
     * @throws ScenarioException (exit code 2) naming the folder and the reason
     */
    static Path prepare(Path dir, String option) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw bad(option, dir, "it exists and is not a folder");
        } catch (IOException | SecurityException e) {
            throw bad(option, dir, "it cannot be created (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) {
            throw bad(option, dir, "it is not writable");
        }
        return dir;
    }

    private static ScenarioException bad(String option, Path dir, String why) {
        return new ScenarioException(new Problem(Location.of(option), "", "cannot write the output to " + dir + ": " + why));
    }
}
