package io.capsim.scenarios.run;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.serving.ServingModel;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.reports.ArrivalReport;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.arrival.ArrivalProcess;
import io.capsim.workloads.arrival.ArrivalProcesses;
import io.capsim.workloads.arrival.SizedArrivals;
import io.capsim.engine.random.Distributions;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormats;
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
    public static Outcome execute(Scenario scenario, ServingModel.Progress progress) {
        RandomStreams streams = new RandomStreams(scenario.seed());
        List<ServingModel.Feed> feeds = new ArrayList<>();
        List<List<TraceCursor>> opened = new ArrayList<>();
        for (Scenario.ArrivalSpec a : scenario.arrivals()) {
            List<TraceCursor> traces = new ArrayList<>();
            opened.add(traces);
            feeds.add(new ServingModel.Feed(a.service(), open(a, streams, traces)));
        }
        ServingModel model = new ServingModel(
                scenario.nodePools(),
                scenario.services(),
                feeds,
                streams,
                SimTime.ofSeconds(scenario.warmupSeconds()),
                SimTime.ofSeconds(scenario.durationSeconds()));
        RunResult result = model.run(progress);
        List<ArrivalReport> reports = new ArrayList<>();
        for (int i = 0; i < scenario.arrivals().size(); i++) {
            Scenario.ArrivalSpec a = scenario.arrivals().get(i);
            if (a.trace() == null) {
                reports.add(new ArrivalReport(a.name(), a.service(), a.describe(), -1, -1, -1));
            } else {
                long rows = 0;
                long skipped = 0;
                long filtered = 0;
                for (TraceCursor t : opened.get(i)) {
                    rows += t.rows();
                    skipped += t.skippedRows();
                    filtered += t.filteredRows();
                }
                reports.add(new ArrivalReport(a.name(), a.service(), a.describe(), rows, skipped, filtered));
            }
        }
        return new Outcome(result, reports);
    }

    /** Opens one arrival stream as the run would (same random stream, same transforms). */
    public static ArrivalCursor openStream(Scenario.ArrivalSpec a, RandomStreams streams) {
        return open(a, streams, new ArrayList<>());
    }

    /** Opens one arrival stream; every trace cursor it opens is added to {@code traces}. */
    static ArrivalCursor open(Scenario.ArrivalSpec a, RandomStreams streams, List<TraceCursor> traces) {
        if (a.process() != null) {
            ArrivalProcess process = ArrivalProcesses.REGISTRY.find(a.process().process())
                    .orElseThrow(() -> new IllegalArgumentException(
                            ArrivalProcesses.REGISTRY.unknownMessage(a.process().process())));
            ArrivalCursor c = process.open(a.process(), streams.stream("arrivals/" + a.name()), "arrivals." + a.name());
            Scenario.SizeSpec z = a.sizes();
            if (z == null) {
                return c;
            }
            String base = "sizes/" + a.name() + "/";
            return new SizedArrivals(c,
                    z.work() == null ? null : Distributions.create(z.work(), streams.stream(base + "work")),
                    z.inputTokens() == null ? null : SizedArrivals.Tokens.of(z.inputTokens(),
                            streams.stream(base + "inputTokens"), z.inputMin(), z.inputMax()),
                    z.outputTokens() == null ? null : SizedArrivals.Tokens.of(z.outputTokens(),
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
        return Transforms.rateScale(whole, t.rateScale(), Math.max(1, period), streams.stream("arrivals/" + a.name()));
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
