package io.capsim.reports;

import io.capsim.engine.results.RunResult;
import java.util.Objects;

/**
 * What the reports are made from: one run's results and what identifies it.
 *
 * @param scenario scenario name
 * @param seed master seed the run used
 * @param result what the run measured
 */
public record RunReport(String scenario, long seed, RunResult result) {

    public RunReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(result, "result");
    }
}
