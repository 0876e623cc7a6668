package io.capsim.reports;

import io.capsim.reports.model.ArrivalReport;

import io.capsim.reports.model.RunReport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.results.ClusterResult;
import io.capsim.engine.results.JobResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.SchedulerResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.html.HtmlReport;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    /** A run with one service, one job, a scheduler report and a pool, named as {@code names} say. */
    static RunResult run(String service, String job, String reason, String pool) {
        Histogram h = new Histogram(3);
        h.recordValue(1500);
        ServiceResult s = new ServiceResult(service, "fixed-slots", "shared-queue", 1, 1, 1, Map.of(pool, 1.0), 1, 0, 0,
                1, 1, 1, 0, 0, 0, 0, h, h.copy(), 1.5, 0, 0.5, 0, 0.5, 100, 100, 0, null);
        JobResult j = new JobResult(job, 2, true, 1, 1, 0, 0, 0, h.copy(), 1.5, h.copy(), 1.5, 0, 0, 0, h.copy(), 0, 0, 0);
        SchedulerResult sr = new SchedulerResult(List.of("default-scheduler"), h.copy(), 1.5, 0.1, 1, 3, 3, 1,
                Map.of("NodeResourcesFit", 1L), 2, 0, 0, 0, 0,
                List.of(new SchedulerResult.Unschedulable("job " + job, true, 1, 0.5, reason)));
        ClusterResult c = new ClusterResult(1, List.of(new ClusterResult.Pool(pool, 1, 1000, 1024, 0, "", 1, 0)), 1000,
                1024, 0, 0.5, 0.2, 0.5, 0.5, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, 0);
        return new RunResult(10, 9, 100, List.of(s), List.of(j), sr, c, List.of());
    }

    @Test
    void everythingFromTheScenarioOrATraceIsEscaped() {
        RunResult r = run("<script>alert(1)</script>", "j<i>", "0/1 nodes: <b>x</b>", "p\"ool");
        RunReport report = new RunReport("q\"><img src=x onerror=alert(2)>", 1, r,
                List.of(new ArrivalReport("a<b", "service", "svc&", "trace \"x\"", 5, 1, 0)));
        java.io.ByteArrayOutputStream summary = new java.io.ByteArrayOutputStream();
        try {
            io.capsim.reports.json.SummaryJson.write(report, summary);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String html = HtmlReport.render(io.capsim.reports.saved.SavedRun.of("x", Map.of("summary.json",
                summary.toByteArray(), "scenario.yaml", "name: <b>x</b>".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                List.of(new io.capsim.reports.chart.RunCharts.Chart("c<1>.png", "c\"1", new byte[] {1})));
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("<b>x</b>") || html.contains("j<i>") || html.contains("p\"ool"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("a&lt;b") && html.contains("svc&amp;") && html.contains("trace &quot;x&quot;"));
        assertTrue(html.contains("0/1 nodes: &lt;b&gt;x&lt;/b&gt;") && html.contains("j&lt;i&gt;"));
        assertTrue(html.contains("id=\"c&lt;1&gt;.png\""));
        assertTrue(html.contains("Content-Security-Policy"));
    }
}
