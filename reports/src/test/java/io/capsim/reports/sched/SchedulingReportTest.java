package io.capsim.reports.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.engine.results.InflationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduling-experiment outputs on a hand-made report of two seeds. */
class SchedulingReportTest {

    @TempDir
    Path tmp;

    /** Four arrivals into 10 GPUs: shares 0.25, 0.5, 0.75, 1.0. */
    private static InflationResult run(String profile, long seed, double[] unallocated, int[] failed) {
        double[] arrived = {0.25, 0.5, 0.75, 1.0};
        double[] frag = unallocated.clone();
        for (int i = 0; i < frag.length; i++) {
            frag[i] /= 2;
        }
        return new InflationResult(profile, seed, 1.0, 10, arrived, unallocated, frag, new double[4], new double[4],
                failed);
    }

    private static SchedulingReport report() {
        String evil = "<b>\"x\"&</b>";
        return new SchedulingReport("a&b", new long[] {7, 8}, 1.0, "lowestName", "withReplacement", 3, 100,
                List.of(0.5, 1.0), List.of(
                new SchedulingReport.PolicyRuns(evil, "profile", List.of(
                        run(evil, 7, new double[] {7.5, 5, 3, 2}, new int[] {0, 0, 0, 1}),
                        run(evil, 8, new double[] {7.5, 5, 2, 1}, new int[] {0, 0, 1, 2}))),
                new SchedulingReport.PolicyRuns("random", "builtIn", List.of(
                        run("random", 7, new double[] {7.5, 6, 4, 4}, new int[] {0, 1, 1, 2}),
                        run("random", 8, new double[] {7.5, 5, 4, 3}, new int[] {0, 0, 1, 1})))));
    }

    @Test
    void paperMeasuresAverageTheArrivalsRoundingToTheSamePercent() {
        // 10 GPUs; arrived shares in percent round (half to even) to 99, 100, 100, 100, 101, 101.
        double[] arrived = {0.994, 0.996, 0.999, 1.004, 1.006, 1.01};
        double[] unalloc = {2.5, 2, 1.5, 1, 0.5, 0};
        double[] frag = {1, 1, 0.75, 0.9, 0.5, 0};
        InflationResult r = new InflationResult("p", 1, 1.01, 10, arrived, unalloc, frag, new double[6],
                new double[6], new int[6]);
        // @100%: arrivals 2, 3, 4: unallocated 20%, 15%, 10% -> 15%
        assertEquals(15, PaperMeasures.unallocatedPercent(r, 1.0), 1e-12);
        // fragmentation ratio 1/2, 0.75/1.5, 0.9/1 -> 50%, 50%, 90% -> 63.33%
        assertEquals(190.0 / 3, PaperMeasures.fragmentationRatio(r, 1.0), 1e-12);
        // @101%: arrivals 5 and 6; the last has nothing unallocated, so no ratio: 0.5/0.5 -> 100%
        assertEquals(100, PaperMeasures.fragmentationRatio(r, 1.01), 1e-12);
        assertEquals(2.5, PaperMeasures.unallocatedPercent(r, 1.01), 1e-12);
        // @98%: no arrival rounds to 98, so 97..99 counts: arrival 1 -> 25%
        assertEquals(25, PaperMeasures.unallocatedPercent(r, 0.98), 1e-12);
        // @90%: nothing within 89..91 -> NaN
        assertTrue(Double.isNaN(PaperMeasures.unallocatedPercent(r, 0.9)));
    }

    @Test
    void theConfidenceIntervalIsStudentsTOverTheSeeds() {
        // 1..5: mean 3, s = 1.5811, s / sqrt(5) = 0.70711; t(0.975, 4) = 2.7764 (tables).
        SchedulingReport.Stat s = SchedulingReport.Stat.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(3, s.mean(), 1e-12);
        assertEquals(1, s.min());
        assertEquals(5, s.max());
        assertEquals(3 - 2.776445 * 0.7071068, s.ci95Low(), 1e-5);
        assertEquals(3 + 2.776445 * 0.7071068, s.ci95High(), 1e-5);
        // identical values: a zero-width interval; one value: none
        SchedulingReport.Stat same = SchedulingReport.Stat.of(new double[] {4, 4, 4});
        assertEquals(4, same.ci95Low());
        assertEquals(4, same.ci95High());
        SchedulingReport.Stat one = SchedulingReport.Stat.of(new double[] {4});
        assertEquals(true, Double.isNaN(one.ci95Low()) && Double.isNaN(one.ci95HalfWidth()));
    }

    @Test
    void summaryGivesMeanMinMaxOverSeedsAtEachPoint() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SchedulingSummaryJson.write(report(), out);
        JsonNode s = new ObjectMapper().readTree(out.toByteArray());
        assertEquals("[7,8]", s.path("seeds").toString());
        assertEquals(10, s.path("cluster").path("gpus").asInt());
        JsonNode random = s.path("policies").path("random");
        // @50%: unallocated 6 and 5 -> mean 5.5, min 5, max 6; fragmented half of that. Two seeds:
        // 95% interval mean +- t(0.975, 1) * s / sqrt(2), t = 12.7062 (tables), s / sqrt(2) = 0.5
        // for 6 and 5, so +- 6.3531.
        JsonNode at50 = random.path("atArrivalPoints").get(0);
        assertEquals(0.5, at50.path("arrivedShare").asDouble());
        assertEquals("{\"mean\":5.5,\"min\":5,\"max\":6,\"ci95Low\":-0.853,\"ci95High\":11.853}", at50.path("unallocatedGpus").toString());
        assertEquals("{\"mean\":2.75,\"min\":2.5,\"max\":3,\"ci95Low\":-0.427,\"ci95High\":5.927}", at50.path("fragmentedGpus").toString());
        // allocation = 1 - unallocated / 10: 0.4 and 0.5.
        assertEquals("{\"mean\":0.45,\"min\":0.4,\"max\":0.5,\"ci95Low\":-0.18531,\"ci95High\":1.08531}", at50.path("gpuAllocation").toString());
        // End of run: failed 2 and 1 of 4 arrivals -> bound 2 and 3.
        assertEquals("{\"mean\":1.5,\"min\":1,\"max\":2,\"ci95Low\":-4.853,\"ci95High\":7.853}", random.path("podsFailed").toString());
        assertEquals("{\"mean\":2.5,\"min\":2,\"max\":3,\"ci95Low\":-3.853,\"ci95High\":8.853}", random.path("podsBound").toString());
        assertEquals("profile", s.path("policies").path("<b>\"x\"&</b>").path("source").asText());
    }

    @Test
    void outputsAreAllWrittenEscapedAndDeterministic() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        SchedulingReportWriter.write(a, report(), Map.of("wallSeconds", 1.0));
        SchedulingReportWriter.write(b, report(), Map.of("wallSeconds", 2.0));
        for (String f : List.of("summary.json", "run-info.json", SchedulingReportWriter.UNALLOCATED_CHART,
                SchedulingReportWriter.FRAGMENTATION_CHART, "report.html")) {
            assertTrue(Files.size(a.resolve(f)) > 0, f);
        }
        assertArrayEquals(Files.readAllBytes(a.resolve("summary.json")), Files.readAllBytes(b.resolve("summary.json")));
        String html = Files.readString(a.resolve("report.html"));
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("&lt;b&gt;&quot;x&quot;&amp;&lt;/b&gt;"), html);
        assertTrue(html.contains("capsim: a&amp;b"), html);
        // Self-contained: both charts embedded, nothing fetched.
        assertEquals(2, html.split("<img src=\"data:image/png;base64,", -1).length - 1, "two embedded charts");
        assertFalse(html.contains("src=\"" + SchedulingReportWriter.UNALLOCATED_CHART), html);
        assertTrue(html.contains("img-src data:"), "the page's policy allows embedded images only");
        try (var files = Files.list(a)) {
            assertEquals(6, files.count(), "the five outputs and SHA256SUMS, no temporary files left");
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("a", "b"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging folder or lock file beside the outputs");
        }
    }
}
