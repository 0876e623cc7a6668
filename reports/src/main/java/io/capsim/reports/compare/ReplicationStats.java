package io.capsim.reports.compare;

import static io.capsim.reports.json.DeterministicJson.NODES;
import static io.capsim.reports.json.DeterministicJson.decimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The {@code replications} object of a summary: for every numeric leaf of the per-replication
 * summaries (see {@link SummaryLeaves}) that is a number in every one of them, the mean over
 * replications, the sample standard deviation and a Student-t confidence interval for the mean at
 * {@value #LEVEL}:
 *
 * <pre>
 * "replications": {"count": R, "seeds": [...], "confidenceLevel": 0.95,
 *   "metrics": {"/services/web/latencyMs/p99": {"mean": m, "stdDev": s, "ci95Low": lo, "ci95High": hi}, ...}}
 * </pre>
 *
 * {@code stdDev} and the interval are null with one replication. Figures are rounded half-even to
 * {@value #SCALE} decimals; the same summaries give the same bytes.
 */
public final class ReplicationStats {

    /** Confidence level of the intervals. */
    public static final double LEVEL = 0.95;
    /** Decimals kept. */
    public static final int SCALE = 6;

    /**
     * One metric over the replications.
     *
     * @param mean mean over replications
     * @param stdDev sample standard deviation (n - 1), NaN with one replication
     * @param ci95Low lower end of the 95% interval for the mean, NaN with one replication
     * @param ci95High upper end, NaN with one replication
     */
    public record Metric(double mean, double stdDev, double ci95Low, double ci95High) {

        /** The statistics of {@code values} (at least one). */
        public static Metric of(double[] values) {
            int n = values.length;
            if (n == 0) {
                throw new IllegalArgumentException("no values");
            }
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / n;
            if (n < 2) {
                return new Metric(mean, Double.NaN, Double.NaN, Double.NaN);
            }
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(squares / (n - 1));
            double half = TDistribution.of(n - 1).inverseCumulativeProbability(0.5 + LEVEL / 2) * sd / Math.sqrt(n);
            return new Metric(mean, sd, mean - half, mean + half);
        }
    }

    /**
     * A summary's replication statistics, as read back.
     *
     * @param count number of replications
     * @param metrics by pointer, in document order
     */
    public record Read(int count, Map<String, Metric> metrics) {}

    private ReplicationStats() {}

    /**
     * The {@code replications} object for the per-replication summaries, in replication order.
     *
     * @param seeds the replications' seeds, one per summary
     */
    public static ObjectNode toTree(List<? extends JsonNode> summaries, long[] seeds) {
        if (summaries.size() != seeds.length || summaries.isEmpty()) {
            throw new IllegalArgumentException(summaries.size() + " summaries for " + seeds.length + " seeds");
        }
        List<Map<String, Double>> leaves = new ArrayList<>();
        for (JsonNode s : summaries) {
            leaves.add(SummaryLeaves.of(s));
        }
        ObjectNode n = NODES.objectNode();
        n.put("count", summaries.size());
        ArrayNode sa = n.putArray("seeds");
        for (long s : seeds) {
            sa.add(s);
        }
        n.set("confidenceLevel", decimal(LEVEL, 2));
        ObjectNode metrics = n.putObject("metrics");
        for (String pointer : leaves.get(0).keySet()) {
            double[] v = new double[leaves.size()];
            boolean everywhere = true;
            for (int k = 0; k < v.length && everywhere; k++) {
                Double x = leaves.get(k).get(pointer);
                everywhere = x != null;
                v[k] = everywhere ? x : 0;
            }
            if (everywhere) {
                Metric m = Metric.of(v);
                ObjectNode o = metrics.putObject(pointer);
                o.set("mean", decimal(m.mean(), SCALE));
                o.set("stdDev", decimal(m.stdDev(), SCALE));
                o.set("ci95Low", decimal(m.ci95Low(), SCALE));
                o.set("ci95High", decimal(m.ci95High(), SCALE));
            }
        }
        return n;
    }

    /**
     * The replication statistics of a summary, or null if it has none.
     *
     * @throws IllegalArgumentException naming the field if the object is malformed
     */
    public static Read read(JsonNode summary) {
        JsonNode r = summary.get("replications");
        if (r == null || r.isNull()) {
            return null;
        }
        if (!r.isObject() || !r.path("count").canConvertToInt() || r.path("count").asInt() < 1
                || !r.path("metrics").isObject()) {
            throw new IllegalArgumentException("replications: expected an object with \"count\" (an integer, at least 1)"
                    + " and \"metrics\" (an object)");
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("metrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue();
            if (!m.path("mean").isNumber()) {
                throw new IllegalArgumentException("replications.metrics[\"" + e.getKey() + "\"].mean: expected a number");
            }
            metrics.put(e.getKey(), new Metric(m.get("mean").asDouble(), number(m, "stdDev"), number(m, "ci95Low"),
                    number(m, "ci95High")));
        }
        return new Read(r.get("count").asInt(), metrics);
    }

    private static double number(JsonNode m, String key) {
        JsonNode v = m.get(key);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
