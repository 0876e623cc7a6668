package io.capsim.scenarios.validate;

import io.capsim.engine.random.DistributionFactory;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.random.Distributions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Reads a distribution ({@code {type: NAME, param: value...}}): a service time, a job's runtime,
 * an arrival's work or token counts. The type is looked up in {@link Distributions#REGISTRY}, which
 * also checks the parameters.
 */
final class DistributionReader {

    private DistributionReader() {}

    /** Reads {@code {type: NAME, param: value...}} for a duration distribution. */
    static DistributionSpec read(YamlNode.MapNode node, String path, Problems problems) {
        Fields f = new Fields(node, path, problems);
        DistributionSpec spec = read(f, false);
        f.finish();
        return spec;
    }

    /**
     * Reads {@code type} and that distribution's parameters from {@code f}, leaving other keys to
     * the caller (which calls {@link Fields#finish()}). Reports every problem.
     *
     * @param counts true to read every parameter as a plain number (token counts); false to read
     *     durations in seconds or with units, except the distribution's dimensionless parameters
     * @return the spec, or null if anything was wrong
     */
    static DistributionSpec read(Fields f, boolean counts) {
        int before = f.problemCount();
        String type = f.choice("type", true, null, new LinkedHashSet<>(Distributions.REGISTRY.names()));
        if (type == null) {
            f.markAllKnown();
            return null;
        }
        DistributionFactory factory = Distributions.REGISTRY.find(type).orElseThrow();
        if (SchemaRecorder.active()) {
            for (String t : Distributions.REGISTRY.names()) {
                DistributionFactory df = Distributions.REGISTRY.find(t).orElseThrow();
                for (String p : df.parameters()) {
                    SchemaRecorder.field(f.pathPrefix(), p, counts || df.dimensionless(p)
                            ? SchemaRecorder.Kind.NUMBER : SchemaRecorder.Kind.DURATION, false);
                }
            }
        }
        Map<String, Double> params = new LinkedHashMap<>();
        for (String p : factory.parameters()) {
            if (!f.has(p)) {
                continue;
            }
            double v = counts || factory.dimensionless(p)
                    ? f.number(p, true, Double.NaN, 0, false, 1e12)
                    : f.seconds(p, true, Double.NaN, 0, false, ScenarioReader.MAX_SECONDS);
            if (!Double.isNaN(v)) {
                params.put(p, v);
            }
        }
        DistributionSpec spec = new DistributionSpec(type, params);
        if (f.problemCount() == before) {
            for (DistributionFactory.ParamProblem pp : factory.validate(spec)) {
                f.problem(pp.parameter(), pp.message());
            }
        }
        return f.problemCount() == before ? spec : null;
    }
}
