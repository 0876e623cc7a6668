package io.capsim.scenarios.validate;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot be run, with every problem found. The CLI exits with code 2. */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /** One or more problems; at least one. */
    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.problems = List.copyOf(problems);
    }

    /** A single problem. */
    public ScenarioException(Problem problem) {
        this(List.of(problem));
    }

    /** The problems, in the order found (file order for the most part). */
    public List<Problem> problems() {
        return problems;
    }
}
