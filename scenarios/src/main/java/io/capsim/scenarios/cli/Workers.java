package io.capsim.scenarios.cli;

import io.capsim.scenarios.run.Parallel;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The fixed thread pools of the commands that run many simulations ({@code sweep}, {@code plan}). */
final class Workers {

    /** Most threads {@code --threads} may ask for. */
    static final int MAX_THREADS = 4096;

    private Workers() {}

    /**
     * {@code --threads N}, or the number of cores when not given.
     *
     * @throws ScenarioException (exit 2) if N is not in [1, {@value #MAX_THREADS}]
     */
    static int threads(Integer option) {
        int n = option == null ? Runtime.getRuntime().availableProcessors() : option;
        if (n < 1 || n > MAX_THREADS) {
            throw new ScenarioException(new Problem(Location.of("--threads " + n), "", "not in [1, " + MAX_THREADS
                    + "]"));
        }
        return n;
    }

    /** A fixed pool of {@code n} daemon threads ({@link Parallel#pool}; shut it down after use). */
    static ExecutorService pool(int n, String name) {
        return Parallel.pool(n, name);
    }

    /** The scenario file and the trace files a scenario reads: an output place may not hold them. */
    static List<Path> inputs(Path file, Scenario s) {
        List<Path> inputs = new ArrayList<>(List.of(file));
        for (Scenario.ArrivalSpec a : s.arrivals()) {
            if (a.trace() != null) {
                inputs.add(a.trace().file());
            }
        }
        return inputs;
    }
}
