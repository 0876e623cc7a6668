package io.capsim.scenarios.run;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.run.ClusterSimulation;
import io.capsim.engine.run.RunSpec;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.workload.JobSpec;
import io.capsim.workloads.ArrivalField;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.reports.model.ArrivalReport;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.arrival.ArrivalProcess;
import io.capsim.workloads.arrival.ArrivalProcesses;
import io.capsim.workloads.arrival.SizedArrivals;
import io.capsim.engine.random.Distributions;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.transform.Transforms;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wires a validated scenario into the engine and runs it: scenario → workloads (one named random
 * stream per arrival stream, {@code arrivals/<name>}; traces opened and transformed) → engine →
 * {@link RunResult}. A pure function of the scenario, seed included.
 */
public final class ScenarioRunner {

    /** A run's results and what each arrival stream delivered. */
    public record Outcome(RunResult result, List<ArrivalReport> arrivals) {
        public Outcome {
            arrivals = List.copyOf(arrivals);
        }
    }

    private ScenarioRunner() {}

    /** Runs the scenario once with its own seed. */
    public static RunResult run(Scenario scenario) {
        return execute(scenario).result();
    }

    /** Runs the scenario once with its own seed, reporting the arrival streams too. */
    public static Outcome execute(Scenario scenario) {
        return execute(scenario, null);
    }

    /**
     * Runs the scenario once with its own seed, reporting the arrival streams too, and telling
     * {@code progress} (if not null) how far the run has got; results do not depend on it.
     */
    public static Outcome execute(Scenario scenario, ClusterSimulation.Progress progress) {
        return finish(scenario, prepare(scenario), progress);
    }

    /**
     * As {@link #execute(Scenario, ClusterSimulation.Progress)}, stopping the run with a {@link
     * io.capsim.engine.serving.OverloadException} once a service holds more than {@code
     * queueLimit} requests waiting.
     */
    public static Outcome execute(Scenario scenario, ClusterSimulation.Progress progress, long queueLimit) {
        return finish(scenario, prepare(scenario, queueLimit), progress);
    }

    /**
     * A scenario's run, built but not started, with the trace cursors each arrival stream opened.
     *
     * @param simulation the run
     * @param traces per arrival stream (scenario order), the trace cursors it opened (several for a loop)
     */
    public record Prepared(ClusterSimulation simulation, List<TraceTally> traces) {}

    /** Builds the scenario's run without starting it (tests step or inspect it). */
    public static Prepared prepare(Scenario scenario) {
        return prepare(scenario, QUEUE_LIMIT);
    }

    /** As {@link #prepare(Scenario)}, with the most requests a service may hold waiting. */
    public static Prepared prepare(Scenario scenario, long queueLimit) {
        List<TraceTally> opened = new ArrayList<>();
        RandomStreams streams = new RandomStreams(scenario.seed());
        List<RunSpec.Feed> feeds = new ArrayList<>();
        for (Scenario.ArrivalSpec a : scenario.arrivals()) {
            TraceTally traces = new TraceTally();
            opened.add(traces);
            feeds.add(new RunSpec.Feed(a.name(), a.target() == Scenario.Target.SERVICE ? RunSpec.TargetKind.SERVICE
                    : RunSpec.TargetKind.JOB, a.targetName(), open(a, streams, traces), a.session()));
        }
        RunSpec spec = new RunSpec(
                scenario.nodePools(),
                scenario.scheduler().profiles(),
                scenario.scheduler().config(),
                scenario.scheduler().plugins(),
                targetWorkload(scenario),
                scenario.services(),
                scenario.jobs(),
                feeds,
                SimTime.ofSeconds(scenario.warmupSeconds()),
                SimTime.ofSeconds(scenario.durationSeconds()),
                Math.max(1, SimTime.ofSeconds(scenario.sampleIntervalSeconds())),
                queueLimit,
                scenario.autoscalers(),
                scenario.clusterAutoscaler());
        return new Prepared(new ClusterSimulation(spec, streams), opened);
    }

    /**
     * Default of the most requests one service may hold waiting (at the service and its replicas)
     * before a run stops as unstable; {@code --limit waiting-requests=N} changes it.
     */
    public static final long QUEUE_LIMIT = 5_000_000;

    /** Runs a prepared run to its end and reports what each arrival stream delivered. */
    public static Outcome finish(Scenario scenario, Prepared prepared, ClusterSimulation.Progress progress) {
        List<TraceTally> opened = prepared.traces();
        RunResult result = prepared.simulation().run(progress);
        List<ArrivalReport> reports = new ArrayList<>();
        for (int i = 0; i < scenario.arrivals().size(); i++) {
            Scenario.ArrivalSpec a = scenario.arrivals().get(i);
            String kind = a.target() == Scenario.Target.SERVICE ? "service" : "job";
            if (a.trace() == null) {
                reports.add(new ArrivalReport(a.name(), kind, a.targetName(), a.describe(), -1, -1, -1));
            } else {
                TraceTally t = opened.get(i);
                reports.add(new ArrivalReport(a.name(), kind, a.targetName(), a.describe(), t.rows(), t.skippedRows(),
                        t.filteredRows()));
            }
        }
        return new Outcome(result, reports);
    }

    /**
     * The pod mix the cluster is expected to run, for FGD and the fragmentation measure: the typical
     * pods (95% popularity, as the FGD paper) of the services' replicas, the jobs' pods, and the pods
     * of recorded pod traces (their first {@value #SHAPE_SAMPLE_ROWS} rows).
     */
    static TargetWorkload targetWorkload(Scenario s) {
        List<PodSpec> pods = new ArrayList<>();
        for (ServiceSpec svc : s.services()) {
            for (int k = 0; k < Math.max(1, svc.replicas()); k++) {
                pods.add(svc.template());
            }
        }
        for (JobSpec j : s.jobs()) {
            for (Scenario.ArrivalSpec a : s.arrivals()) {
                if (a.target() != Scenario.Target.JOB || !a.targetName().equals(j.name())) {
                    continue;
                }
                if (a.trace() != null && TraceFormats.REGISTRY.find(a.trace().format()).map(f -> f.fields(a.trace().options())
                        .contains(ArrivalField.GPU_MILLIS)).orElse(false)) {
                    try (TraceCursor c = TraceFormats.open(a.trace().format(), a.trace().file(), a.trace().options())) {
                        for (int n = 0; n < SHAPE_SAMPLE_ROWS && c.advance(); n++) {
                            pods.add(j.template().toBuilder().requests(shape(j, c)).build());
                        }
                    }
                } else {
                    for (int k = 0; k < j.parallelism(); k++) {
                        pods.add(j.template());
                    }
                }
            }
        }
        return pods.isEmpty() ? TargetWorkload.EMPTY : TargetWorkload.fromPods(pods, 0.95, true);
    }

    /** Rows of a pod trace read for the expected pod mix. */
    static final int SHAPE_SAMPLE_ROWS = 200_000;

    private static Resources shape(JobSpec j, TraceCursor c) {
        Resources t = j.template().requests();
        long gpu = c.gpuMillis();
        int gpus = t.gpus();
        int per = t.gpuMilliPerGpu();
        if (gpu == 0) {
            gpus = 0;
            per = 0;
        } else if (gpu > 0) {
            gpus = gpu <= 1000 ? 1 : (int) ((gpu + 999) / 1000);
            per = gpu <= 1000 ? (int) gpu : 1000;
        }
        return new Resources(c.cpuMillis() >= 0 ? c.cpuMillis() : t.cpuMillis(),
                c.memoryMiB() >= 0 ? c.memoryMiB() : t.memoryMiB(), gpus, per, t.extended());
    }

    /** Opens one arrival stream as the run would (same random stream, same transforms). */
    public static ArrivalCursor openStream(Scenario.ArrivalSpec a, RandomStreams streams) {
        return open(a, streams, new TraceTally());
    }

    /** Opens one arrival stream; every trace cursor it opens is added to {@code traces}. */
    static ArrivalCursor open(Scenario.ArrivalSpec a, RandomStreams streams, TraceTally traces) {
        ArrivalCursor c = openUnshifted(a, streams, traces);
        return a.startAtSeconds() > 0 ? Transforms.shift(c, SimTime.ofSeconds(a.startAtSeconds())) : c;
    }

    private static ArrivalCursor openUnshifted(Scenario.ArrivalSpec a, RandomStreams streams, TraceTally traces) {
        if (a.times() != null) {
            return new TimesCursor(a.times(), "jobs." + a.targetName() + ".submitAt");
        }
        if (a.process() != null) {
            ArrivalProcess process = ArrivalProcesses.REGISTRY.find(a.process().process())
                    .orElseThrow(() -> new IllegalArgumentException(
                            ArrivalProcesses.REGISTRY.unknownMessage(a.process().process())));
            ArrivalCursor c = process.open(a.process(), streams.stream("arrivals/" + a.streamName()), "arrivals." + a.name());
            Scenario.SizeSpec z = a.sizes();
            if (z == null) {
                return c;
            }
            String base = "sizes/" + a.streamName() + "/";
            return new SizedArrivals(c,
                    z.work() == null ? null : Distributions.create(z.work(), streams.stream(base + "work")),
                    z.inputTokens() == null ? null : io.capsim.engine.random.Counts.of(z.inputTokens(),
                            streams.stream(base + "inputTokens"), z.inputMin(), z.inputMax()),
                    z.outputTokens() == null ? null : io.capsim.engine.random.Counts.of(z.outputTokens(),
                            streams.stream(base + "outputTokens"), z.outputMin(), z.outputMax()));
        }
        Scenario.TraceSpec t = a.trace();
        Supplier<ArrivalCursor> pass = () -> {
            TraceCursor c = TraceFormats.open(t.format(), t.file(), t.options());
            traces.add(c);
            return shape(t, c);
        };
        long period = !t.loop() && t.rateScale() <= 1 ? 0
                : t.toSeconds() != Double.POSITIVE_INFINITY
                        ? SimTime.ofSeconds(t.toSeconds() - t.fromSeconds())
                        : Transforms.naturalPeriod(shape(t, TraceFormats.open(t.format(), t.file(), t.options())));
        Supplier<ArrivalCursor> whole = t.loop() ? () -> Transforms.loop(pass, period, 0) : pass;
        if (t.rateScale() == 1.0) {
            return whole.get();
        }
        // Thinning below 1; above 1, copies shifted by random offsets within one period.
        return Transforms.rateScale(whole, t.rateScale(), Math.max(1, period), streams.stream("arrivals/" + a.streamName()));
    }

    /** The trace's time scale and window applied to one pass. */
    private static ArrivalCursor shape(Scenario.TraceSpec t, TraceCursor c) {
        ArrivalCursor x = c;
        for (Scenario.FilterSpec f : t.filters()) {
            x = Transforms.filter(x, f.field(), f.min(), f.max());
        }
        x = t.timeScale() == 1.0 ? x : Transforms.timeScale(x, t.timeScale());
        if (t.fromSeconds() > 0 || t.toSeconds() != Double.POSITIVE_INFINITY) {
            long to = t.toSeconds() == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : SimTime.ofSeconds(t.toSeconds());
            x = Transforms.window(x, SimTime.ofSeconds(t.fromSeconds()), to, true);
        }
        return x;
    }
}
