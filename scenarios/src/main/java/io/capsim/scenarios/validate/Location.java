package io.capsim.scenarios.validate;

import java.util.Objects;

/**
 * Where a value came from: a file position (1-based line and column) or a command-line override.
 *
 * @param source file name as the user gave it, or {@code --set PATH=VALUE}
 * @param line 1-based line, or 0 when the source has no lines
 * @param column 1-based column, or 0 when the source has no lines
 */
public record Location(String source, int line, int column) {

    public Location {
        Objects.requireNonNull(source, "source");
    }

    /** A location without a line, such as a command-line option. */
    public static Location of(String source) {
        return new Location(source, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
