package io.capsim.scenarios.validate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a scenario is read: the input limits, and the folders its trace and list files may lie in
 * besides the scenario's own folder and the working folder ({@code --allow-paths}).
 *
 * @param limits input limits
 * @param allowedDirs further folders files may be read from; copied
 */
public record ReadSettings(InputLimits limits, List<Path> allowedDirs) {

    /** Default limits, no further folders. */
    public static final ReadSettings DEFAULTS = new ReadSettings(InputLimits.DEFAULTS, List.of());

    public ReadSettings {
        Objects.requireNonNull(limits, "limits");
        allowedDirs = List.copyOf(allowedDirs);
    }
}
