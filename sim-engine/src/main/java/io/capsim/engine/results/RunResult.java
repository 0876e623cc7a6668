package io.capsim.engine.results;

import java.util.List;

/**
 * Everything one simulation run measured: one result model for services, jobs, the scheduler and
 * the cluster. A pure function of the model and the seed.
 *
 * @param simulatedSeconds length of the run in virtual time, warm-up included
 * @param measuredSeconds length of the measured window (after warm-up)
 * @param eventsExecuted events the kernel ran
 * @param services per service, in scenario order
 * @param jobs per job, in scenario order
 * @param scheduler what the scheduler did
 * @param cluster cluster capacity and use
 * @param timeSeries sampled series over the whole run (pending pods, allocation, fragmentation,
 *     ready replicas per service, running instances per job)
 * @param sessions per agent-session stream, in scenario order (empty without sessions)
 */
public record RunResult(
        double simulatedSeconds,
        double measuredSeconds,
        long eventsExecuted,
        List<ServiceResult> services,
        List<JobResult> jobs,
        SchedulerResult scheduler,
        ClusterResult cluster,
        List<TimeSeries> timeSeries,
        List<SessionResult> sessions) {

    public RunResult {
        services = List.copyOf(services);
        jobs = List.copyOf(jobs);
        timeSeries = List.copyOf(timeSeries);
        sessions = List.copyOf(sessions);
    }

    /** A result without agent sessions. */
    public RunResult(double simulatedSeconds, double measuredSeconds, long eventsExecuted, List<ServiceResult> services,
            List<JobResult> jobs, SchedulerResult scheduler, ClusterResult cluster, List<TimeSeries> timeSeries) {
        this(simulatedSeconds, measuredSeconds, eventsExecuted, services, jobs, scheduler, cluster, timeSeries,
                List.of());
    }

    /** The series named {@code name}, or null. */
    public TimeSeries series(String name) {
        for (TimeSeries t : timeSeries) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
