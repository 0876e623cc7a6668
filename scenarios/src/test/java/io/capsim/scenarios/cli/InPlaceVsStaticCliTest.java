package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code inplace-vs-static.yaml} through the CLI over 5 seeds ({@code --replications
 * 5}): each claim is judged on a 95% confidence interval over the seeds (Student's t with 4
 * degrees of freedom, t = 2.776), from the per-seed summaries the run writes.
 */
class InPlaceVsStaticCliTest {

    /** Student's t quantile 0.975 with 4 degrees of freedom. */
    private static final double T_975_4 = 2.7764;

    @TempDir
    Path dir;

    /** Mean and half-width of the 95% interval of {@code values}. */
    record Interval(double mean, double half) {
        static Interval of(List<Double> values) {
            double m = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
            return new Interval(m, T_975_4 * Math.sqrt(ss / (values.size() - 1) / values.size()));
        }

        double low() {
            return mean - half;
        }

        double high() {
            return mean + half;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.4g ± %.2g", mean, half);
        }
    }

    @Test
    void inPlaceKeepsTheTailOfStaticAtPeakOnLessCpuWhileStaticAtMeanAndRecreateDoNot() throws IOException {
        String example = Path.of("examples/inplace-vs-static.yaml").toAbsolutePath().toString();
        Path out = dir.resolve("out");
        Cli r = Cli.run("run", example, "--replications", "5", "--threads", "2", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        List<JsonNode> seeds = new ArrayList<>();
        List<JsonNode> slos = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 1; i <= 5; i++) {
            JsonNode summary = json.readTree(out.resolve("r0" + i + ".summary.json").toFile());
            seeds.add(summary.path("services"));
            slos.add(summary.at("/slo/objectives"));
        }
        Interval p99Ratio = over(seeds, s -> p99(s, "in-place") / p99(s, "static-peak"));
        Interval coreHourRatio = over(seeds, s -> coreHours(s, "in-place") / coreHours(s, "static-peak"));
        Interval peak = over(seeds, s -> p99(s, "static-peak"));
        Interval mean = over(seeds, s -> p99(s, "static-mean"));
        Interval recreate = over(seeds, s -> p99(s, "recreate"));
        Interval evictions = over(seeds, s -> s.at("/recreate/resize/evictions").asDouble());
        String figures = "in-place/static-peak p99 " + p99Ratio + ", core-hours " + coreHourRatio + "; p99 ms: static-peak "
                + peak + ", static-mean " + mean + ", recreate " + recreate + "; recreate evictions " + evictions;

        // In place keeps p99 within 10% of static-at-peak, on at most 75% of its core-hours.
        assertTrue(p99Ratio.high() <= 1.10, figures);
        assertTrue(coreHourRatio.high() <= 0.75, figures);
        // Static-at-mean misses its SLO (p99 6 s) in every seed, by far (its queue grows in each
        // burst, so its p99 varies wildly between seeds: judged seed by seed); the others meet it.
        for (int i = 0; i < seeds.size(); i++) {
            assertTrue(p99(seeds.get(i), "static-mean") > 10 * 6000, figures);
            for (JsonNode o : slos.get(i)) {
                String owner = o.get("owner").asText();
                boolean expected = !owner.equals("static-mean") && !owner.equals("recreate");
                assertEquals(expected, o.get("met").asBoolean(), owner + " in seed " + (i + 1) + ": " + figures);
            }
        }
        // Recreate evicts and pays the cold starts: a tail far worse than static-at-peak's.
        assertTrue(evictions.low() > 0, figures);
        assertTrue(recreate.low() > peak.high() * 1.5, figures);
        // Some in-place resizes were deferred (batch pods in the way), and their waits are reported.
        long deferred = 0;
        for (JsonNode s : seeds) {
            JsonNode rs = s.at("/in-place/resize");
            deferred += rs.get("deferred").asLong();
            if (rs.at("/deferredSeconds/count").asLong() > 0) {
                assertTrue(rs.at("/deferredSeconds/max").asDouble() > 0, rs.toString());
                assertFalse(rs.at("/deferredSeconds/p50").isNull(), rs.toString());
            }
            assertEquals(0, rs.get("evictions").asLong(), "InPlace never evicts");
            assertTrue(rs.get("completed").asLong() > 0, rs.toString());
        }
        assertTrue(deferred > 0, figures);
        // The pooled summary carries the same block, and the report its table.
        JsonNode pooled = json.readTree(out.resolve("summary.json").toFile()).at("/services/in-place/resize");
        assertEquals(deferred, pooled.get("deferred").asLong());
        assertTrue(java.nio.file.Files.readString(out.resolve("report.html")).contains("Vertical sizing and in-place resize"));
    }

    private static double p99(JsonNode services, String name) {
        return services.at("/" + name + "/latencyMs/p99").asDouble();
    }

    private static double coreHours(JsonNode services, String name) {
        return services.at("/" + name + "/resize/allocatedCoreHours").asDouble();
    }

    private static Interval over(List<JsonNode> seeds, ToDoubleFunction<JsonNode> f) {
        List<Double> v = new ArrayList<>();
        for (JsonNode s : seeds) {
            v.add(f.applyAsDouble(s));
        }
        return Interval.of(v);
    }
}
