package io.capsim.engine.sched.config;

import java.util.List;

/** A profile that cannot be built; lists every problem found, each with its field path. */
public final class InvalidProfileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;
    private final String profile;

    /** @param problems one message per problem, at least one */
    public InvalidProfileException(String profile, List<String> problems) {
        super("invalid scheduler profile \"" + profile + "\":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
        this.profile = profile;
    }

    /** The profile's name. */
    public String profile() {
        return profile;
    }

    /** The problems, each {@code <field path>: <message>}. */
    public List<String> problems() {
        return problems;
    }
}
