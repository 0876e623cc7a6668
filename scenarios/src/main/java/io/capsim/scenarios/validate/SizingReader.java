package io.capsim.scenarios.validate;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.sizing.VerticalSizing.Mode;
import io.capsim.engine.sizing.VerticalSizing;
import io.capsim.engine.spi.Names;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads a service's {@code sizing}: a VerticalPodAutoscaler in the shape of VPA 1.6's
 * {@code updatePolicy.updateMode} and recommender settings, on CPU, with VPA's defaults.
 */
final class SizingReader {

    private SizingReader() {}

    /** The sizing of a service, or null (absent, or with problems, which are reported). */
    static VerticalSizing read(Fields service, long cpuRequestMillis) {
        YamlNode.MapNode m = service.map("sizing", false);
        if (m == null) {
            return null;
        }
        Fields f = new Fields(m, service.pathOf("sizing"), service.problems());
        int before = f.problemCount();
        VerticalSizing d = VerticalSizing.defaults(Mode.OFF);
        Map<String, Mode> modes = new LinkedHashMap<>();
        for (Mode mode : Mode.values()) {
            modes.put(mode.yamlName(), mode);
        }
        String mode = f.choice("updateMode", true, "Off", new LinkedHashSet<>(modes.keySet()));
        String rec = f.choice("recommender", false, "percentile", Names.ordered("percentile", "queue"));
        double target = f.number("targetPercentile", false, d.targetPercentile(), 0, true, 100);
        double lower = f.number("lowerBoundPercentile", false, d.lowerPercentile(), 0, true, 100);
        double upper = f.number("upperBoundPercentile", false, d.upperPercentile(), 0, true, 100);
        double margin = f.number("safetyMargin", false, d.margin(), 0, false, 10);
        double window = f.seconds("window", false, 600, 0, true, ScenarioReader.MAX_SECONDS);
        double sample = f.seconds("sampleInterval", false, 15, 0, true, 3600);
        double update = f.seconds("updateInterval", false, 60, 0, true, 86_400);
        long min = bound(f, "minAllowed", d.minCpuMillis());
        long max = bound(f, "maxAllowed", d.maxCpuMillis());
        double actuation = f.seconds("actuationTime", false, 1, 0, false, 3600);
        double deferred = f.seconds("deferredTimeout", false, 300, 0, false, ScenarioReader.MAX_SECONDS);
        double inProgress = f.seconds("inProgressTimeout", false, 3600, 0, false, ScenarioReader.MAX_SECONDS);
        double tolerance = f.number("evictionTolerance", false, d.evictionTolerance(), 0, true, 1);
        double queueThreshold = f.number("queueThreshold", false, d.queueThreshold(), 0, false, 1e9);
        double queueStep = f.number("queueStep", false, d.queueStep(), 1, true, 100);
        f.finish();
        if (f.problemCount() == before) {
            if (lower > target) {
                f.problem("lowerBoundPercentile", Fields.fmt(lower) + " is above targetPercentile " + Fields.fmt(target));
            }
            if (upper < target) {
                f.problem("upperBoundPercentile", Fields.fmt(upper) + " is below targetPercentile " + Fields.fmt(target));
            }
            if (max < min) {
                f.problem("maxAllowed", "cpu " + max + "m is below minAllowed's " + min + "m");
            }
            if (sample >= window) {
                f.problem("sampleInterval", Fields.fmt(sample) + " s is not shorter than the window ("
                        + Fields.fmt(window) + " s): the recommender would have at most one sample per pod");
            }
        }
        if (cpuRequestMillis <= 0) {
            f.problemAt(f.location(), f.pathOf("updateMode"), "vertical sizing resizes the CPU request: give the "
                    + "service's pods a CPU request (resources.cpu or resources.requests.cpu)");
        }
        if (f.problemCount() > before) {
            return null;
        }
        return new VerticalSizing(modes.get(mode), rec.equals("queue") ? VerticalSizing.Recommender.QUEUE
                : VerticalSizing.Recommender.PERCENTILE, target, lower, upper, margin, SimTime.ofSeconds(window),
                SimTime.ofSeconds(sample), SimTime.ofSeconds(update), min, max, SimTime.ofSeconds(actuation),
                SimTime.ofSeconds(deferred), SimTime.ofSeconds(inProgress), tolerance, queueThreshold, queueStep);
    }

    /** {@code minAllowed} / {@code maxAllowed}: a map with {@code cpu}. */
    private static long bound(Fields f, String key, long def) {
        YamlNode.MapNode m = f.map(key, false);
        if (m == null) {
            return def;
        }
        Fields b = new Fields(m, f.pathOf(key), f.problems());
        long cpu = b.cpuMillis("cpu", true, def, 1, 1_000_000_000L);
        b.finish();
        return cpu;
    }
}
