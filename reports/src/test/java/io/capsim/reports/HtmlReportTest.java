package io.capsim.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.results.ClusterResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.html.HtmlReport;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void everythingFromTheScenarioIsEscaped() {
        Histogram h = new Histogram(3);
        h.recordValue(1500);
        ServiceResult s = new ServiceResult("<script>alert(1)</script>", 1, 1, 1, 1, 1, 0, 0, h, h.copy(), 1.5, 0,
                0.5, 0, 0.5);
        RunResult r = new RunResult(10, 9, 100, List.of(s), new ClusterResult(1, 1000, 1024, 0.5, 0.2, 0.5, 0.5, 0,
                Double.NaN, Double.NaN));
        String html = HtmlReport.render(new RunReport("q\"><img src=x onerror=alert(2)>", 1, r,
                List.of(new ArrivalReport("a<b", "svc&", "trace \"x\"", 5, 1, 0))), "chart.png");
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("a&lt;b") && html.contains("svc&amp;") && html.contains("trace &quot;x&quot;"));
        assertTrue(html.contains("Content-Security-Policy"));
    }
}
