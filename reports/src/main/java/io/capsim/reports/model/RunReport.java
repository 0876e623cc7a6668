package io.capsim.reports.model;

import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.Slo;
import java.util.Objects;

/**
 * What the reports are made from: one run's results and what identifies it.
 *
 * @param scenario scenario name
 * @param seed master seed the run used
 * @param result what the run measured
 * @param arrivals what each arrival stream delivered, in scenario order
 * @param slo the scenario's service level objectives judged on this run, in scenario order
 */
public record RunReport(String scenario, long seed, RunResult result, java.util.List<ArrivalReport> arrivals,
        java.util.List<Slo.Judgement> slo) {

    public RunReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(result, "result");
        arrivals = java.util.List.copyOf(arrivals);
        slo = java.util.List.copyOf(slo);
    }

    /** A report of a scenario without service level objectives. */
    public RunReport(String scenario, long seed, RunResult result, java.util.List<ArrivalReport> arrivals) {
        this(scenario, seed, result, arrivals, java.util.List.of());
    }

    /** True if every objective held (also when there is none). */
    public boolean sloMet() {
        return slo.stream().allMatch(Slo.Judgement::met);
    }

    /** A report without arrival-stream details. */
    public RunReport(String scenario, long seed, RunResult result) {
        this(scenario, seed, result, java.util.List.of());
    }
}
