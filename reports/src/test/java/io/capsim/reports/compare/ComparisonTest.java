package io.capsim.reports.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The statistics and verdicts of {@link Comparison}, the directions by name, the report escaping. */
class ComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void welchMatchesAReference() {
        // Means 10 and 12, sd 2 and 3, n 10 each: t = 2 / sqrt(0.4 + 0.9) = 1.75412, Welch df =
        // 1.69 / ((0.16 + 0.81) / 9) = 15.680; scipy.stats.t.sf(1.75412, 15.680) = 0.0494647.
        assertEquals(0.0494647, Comparison.welchOneSided(2, 2, 10, 3, 10), 1e-6);
        // No spread: an exact difference.
        assertEquals(0, Comparison.welchOneSided(1, 0, 5, 0, 5));
        assertEquals(1, Comparison.welchOneSided(0, 0, 5, 0, 5));
    }

    @Test
    void holmStepsDownAndKeepsTheOrder() {
        // m = 4 tested: sorted 0.01, 0.02, 0.03, 0.04 times 4, 3, 2, 1 = 0.04, 0.06, 0.06, 0.04 -> running
        // max 0.04, 0.06, 0.06, 0.06; the untested NaN stays NaN.
        double[] adj = Comparison.holm(Arrays.asList(0.03, Double.NaN, 0.01, 0.04, 0.02));
        assertArrayEquals(new double[] {0.06, Double.NaN, 0.04, 0.06, 0.06}, adj, 1e-12);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/services/web/latencyMs/p99, LOWER",
        "/services/web/latencyMs/count, NONE",
        "/services/web/waitMs/max, LOWER",
        "/jobs/train/queueingDelaySeconds/p50, LOWER",
        "/jobs/train/instances/waiting, LOWER",
        "/services/web/requests/failed, LOWER",
        "/services/web/requests/rejected, LOWER",
        "/scheduler/pendingPods/mean, LOWER",
        "/cluster/cost, LOWER",
        "/services/web/throughputPerSecond, HIGHER",
        "/jobs/train/instances/completed, HIGHER",
        "/services/web/slotUtilization, NONE",
        "/events, NONE",
        "/simulatedSeconds, NONE",
    })
    void directionsByName(String pointer, Direction expected) {
        assertEquals(expected, Direction.byName(pointer));
    }

    @Test
    void globsMatchWithinAndAcrossTokensAndLaterRulesWin() {
        Tolerances t = new Tolerances(0.05, 0, List.of(
                new Tolerances.Rule("/services/*/latencyMs/p99", null, 0.02, 1.0),
                new Tolerances.Rule("/**/p99", Direction.NONE, null, null),
                new Tolerances.Rule("/services/web/latencyMs/p99", Direction.LOWER, null, null)));
        assertEquals(new Tolerances.Setting(Direction.LOWER, 0.02, 1.0), t.settingFor("/services/web/latencyMs/p99"));
        assertEquals(new Tolerances.Setting(Direction.NONE, 0.02, 1.0), t.settingFor("/services/api/latencyMs/p99"));
        assertEquals(new Tolerances.Setting(Direction.LOWER, 0.05, 0), t.settingFor("/services/a/b/latencyMs/p90"));
        assertFalse(new Tolerances.Rule("/services/*/latencyMs/p99", null, null, null)
                .matches("/services/a/b/latencyMs/p99"), "* stays within one token");
        assertEquals(2.0, t.settingFor("/services/web/latencyMs/p99").allowed(100), 1e-12, "max(1, 2% of 100)");
    }

    private static JsonNode summary(double p99, double throughput, String replications) throws Exception {
        return JSON.readTree("{\"schemaVersion\": 2, \"seed\": 1, \"services\": {\"web\": {\"throughputPerSecond\": "
                + throughput + ", \"latencyMs\": {\"p99\": " + p99 + "}}}" + replications + "}");
    }

    private static String stats(double meanP99, double sdP99, int n) {
        return ", \"replications\": {\"count\": " + n + ", \"seeds\": [], \"confidenceLevel\": 0.95, \"metrics\": {"
                + "\"/services/web/latencyMs/p99\": {\"mean\": " + meanP99 + ", \"stdDev\": " + sdP99
                + ", \"ci95Low\": null, \"ci95High\": null},"
                + "\"/services/web/throughputPerSecond\": {\"mean\": 100, \"stdDev\": 1, \"ci95Low\": null, "
                + "\"ci95High\": null}}}";
    }

    @Test
    void withoutReplicationsOnlyTheToleranceDecides() throws Exception {
        Comparison within = Comparison.of("s", summary(100, 50, ""), summary(104, 50, ""), Tolerances.DEFAULTS, 0.05);
        assertFalse(within.regressed());
        Comparison beyond = Comparison.of("s", summary(100, 50, ""), summary(106, 50, ""), Tolerances.DEFAULTS, 0.05);
        assertEquals(List.of("/services/web/latencyMs/p99"),
                beyond.with(Comparison.Verdict.REGRESSION).stream().map(Comparison.Metric::pointer).toList());
        Comparison slower = Comparison.of("s", summary(100, 50, ""), summary(100, 40, ""), Tolerances.DEFAULTS, 0.05);
        assertTrue(slower.regressed(), "throughput: higher is better");
    }

    @Test
    void withReplicationsAChangeBeyondToleranceMustAlsoBeSignificant() throws Exception {
        // p99 100 -> 110 (10%, beyond 5%). With sd 20 over 10 replications: t = 10 / sqrt(80) = 1.12,
        // p = 0.14: noise. With sd 2: t = 11.2, p < 1e-9, still below 0.05 / 2 after Holm.
        JsonNode base = summary(100, 100, stats(100, 20, 10));
        assertFalse(Comparison.of("s", base, summary(110, 100, stats(110, 20, 10)), Tolerances.DEFAULTS, 0.05)
                .regressed());
        JsonNode tight = summary(100, 100, stats(100, 2, 10));
        Comparison c = Comparison.of("s", tight, summary(110, 100, stats(110, 2, 10)), Tolerances.DEFAULTS, 0.05);
        assertTrue(c.regressed());
        Comparison.Metric m = c.with(Comparison.Verdict.REGRESSION).get(0);
        assertTrue(m.tested() && m.adjustedP() < 1e-6 && m.adjustedP() == 2 * m.pValue(), m.toString());
        // Significant but within tolerance: 100 -> 103.
        assertFalse(Comparison.of("s", tight, summary(103, 100, stats(103, 2, 10)), Tolerances.DEFAULTS, 0.05)
                .regressed());
    }

    @Test
    void withReplicationsAMetricWithoutStatisticsIsInformational() throws Exception {
        // max is in both bodies but null in some replication, so absent from the statistics.
        JsonNode base = JSON.readTree("{\"services\": {\"web\": {\"latencyMs\": {\"p99\": 100, \"max\": 100}}}"
                + stats(100, 2, 10) + "}");
        JsonNode cand = JSON.readTree("{\"services\": {\"web\": {\"latencyMs\": {\"p99\": 100, \"max\": 900}}}"
                + stats(100, 2, 10) + "}");
        Comparison c = Comparison.of("s", base, cand, Tolerances.DEFAULTS, 0.05);
        assertFalse(c.regressed());
        assertEquals(Comparison.Verdict.INFORMATIONAL, c.metrics().stream()
                .filter(m -> m.pointer().endsWith("/max")).findFirst().orElseThrow().verdict());
    }

    @Test
    void userStringsCannotInjectMarkup() {
        Comparison c = new Comparison("<script>x</script>|a", 1, 1, 0.05, List.of(new Comparison.Metric(
                "/services/<b>|[x](http://e.example)/latencyMs/p99", Direction.LOWER, 1, 2, 0, Double.NaN, Double.NaN,
                Comparison.Verdict.REGRESSION)));
        String md = ComparisonReports.markdown(List.of(c));
        assertFalse(md.contains("<script") || md.contains("<b>") || md.contains("](http"), md);
        assertTrue(md.contains("&lt;script&gt;x&lt;/script&gt;\\|a"), md);
        String xml = ComparisonReports.junit(List.of(c));
        assertFalse(xml.contains("<script") || xml.contains("<b>"), xml);
        String html = ComparisonReports.html("t", List.of(c));
        assertFalse(html.contains("<script") || html.contains("<b>|"), html);
        assertEquals("a&#10;b", ComparisonReports.xml("a\nb\u0001"));
    }
}
