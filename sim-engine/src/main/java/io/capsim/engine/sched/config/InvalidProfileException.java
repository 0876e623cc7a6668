package io.capsim.engine.sched.config;

import io.capsim.engine.sched.api.ConfigProblem;
import java.util.List;

/** A profile that cannot be built; lists every problem found, each with its field path. */
public final class InvalidProfileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;
    private final String profile;

    /** @param problems the problems, each with its path in the profile; at least one */
    public InvalidProfileException(String profile, List<ConfigProblem> problems) {
        super("invalid scheduler profile \"" + profile + "\":\n  " + String.join("\n  ",
                problems.stream().map(ConfigProblem::toString).toList()));
        this.problems = List.copyOf(problems);
        this.profile = profile;
    }

    /** The profile's name. */
    public String profile() {
        return profile;
    }

    /** The problems, each with its field path in the profile. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
