package io.capsim.engine.run;

import io.capsim.engine.controllers.ClusterAutoscaler;
import io.capsim.engine.controllers.HorizontalPodAutoscaler;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.SessionSpec;
import io.capsim.engine.spi.Registry;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.engine.workload.JobSpec;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run needs: the cluster, the scheduler, the workloads and their arrival streams,
 * and the run's clock settings.
 *
 * @param pools node pools, in order (node indices follow)
 * @param profiles scheduler profiles; pods pick one by {@code schedulerName}
 * @param schedulerConfig scheduler-wide settings
 * @param plugins scheduling plugin factories by name
 * @param targetWorkload the expected pod mix (FGD and the fragmentation measure), or {@link
 *     TargetWorkload#EMPTY}
 * @param services Deployments with their serving model
 * @param jobs job kinds
 * @param feeds arrival streams
 * @param warmupTicks start of the measured window, ticks
 * @param durationTicks end of the run, ticks, greater than the warm-up
 * @param sampleIntervalTicks interval of the time series, ticks, at least 1
 * @param queueLimit most requests a service may hold waiting before the run stops as unstable
 * @param autoscalers HorizontalPodAutoscalers of the services
 * @param clusterAutoscaler the cluster autoscaler, or null for fixed node pools
 */
public record RunSpec(
        List<NodePoolSpec> pools,
        List<SchedulerProfile> profiles,
        SchedulerConfig schedulerConfig,
        Registry<PluginFactory<?>> plugins,
        TargetWorkload targetWorkload,
        List<ServiceSpec> services,
        List<JobSpec> jobs,
        List<Feed> feeds,
        long warmupTicks,
        long durationTicks,
        long sampleIntervalTicks,
        long queueLimit,
        List<HorizontalPodAutoscaler.Spec> autoscalers,
        ClusterAutoscaler.Spec clusterAutoscaler) {

    public RunSpec {
        pools = List.copyOf(pools);
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(schedulerConfig, "schedulerConfig");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(targetWorkload, "targetWorkload");
        services = List.copyOf(services);
        jobs = List.copyOf(jobs);
        feeds = List.copyOf(feeds);
        autoscalers = List.copyOf(autoscalers);
        if (warmupTicks < 0 || durationTicks <= warmupTicks) {
            throw new IllegalArgumentException("need 0 <= warmup < duration");
        }
        if (sampleIntervalTicks < 1 || queueLimit < 1) {
            throw new IllegalArgumentException("sample interval and queue limit must be positive");
        }
    }

    /** A run without a cluster autoscaler. */
    public RunSpec(List<NodePoolSpec> pools, List<SchedulerProfile> profiles, SchedulerConfig schedulerConfig,
            Registry<PluginFactory<?>> plugins, TargetWorkload targetWorkload, List<ServiceSpec> services,
            List<JobSpec> jobs, List<Feed> feeds, long warmupTicks, long durationTicks, long sampleIntervalTicks,
            long queueLimit, List<HorizontalPodAutoscaler.Spec> autoscalers) {
        this(pools, profiles, schedulerConfig, plugins, targetWorkload, services, jobs, feeds, warmupTicks,
                durationTicks, sampleIntervalTicks, queueLimit, autoscalers, null);
    }

    /** A run without autoscalers. */
    public RunSpec(List<NodePoolSpec> pools, List<SchedulerProfile> profiles, SchedulerConfig schedulerConfig,
            Registry<PluginFactory<?>> plugins, TargetWorkload targetWorkload, List<ServiceSpec> services,
            List<JobSpec> jobs, List<Feed> feeds, long warmupTicks, long durationTicks, long sampleIntervalTicks,
            long queueLimit) {
        this(pools, profiles, schedulerConfig, plugins, targetWorkload, services, jobs, feeds, warmupTicks,
                durationTicks, sampleIntervalTicks, queueLimit, List.of(), null);
    }

    /** What an arrival stream feeds. */
    public enum TargetKind {
        /** Each arrival is a request to a service. */
        SERVICE,
        /** Each arrival submits an instance of a job. */
        JOB
    }

    /**
     * One arrival stream.
     *
     * @param name stream name
     * @param kind what it feeds
     * @param target the service or job name
     * @param cursor the arrivals
     * @param session for a service stream, the agent sessions each arrival starts, or null (each
     *     arrival is one request)
     */
    public record Feed(String name, TargetKind kind, String target, ArrivalCursor cursor, SessionSpec session) {
        public Feed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(cursor, "cursor");
            if (session != null && kind != TargetKind.SERVICE) {
                throw new IllegalArgumentException("arrivals " + name + ": sessions go to services, not jobs");
            }
        }

        /** A stream whose arrivals are requests or job instances. */
        public Feed(String name, TargetKind kind, String target, ArrivalCursor cursor) {
            this(name, kind, target, cursor, null);
        }
    }
}
