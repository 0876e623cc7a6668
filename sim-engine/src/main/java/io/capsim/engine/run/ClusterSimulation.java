package io.capsim.engine.run;

import io.capsim.engine.api.ApiServer;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.controllers.ClusterAutoscaler;
import io.capsim.engine.controllers.ControllerManager;
import io.capsim.engine.controllers.HorizontalPodAutoscaler;
import io.capsim.engine.controllers.JobController;
import io.capsim.engine.controllers.Kubelet;
import io.capsim.engine.controllers.ReplicaSetController;
import io.capsim.engine.controllers.VerticalPodAutoscaler;
import io.capsim.engine.results.ResizeResult;
import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.EventList;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.random.Distributions;
import io.capsim.engine.random.DurationDistribution;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.ClusterRecorder;
import io.capsim.engine.results.ClusterResult;
import io.capsim.engine.results.JobResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.SchedulerResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.serving.ArrivalFeed;
import io.capsim.engine.serving.ReplicaEngines;
import io.capsim.engine.serving.Routers;
import io.capsim.engine.serving.Service;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.Sessions;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.engine.workload.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run: one cluster, one clock, one result model. Builds the cluster from the node pools, the
 * scheduler from its profiles, the kubelet, ReplicaSet and Job controllers, one {@link Service}
 * per Deployment and one feed per arrival stream, runs to the end and collects a {@link
 * RunResult}: the services' and jobs' results from their components, the time series from a
 * {@link TimeSeriesSampler}, the cluster's figures from {@link ClusterResults}.
 *
 * <p>Randomness: service {@code s} draws demands from {@code service-time/s} and routes with
 * {@code routing/s}; job {@code j} draws runtimes from {@code job-runtime/j}; the scheduler uses
 * {@code sched/...}; arrival cursors are built by the caller, each on its own stream. Adding a
 * component shifts nobody else's draws.
 */
public final class ClusterSimulation {

    /** Told how far a run has got; called between events, so it cannot change the run. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param nowTicks virtual time reached
         * @param endTicks virtual time the run ends at
         */
        void at(long nowTicks, long endTicks);
    }

    /**
     * Most sampling intervals in a run: a {@code sampleInterval} finer than duration / this is
     * widened, so the time series (and {@code timeseries.csv}) stay bounded whatever the run length.
     */
    public static final long MAX_SAMPLES = 10_000;

    private final RunSpec spec;
    private final Simulator sim = new Simulator();
    private final ClusterState cluster;
    private final Scheduler scheduler;
    private final ReplicaSetController replicaSets;
    private final JobController jobController;
    private final HorizontalPodAutoscaler autoscalers;
    private final ClusterAutoscaler clusterAutoscaler;
    private final Kubelet kubelet;
    private final VerticalPodAutoscaler verticalAutoscalers;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<ArrivalFeed> feeds = new ArrayList<>();
    private final ClusterRecorder recorder;
    private final TimeSeriesSampler sampler;
    private final Sessions sessions; // null without session streams

    /**
     * Builds the run.
     *
     * @param streams the run's random streams
     * @throws io.capsim.engine.sched.config.InvalidProfileException if a scheduler profile is invalid
     */
    public ClusterSimulation(RunSpec spec, RandomStreams streams) {
        this.spec = spec;
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodePoolSpec p : spec.pools()) {
            nodes.addAll(p.nodes());
        }
        cluster = new ClusterState(nodes);
        recorder = new ClusterRecorder(cluster, sim::now);
        cluster.addListener(recorder);
        scheduler = new Scheduler(sim, cluster, spec.profiles(), spec.schedulerConfig(), streams, spec.targetWorkload(),
                spec.plugins());
        ApiServer api = new ApiServer(sim, cluster);
        ControllerManager manager = new ControllerManager(sim, cluster, api, streams);
        kubelet = new Kubelet(Kubelet.ResizeSettings.DEFAULT, new Kubelet.Runtime() {
            @Override
            public double memoryMiB(Pod pod) {
                Service s = serviceOf(pod);
                return s == null ? pod.actualRequests().memoryMiB() : s.pods().memoryUsedMiB(pod);
            }

            @Override
            public long actuationTicks(Pod pod) {
                Service s = serviceOf(pod);
                return s == null || s.spec().sizing() == null ? -1 : s.spec().sizing().actuationTicks();
            }
        });
        manager.add(kubelet);
        List<ReplicaSetController.Target> targets = new ArrayList<>();
        for (ServiceSpec s : spec.services()) {
            targets.add(new ReplicaSetController.Target(s.name(), s.replicas(), s.template(), s.startAtTicks()));
        }
        replicaSets = new ReplicaSetController(targets);
        List<DurationDistribution> runtimes = new ArrayList<>();
        for (JobSpec j : spec.jobs()) {
            DistributionSpec d = j.runtime();
            runtimes.add(d == null ? null : Distributions.create(d, streams.stream("job-runtime/" + j.name())));
        }
        jobController = new JobController(spec.jobs(), runtimes, spec.warmupTicks());
        for (ServiceSpec s : spec.services()) {
            Service svc = new Service(s, sim, cluster,
                    Routers.REGISTRY.find(s.routing()).orElseThrow(() -> new IllegalArgumentException(
                            Routers.REGISTRY.unknownMessage(s.routing()))).create(s, streams.stream("routing/" + s.name())),
                    ReplicaEngines.REGISTRY.find(s.engine()).orElseThrow(() -> new IllegalArgumentException(
                            ReplicaEngines.REGISTRY.unknownMessage(s.engine()))),
                    s.serviceTime() == null ? null
                            : Distributions.create(s.serviceTime(), streams.stream("service-time/" + s.name())),
                    spec.warmupTicks(), spec.queueLimit(),
                    s.client() == null ? null : streams.stream("client-retry/" + s.name()));
            if (services.putIfAbsent(s.name(), svc) != null) {
                throw new IllegalArgumentException("duplicate service " + s.name());
            }
            cluster.addListener(svc.pods());
        }
        manager.add(replicaSets);
        manager.add(jobController);
        if (spec.autoscalers().isEmpty()) {
            autoscalers = null;
        } else {
            for (var a : spec.autoscalers()) {
                Service target = services.get(a.target());
                if (target != null) {
                    target.pods().keepReplicaCpu();
                }
            }
            autoscalers = new HorizontalPodAutoscaler(spec.autoscalers(), new HorizontalPodAutoscaler.Metrics() {
                @Override
                public List<Pod> pods(String deployment) {
                    return replicaSets.pods(deployment);
                }

                @Override
                public double cpuMilliTicks(String deployment, Pod pod, long now) {
                    return services.get(deployment).pods().cpuMilliTicks(pod, now);
                }

                @Override
                public double inFlight(String deployment, Pod pod) {
                    return services.get(deployment).pods().inFlight(pod);
                }
            }, replicaSets::scale);
            manager.add(autoscalers);
        }
        if (spec.clusterAutoscaler() == null) {
            clusterAutoscaler = null;
        } else {
            clusterAutoscaler = new ClusterAutoscaler(spec.clusterAutoscaler());
            manager.add(clusterAutoscaler);
        }
        List<VerticalPodAutoscaler.Target> vpas = new ArrayList<>();
        for (ServiceSpec s : spec.services()) {
            if (s.sizing() != null) {
                services.get(s.name()).pods().keepReplicaCpu();
                vpas.add(new VerticalPodAutoscaler.Target(s.name(), s.sizing(), s.template().requests(),
                        s.template().limits()));
            }
        }
        if (vpas.isEmpty()) {
            verticalAutoscalers = null;
        } else {
            verticalAutoscalers = new VerticalPodAutoscaler(vpas, new VerticalPodAutoscaler.Signals() {
                @Override
                public List<Pod> pods(String deployment) {
                    return replicaSets.pods(deployment);
                }

                @Override
                public double cpuMilliTicks(String deployment, Pod pod, long now) {
                    return services.get(deployment).pods().cpuMilliTicks(pod, now);
                }

                @Override
                public double waitingPerReplica(String deployment) {
                    return services.get(deployment).meters().waitingPerReplica();
                }
            }, replicaSets::setResources);
            manager.add(verticalAutoscalers);
        }
        sessions = spec.feeds().stream().anyMatch(f -> f.session() != null)
                ? new Sessions(sim, spec.warmupTicks()) : null;
        for (RunSpec.Feed f : spec.feeds()) {
            feeds.add(feed(f, streams));
        }
        sampler = new TimeSeriesSampler(spec, sim, cluster, recorder, scheduler, services.values(), verticalAutoscalers);
    }

    /** The service whose ReplicaSet owns {@code pod}, or null. */
    private Service serviceOf(Pod pod) {
        if (pod.spec().owner().kind() != io.capsim.engine.cluster.Owner.Kind.REPLICA_SET) {
            return null;
        }
        return services.get(pod.spec().owner().name());
    }

    private ArrivalFeed feed(RunSpec.Feed f, RandomStreams streams) {
        ArrivalCursor c = f.cursor();
        long end = spec.durationTicks();
        if (f.kind() == RunSpec.TargetKind.SERVICE) {
            Service s = services.get(f.target());
            if (s == null) {
                throw new IllegalArgumentException("arrivals " + f.name() + " feed unknown service " + f.target());
            }
            if (f.session() != null) {
                return new ArrivalFeed(c, sessions.add(f.session(), services, streams), sim, end);
            }
            return ArrivalFeed.toService(c, s, sim, end);
        }
        int job = jobController.jobIndex(f.target());
        if (job < 0) {
            throw new IllegalArgumentException("arrivals " + f.name() + " feed unknown job " + f.target());
        }
        JobSpec j = spec.jobs().get(job);
        TraceRequests requests = new TraceRequests(j.template().requests());
        return new ArrivalFeed(c, a -> jobController.submit(job, a.durationTicks(), requests.of(a),
                requests.models(a.gpuModels())), sim, end);
    }

    /** The cluster (for tests and inspection after a run). */
    public ClusterState cluster() {
        return cluster;
    }

    /** The scheduler. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The simulator (for tests that step a run). */
    public Simulator simulator() {
        return sim;
    }

    /** Runs to the end without progress reports. */
    public RunResult run() {
        return run(null);
    }

    /**
     * Runs the simulation, telling {@code progress} (if not null) at each hundredth of the
     * duration. The events run, and so the results, are the same with or without it. Closes the
     * arrival cursors.
     */
    public RunResult run(Progress progress) {
        long end = spec.durationTicks();
        long warmup = spec.warmupTicks();
        try {
            EventHandler startMeasuring = (kind, arg) -> {
                long now = sim.now();
                for (Service s : services.values()) {
                    s.startMeasuring(now);
                }
                scheduler.metrics().startMeasuring(now);
                replicaSets.startMeasuring();
                kubelet.startMeasuring(now);
                if (verticalAutoscalers != null) {
                    verticalAutoscalers.startMeasuring();
                }
                recorder.startMeasuring(now);
                sampler.startMeasuring();
                if (clusterAutoscaler != null) {
                    clusterAutoscaler.startMeasuring(now);
                }
            };
            // The warm-up ends before any other event at the same instant.
            sim.scheduleAt(warmup, EventList.MIN_PRIORITY, startMeasuring, 0, 0);
            sampler.start();
            for (ArrivalFeed f : feeds) {
                f.prime();
            }
            if (progress == null) {
                sim.runUntil(end);
            } else {
                for (int i = 1; i <= 100; i++) {
                    long t = i == 100 ? end : end / 100 * i;
                    sim.runUntil(Math.max(t, sim.now()));
                    progress.at(sim.now(), end);
                }
            }
            sampler.sample();
            return collect(end);
        } finally {
            for (RunSpec.Feed f : spec.feeds()) {
                f.cursor().close();
            }
        }
    }

    private RunResult collect(long end) {
        List<ServiceResult> serviceResults = new ArrayList<>();
        double cpuUsed = recorder.jobCpuMillis(end);
        double memUsed = recorder.jobMemoryMiB(end);
        double gpuUsed = recorder.jobGpuMilli(end) / 1000.0;
        for (Service s : services.values()) {
            ReplicaSetController.Counts c = replicaSets.counts(s.name());
            ServiceResult r = s.result(end, c.created(), c.preempted(), c.evicted(),
                    autoscalers == null ? null : autoscalers.status(s.name()));
            if (s.spec().sizing() != null) {
                Kubelet.Counts k = kubelet.counts(s.name());
                double hours = SimTime.toSeconds(end - spec.warmupTicks()) / 3600;
                r = r.withResize(new ResizeResult(k.requested(), k.completed(), k.deferred(), k.infeasible(),
                        k.errored(), verticalAutoscalers.refused(s.name()), k.restarts(),
                        verticalAutoscalers.evictions(s.name()), k.deferredWaitSeconds(),
                        s.meters().allocatedCpuMillis(end) / 1000 * hours, r.cpuUsedMillis() / 1000 * hours));
            }
            serviceResults.add(r);
            cpuUsed += r.cpuUsedMillis();
            memUsed += r.memoryUsedMiB();
            gpuUsed += r.gpuUsed();
        }
        List<JobResult> jobResults = jobController.results(end);
        SchedulerResult sched = scheduler.result(end);
        ClusterResult cr = ClusterResults.of(spec, cluster, recorder, clusterAutoscaler, sampler, cpuUsed, memUsed,
                gpuUsed, end);
        return new RunResult(SimTime.toSeconds(end), SimTime.toSeconds(end - spec.warmupTicks()), sim.eventsExecuted(),
                serviceResults, jobResults, sched, cr, sampler.series(),
                sessions == null ? List.of() : sessions.results());
    }
}
