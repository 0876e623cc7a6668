package io.capsim.scenarios.model;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.PriorityClass;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.controllers.ClusterAutoscaler;
import io.capsim.engine.controllers.HorizontalPodAutoscaler;
import io.capsim.engine.results.Slo;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.SessionSpec;
import io.capsim.engine.spi.Registry;
import io.capsim.engine.workload.JobSpec;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.arrival.ProcessSpec;
import io.capsim.workloads.trace.TraceOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A validated scenario: everything needed for one run.
 *
 * @param name scenario name, safe as a folder name
 * @param seed master random seed
 * @param durationSeconds length of the run in virtual seconds, warm-up included
 * @param warmupSeconds start of the measured window, less than the duration
 * @param sampleIntervalSeconds interval of the time series in the report, seconds
 * @param nodePools node pools, in file order
 * @param priorityClasses declared priority classes plus Kubernetes' system classes
 * @param scheduler the scheduler's profiles and settings
 * @param services services (Deployments), in file order
 * @param jobs jobs, in file order
 * @param arrivals arrival streams, in file order
 * @param slos service level objectives of the services and jobs, in file order, judged after the run
 * @param autoscalers HorizontalPodAutoscalers of the services, in file order
 * @param clusterAutoscaler the cluster autoscaler, or null when the node pools are fixed
 */
public record Scenario(
        String name,
        long seed,
        double durationSeconds,
        double warmupSeconds,
        double sampleIntervalSeconds,
        List<NodePoolSpec> nodePools,
        List<PriorityClass> priorityClasses,
        SchedulerSetup scheduler,
        List<ServiceSpec> services,
        List<JobSpec> jobs,
        List<ArrivalSpec> arrivals,
        List<Slo> slos,
        List<HorizontalPodAutoscaler.Spec> autoscalers,
        ClusterAutoscaler.Spec clusterAutoscaler) implements ScenarioDocument {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scheduler, "scheduler");
        nodePools = List.copyOf(nodePools);
        priorityClasses = List.copyOf(priorityClasses);
        services = List.copyOf(services);
        jobs = List.copyOf(jobs);
        arrivals = List.copyOf(arrivals);
        slos = List.copyOf(slos);
        autoscalers = List.copyOf(autoscalers);
    }

    /** A scenario without service level objectives. */
    public Scenario(String name, long seed, double durationSeconds, double warmupSeconds, double sampleIntervalSeconds,
            List<NodePoolSpec> nodePools, List<PriorityClass> priorityClasses, SchedulerSetup scheduler,
            List<ServiceSpec> services, List<JobSpec> jobs, List<ArrivalSpec> arrivals) {
        this(name, seed, durationSeconds, warmupSeconds, sampleIntervalSeconds, nodePools, priorityClasses, scheduler,
                services, jobs, arrivals, List.of(), List.of(), null);
    }

    /** A scenario without a cluster autoscaler. */
    public Scenario(String name, long seed, double durationSeconds, double warmupSeconds, double sampleIntervalSeconds,
            List<NodePoolSpec> nodePools, List<PriorityClass> priorityClasses, SchedulerSetup scheduler,
            List<ServiceSpec> services, List<JobSpec> jobs, List<ArrivalSpec> arrivals, List<Slo> slos,
            List<HorizontalPodAutoscaler.Spec> autoscalers) {
        this(name, seed, durationSeconds, warmupSeconds, sampleIntervalSeconds, nodePools, priorityClasses, scheduler,
                services, jobs, arrivals, slos, autoscalers, null);
    }

    /** The same scenario with another seed. */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, durationSeconds, warmupSeconds, sampleIntervalSeconds, nodePools,
                priorityClasses, scheduler, services, jobs, arrivals, slos, autoscalers, clusterAutoscaler);
    }

    /**
     * The scheduler of the run.
     *
     * @param profiles profiles, in configuration order; pods pick one by {@code schedulerName}
     * @param config scheduler-wide settings
     * @param source where the configuration came from: "defaults", "inline" or the file path
     * @param plugins the scheduling plugins the profiles were checked against, and that the run
     *     builds them from (the built-ins and any out-of-tree ones found when the scenario was read)
     */
    public record SchedulerSetup(List<SchedulerProfile> profiles, SchedulerConfig config, String source,
            Registry<PluginFactory<?>> plugins) {
        public SchedulerSetup {
            profiles = List.copyOf(profiles);
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(plugins, "plugins");
        }
    }

    /** What an arrival stream feeds. */
    public enum Target {
        /** Each arrival is a request to a service. */
        SERVICE,
        /** Each arrival submits an instance of a job. */
        JOB
    }

    /**
     * One stream of arrivals: a synthetic process or a recorded trace.
     *
     * @param name stream name; its random stream is {@code arrivals/<name>}
     * @param target what it feeds
     * @param targetName the service or job it feeds
     * @param process the arrival process and its parameters, or null for a trace or fixed times
     * @param trace the trace to replay, or null
     * @param sizes sizes drawn per synthetic arrival, or null
     * @param times fixed submission times (a job's {@code submitAt}), seconds, or null
     * @param startAtSeconds every arrival is delayed by this, seconds (a process or trace starting later)
     * @param streamName the name its random streams are drawn from ({@code arrivals/<streamName>}, {@code
     *     sizes/<streamName>/...}): its own name, or that of the stream it copies ({@code copyOf}), so
     *     that both deliver identical arrivals
     * @param session for a service stream, the agent session each arrival starts, or null (each
     *     arrival is one request)
     */
    public record ArrivalSpec(String name, Target target, String targetName, ProcessSpec process, TraceSpec trace,
            SizeSpec sizes, List<Double> times, double startAtSeconds, String streamName, SessionSpec session) {
        public ArrivalSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(streamName, "streamName");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(targetName, "targetName");
            int sources = (process != null ? 1 : 0) + (trace != null ? 1 : 0) + (times != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalArgumentException("an arrival stream has exactly one of a process, a trace or times");
            }
            times = times == null ? null : List.copyOf(times);
            if (!(startAtSeconds >= 0)) {
                throw new IllegalArgumentException("startAtSeconds " + startAtSeconds + " is not >= 0");
            }
            if (session != null && (target != Target.SERVICE || sizes != null)) {
                throw new IllegalArgumentException("a session stream goes to a service and draws its calls' sizes");
            }
        }

        /** A stream of requests or job instances (no session) drawing from its own random streams. */
        public ArrivalSpec(String name, Target target, String targetName, ProcessSpec process, TraceSpec trace,
                SizeSpec sizes, List<Double> times, double startAtSeconds) {
            this(name, target, targetName, process, trace, sizes, times, startAtSeconds, name, null);
        }

        /** A copy of this stream named {@code copyName} feeding {@code copyTarget}: the same arrivals. */
        public ArrivalSpec copy(String copyName, Target copyTarget, String copyTargetName) {
            return new ArrivalSpec(copyName, copyTarget, copyTargetName, process, trace, sizes, times, startAtSeconds,
                    streamName, session);
        }

        /** A synthetic stream of requests without sizes. */
        public ArrivalSpec(String name, String service, ProcessSpec process) {
            this(name, Target.SERVICE, service, Objects.requireNonNull(process, "process"), null, null, null, 0);
        }

        /** "poisson", "trace azure-llm-2023" or "submitAt". */
        public String describe() {
            return process != null ? process.process() : trace != null ? "trace " + trace.format() : "submitAt";
        }
    }

    /**
     * Sizes drawn for each synthetic arrival: a service demand and LLM token counts.
     *
     * @param work service demand distribution (seconds), or null
     * @param inputTokens prompt-token distribution (parameters in tokens), or null
     * @param outputTokens output-token distribution (parameters in tokens), or null
     * @param inputMin smallest prompt, tokens
     * @param inputMax largest prompt, tokens (a context limit)
     * @param outputMin smallest output, tokens
     * @param outputMax largest output, tokens
     */
    public record SizeSpec(DistributionSpec work, DistributionSpec inputTokens,
            DistributionSpec outputTokens, long inputMin, long inputMax, long outputMin,
            long outputMax) {}

    /**
     * A filter on one field of each trace row.
     *
     * @param field the field (inputTokens, outputTokens, work in ns, cpuMillis, memoryMiB, gpuMillis)
     * @param min smallest value kept
     * @param max largest value kept
     */
    public record FilterSpec(ArrivalField field, long min, long max) {}

    /**
     * A recorded trace to replay.
     *
     * @param file the trace file (resolved against the scenario's folder)
     * @param format registered trace format name
     * @param options bad-row policy and, for {@code csv}, the column layout
     * @param timeScale multiplies every time (0.5 replays twice as fast)
     * @param fromSeconds start of the window of the trace to replay, seconds (after scaling)
     * @param toSeconds end of the window, seconds, or +infinity
     * @param loop replay the (windowed) trace over and over until the run ends
     * @param rateScale 1 to replay as recorded; below 1 keeps each row with that probability;
     *     above 1 superposes that many copies, each shifted by a random offset within the period
     * @param filters rows kept only if every filter passes
     */
    public record TraceSpec(Path file, String format, TraceOptions options,
            double timeScale, double fromSeconds, double toSeconds, boolean loop, double rateScale,
            List<FilterSpec> filters) {
        public TraceSpec {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(options, "options");
            filters = List.copyOf(filters);
        }
    }
}
