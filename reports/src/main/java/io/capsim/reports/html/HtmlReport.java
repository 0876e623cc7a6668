package io.capsim.reports.html;

import io.capsim.engine.results.ClusterResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.ArrivalReport;
import io.capsim.reports.RunReport;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code report.html}: a self-contained page (no scripts, no external resources) with the run's
 * summary table and the charts written beside it. All text from the scenario is escaped.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /**
     * The page.
     *
     * @param percentileChart file name of the latency percentile PNG in the same folder
     */
    public static String render(RunReport report, String percentileChart) {
        RunResult r = report.result();
        StringBuilder h = new StringBuilder(8192);
        String title = "capsim: " + Html.escape(report.scenario());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(title).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child,th:first-child{text-align:left}.muted{color:#666}</style>\n</head>\n<body>\n");
        h.append("<h1>").append(title).append("</h1>\n");
        h.append("<p class=\"muted\">seed ").append(report.seed())
                .append(" &middot; simulated ").append(num(r.simulatedSeconds(), 1)).append(" s, measured ")
                .append(num(r.measuredSeconds(), 1)).append(" s after warm-up &middot; ")
                .append(r.eventsExecuted()).append(" events</p>\n");

        h.append("<h2>Requests</h2>\n<table>\n<tr><th>service</th><th>replicas placed</th><th>arrived</th>")
                .append("<th>completed</th><th>rejected</th><th>unfinished</th><th>throughput /s</th>")
                .append("<th>slot utilization</th><th>mean queue</th></tr>\n");
        for (ServiceResult s : r.services()) {
            h.append("<tr><td>").append(Html.escape(s.name())).append("</td><td>")
                    .append(s.replicasPlaced()).append(" / ").append(s.replicasRequested()).append("</td><td>")
                    .append(s.arrived()).append("</td><td>").append(s.completed()).append("</td><td>")
                    .append(s.rejected()).append("</td><td>").append(s.unfinished()).append("</td><td>")
                    .append(num(r.measuredSeconds() > 0 ? s.completed() / r.measuredSeconds() : 0, 2))
                    .append("</td><td>").append(pct(s.slotUtilization())).append("</td><td>")
                    .append(num(s.meanQueueLength(), 2)).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Response time (ms)</h2>\n<p class=\"muted\">wait + service, requests arriving after warm-up; ")
                .append("percentiles from HdrHistogram (3 significant digits)</p>\n");
        latencyTable(h, r, true);
        h.append("<h2>Waiting time before service (ms)</h2>\n");
        latencyTable(h, r, false);
        h.append("<p><img src=\"").append(Html.escape(percentileChart))
                .append("\" alt=\"Latency by percentile\" width=\"900\" height=\"500\"></p>\n");

        if (!report.arrivals().isEmpty()) {
            h.append("<h2>Arrival streams</h2>\n<table>\n<tr><th>stream</th><th>service</th><th>source</th>")
                    .append("<th>trace rows read</th><th>bad rows skipped</th><th>rows left out by rule</th></tr>\n");
            for (ArrivalReport a : report.arrivals()) {
                h.append("<tr><td>").append(Html.escape(a.name())).append("</td><td>").append(Html.escape(a.service()))
                        .append("</td><td>").append(Html.escape(a.source())).append("</td><td>")
                        .append(a.traceRows() < 0 ? "&ndash;" : Long.toString(a.traceRows())).append("</td><td>")
                        .append(a.skippedRows() < 0 ? "&ndash;" : Long.toString(a.skippedRows())).append("</td><td>")
                        .append(a.filteredRows() < 0 ? "&ndash;" : Long.toString(a.filteredRows())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        ClusterResult c = r.cluster();
        h.append("<h2>Cluster</h2>\n<p>").append(c.nodes()).append(" nodes, ")
                .append(num(c.cpuCapacityMillis() / 1000.0, 1)).append(" CPU cores, ")
                .append(num(c.memoryCapacityMiB() / 1024.0, 1)).append(" GiB memory; time-weighted fractions of capacity:</p>\n")
                .append("<table>\n<tr><th>resource</th><th>allocated (requests)</th><th>used</th></tr>\n")
                .append("<tr><td>cpu</td><td>").append(pct(c.cpuAllocated())).append("</td><td>")
                .append(pct(c.cpuUsed())).append("</td></tr>\n")
                .append("<tr><td>memory</td><td>").append(pct(c.memoryAllocated())).append("</td><td>")
                .append(pct(c.memoryUsed())).append("</td></tr>\n");
        if (c.gpus() > 0) {
            h.append("<tr><td>gpu (").append(c.gpus()).append(")</td><td>").append(pct(c.gpuAllocated()))
                    .append("</td><td>").append(pct(c.gpuUsed())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<p class=\"muted\">Figures in summary.json; full percentile distributions in the .hgrm files.</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void latencyTable(StringBuilder h, RunResult r, boolean response) {
        h.append("<table>\n<tr><th>service</th><th>count</th><th>mean</th><th>p50</th><th>p90</th><th>p95</th>")
                .append("<th>p99</th><th>p99.9</th><th>max</th></tr>\n");
        for (ServiceResult s : r.services()) {
            Histogram hist = response ? s.responseMicros() : s.waitMicros();
            double mean = response ? s.meanResponseMs() : s.meanWaitMs();
            h.append("<tr><td>").append(Html.escape(s.name())).append("</td><td>").append(hist.getTotalCount())
                    .append("</td><td>").append(num(mean, 3));
            for (double p : new double[] {50, 90, 95, 99, 99.9}) {
                h.append("</td><td>").append(hist.getTotalCount() == 0 ? "&ndash;"
                        : num(hist.getValueAtPercentile(p) / 1000.0, 3));
            }
            h.append("</td><td>").append(hist.getTotalCount() == 0 ? "&ndash;" : num(hist.getMaxValue() / 1000.0, 3))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "&ndash;";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "&ndash;";
    }
}
