package io.capsim.reports.model;

import io.capsim.engine.results.RunResult;
import java.util.Objects;

/**
 * What the reports are made from: one run's results and what identifies it.
 *
 * @param scenario scenario name
 * @param seed master seed the run used
 * @param result what the run measured
 * @param arrivals what each arrival stream delivered, in scenario order
 */
public record RunReport(String scenario, long seed, RunResult result, java.util.List<ArrivalReport> arrivals) {

    public RunReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(result, "result");
        arrivals = java.util.List.copyOf(arrivals);
    }

    /** A report without arrival-stream details. */
    public RunReport(String scenario, long seed, RunResult result) {
        this(scenario, seed, result, java.util.List.of());
    }
}
