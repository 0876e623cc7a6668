package io.capsim.scenarios.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems so that one pass reports all of them. */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();

    /** Records one problem. */
    public void add(Location location, String path, String message) {
        list.add(new Problem(location, path, message));
    }

    /** Number of problems recorded so far. */
    public int size() {
        return list.size();
    }

    /** True if nothing was recorded. */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Throws a {@link ScenarioException} with every problem, sorted by position, if any. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing((Problem p) -> p.location().line() == 0 ? 1 : 0)
                    .thenComparingInt(p -> p.location().line())
                    .thenComparingInt(p -> p.location().column()));
            throw new ScenarioException(sorted);
        }
    }
}
