package io.capsim.scenarios.validate;

import io.capsim.engine.results.Slo;
import java.util.List;

/**
 * Reads the {@code slo} map of a service or a job: each key one objective on one figure of the
 * run, judged after it ({@link Slo#judge}).
 */
final class SloReader {

    /** Percentile keys and their percentiles, in the order the summary reports them. */
    private static final String[] SUFFIXES = {"P50", "P90", "P95", "P99", "P999"};
    private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9};

    private SloReader() {}

    /** A service's objectives: {@code latencyP50} ... {@code latencyP999}, {@code attainment}. */
    static void readService(String name, Fields service, List<Slo> out, boolean llm) {
        Fields f = open(service);
        if (f == null) {
            return;
        }
        percentiles(f, name, "latency", Slo.Figure.LATENCY_PERCENTILE, out);
        List<Slo> tokens = new java.util.ArrayList<>();
        percentiles(f, name, "ttft", Slo.Figure.TTFT_PERCENTILE, tokens);
        percentiles(f, name, "tpot", Slo.Figure.TPOT_PERCENTILE, tokens);
        for (Slo t : tokens) {
            if (llm) {
                out.add(t);
            } else {
                String key = t.path().substring(t.path().lastIndexOf('.') + 1);
                f.problem(key, "ttft and tpot objectives need an LLM service (engine continuous-batching), which "
                        + "measures tokens");
            }
        }
        YamlNode.MapNode a = f.map("attainment", false);
        if (a != null) {
            Fields af = new Fields(a, f.pathOf("attainment"), f.problems());
            double within = af.seconds("within", true, 0, 0, true, ScenarioReader.MAX_SECONDS);
            double target = af.number("target", true, 0, 0, true, 1);
            af.finish();
            if (!Double.isNaN(within) && !Double.isNaN(target) && target > 0) {
                out.add(new Slo(f.pathOf("attainment"), name, Slo.Figure.ATTAINMENT, 0, within * 1000, target));
            }
        }
        f.finish();
    }

    /** A job's objectives: {@code queueingDelayP50} ..., {@code completionTimeP50} ... */
    static void readJob(String name, Fields job, List<Slo> out) {
        Fields f = open(job);
        if (f == null) {
            return;
        }
        percentiles(f, name, "queueingDelay", Slo.Figure.QUEUEING_DELAY_PERCENTILE, out);
        percentiles(f, name, "completionTime", Slo.Figure.COMPLETION_TIME_PERCENTILE, out);
        f.finish();
    }

    private static Fields open(Fields owner) {
        YamlNode.MapNode m = owner.map("slo", false);
        if (m == null) {
            return null;
        }
        if (m.entries().isEmpty()) {
            owner.problem("slo", "is empty; give at least one objective, or leave slo out");
            return null;
        }
        return new Fields(m, owner.pathOf("slo"), owner.problems());
    }

    private static void percentiles(Fields f, String owner, String prefix, Slo.Figure figure, List<Slo> out) {
        for (int i = 0; i < SUFFIXES.length; i++) {
            String key = prefix + SUFFIXES[i];
            double limit = f.seconds(key, false, Double.NaN, 0, false, ScenarioReader.MAX_SECONDS);
            if (!Double.isNaN(limit)) {
                out.add(new Slo(f.pathOf(key), owner, figure, PERCENTILES[i], limit * 1000, 0));
            }
        }
    }
}
