package io.capsim.engine.sched.api;

import java.util.Objects;

/**
 * One problem in a scheduler configuration, as a value: where it is, what was written there, and
 * what is wrong with it and what is allowed.
 *
 * @param path the field path, relative to what was checked ({@code weight}, {@code
 *     scoringStrategy.resources[0].name}, {@code plugins.score.enabled[1].name}); empty for the
 *     whole of it
 * @param value the offending value as written (for a problem with a key, the key), or null when
 *     there is none (a missing field)
 * @param message what is wrong and what is allowed, for example {@code 0 is not in [1, 100]}
 * @param aboutKey true if the key at {@code path} is the problem (an unknown or unsupported field),
 *     not its value: a reader locates it at the key
 */
public record ConfigProblem(String path, String value, String message, boolean aboutKey) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** A problem at {@code path} with no particular value. */
    public static ConfigProblem at(String path, String message) {
        return new ConfigProblem(path, null, message, false);
    }

    /** A problem with the value written at {@code path}. */
    public static ConfigProblem at(String path, Object value, String message) {
        return new ConfigProblem(path, value == null ? null : String.valueOf(value), message, false);
    }

    /** A problem with the key at {@code path} itself (an unknown or unsupported field). */
    public static ConfigProblem key(String path, String key, String message) {
        return new ConfigProblem(path, key, message, true);
    }

    /** The same problem, its path under {@code prefix} ({@code prefix.path}, or {@code prefix[0]...}). */
    public ConfigProblem under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        String p = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new ConfigProblem(p, value, message, aboutKey);
    }

    /** {@code path: message}, or the message alone when the path is empty. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
