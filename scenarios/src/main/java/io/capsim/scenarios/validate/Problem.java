package io.capsim.scenarios.validate;

import java.util.Objects;

/**
 * One thing wrong with a scenario: where, which field, and what is allowed.
 *
 * @param location where the offending value (or key) is written
 * @param path dotted field path, such as {@code services.web.replicas}; empty for the whole file
 * @param message what is wrong and what is allowed
 */
public record Problem(Location location, String path, String message) {

    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: path: message}. */
    @Override
    public String toString() {
        return location + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
