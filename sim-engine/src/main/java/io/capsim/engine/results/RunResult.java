package io.capsim.engine.results;

import java.util.List;

/**
 * Everything one simulation run measured. A pure function of the model and the seed.
 *
 * @param simulatedSeconds length of the run in virtual time, warm-up included
 * @param measuredSeconds length of the measured window (after warm-up)
 * @param eventsExecuted events the kernel ran
 * @param services per service, in scenario order
 * @param cluster cluster utilisation
 */
public record RunResult(
        double simulatedSeconds,
        double measuredSeconds,
        long eventsExecuted,
        List<ServiceResult> services,
        ClusterResult cluster) {

    public RunResult {
        services = List.copyOf(services);
    }
}
