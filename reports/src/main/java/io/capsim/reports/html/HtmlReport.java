package io.capsim.reports.html;

import io.capsim.engine.results.ClusterResult;
import io.capsim.engine.results.JobResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.SchedulerResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.model.ArrivalReport;
import io.capsim.reports.model.RunReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code report.html}: a page (no scripts, no external resources) with the run's tables (services,
 * jobs, scheduler, cluster, arrival streams) and the charts written beside it. All text from the
 * scenario or a trace is escaped.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /**
     * The page.
     *
     * @param charts file names and captions of the PNG charts in the same folder, in display order
     */
    public static String render(RunReport report, Map<String, String> charts) {
        RunResult r = report.result();
        StringBuilder h = new StringBuilder(16384);
        String title = "capsim: " + Html.escape(report.scenario());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(title).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child,th:first-child{text-align:left}td.text{text-align:left}.muted{color:#666}")
                .append("img{max-width:100%;height:auto}</style>\n</head>\n<body>\n");
        h.append("<h1>").append(title).append("</h1>\n");
        h.append("<p class=\"muted\">seed ").append(report.seed())
                .append(" &middot; simulated ").append(num(r.simulatedSeconds(), 1)).append(" s, measured ")
                .append(num(r.measuredSeconds(), 1)).append(" s after warm-up &middot; ")
                .append(r.eventsExecuted()).append(" events</p>\n");

        if (!r.services().isEmpty()) {
            services(h, r);
        }
        if (!r.jobs().isEmpty()) {
            jobs(h, r.jobs());
        }
        scheduler(h, r.scheduler());
        cluster(h, r.cluster());
        if (!report.arrivals().isEmpty()) {
            h.append("<h2>Arrival streams</h2>\n<table>\n<tr><th>stream</th><th>feeds</th><th>source</th>")
                    .append("<th>trace rows read</th><th>bad rows skipped</th><th>rows left out by rule</th></tr>\n");
            for (ArrivalReport a : report.arrivals()) {
                h.append("<tr><td>").append(Html.escape(a.name())).append("</td><td class=\"text\">")
                        .append(Html.escape(a.kind() + " " + a.target())).append("</td><td class=\"text\">")
                        .append(Html.escape(a.source())).append("</td><td>")
                        .append(a.traceRows() < 0 ? "&ndash;" : Long.toString(a.traceRows())).append("</td><td>")
                        .append(a.skippedRows() < 0 ? "&ndash;" : Long.toString(a.skippedRows())).append("</td><td>")
                        .append(a.filteredRows() < 0 ? "&ndash;" : Long.toString(a.filteredRows())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!charts.isEmpty()) {
            h.append("<h2>Charts</h2>\n");
            for (Map.Entry<String, String> c : charts.entrySet()) {
                h.append("<p><img src=\"").append(Html.escape(c.getKey())).append("\" alt=\"")
                        .append(Html.escape(c.getValue())).append("\" width=\"900\" height=\"450\"></p>\n");
            }
        }
        h.append("<p class=\"muted\">Figures in summary.json; full percentile distributions in the .hgrm files.</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void services(StringBuilder h, RunResult r) {
        h.append("<h2>Services</h2>\n<table>\n<tr><th>service</th><th>replicas ready (mean / desired)</th>")
                .append("<th>where (mean ready per pool)</th><th>arrived</th><th>completed</th><th>rejected</th>")
                .append("<th>failed</th><th>unfinished</th><th>throughput /s</th><th>slot utilization</th>")
                .append("<th>mean queue</th></tr>\n");
        for (ServiceResult s : r.services()) {
            StringBuilder where = new StringBuilder();
            for (Map.Entry<String, Double> e : s.readyByPool().entrySet()) {
                where.append(where.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(num(e.getValue(), 2));
            }
            h.append("<tr><td>").append(Html.escape(s.name())).append("</td><td>")
                    .append(num(s.replicasReadyMean(), 2)).append(" / ").append(s.replicasDesired())
                    .append("</td><td class=\"text\">").append(Html.escape(where.toString())).append("</td><td>")
                    .append(s.arrived()).append("</td><td>").append(s.completed()).append("</td><td>")
                    .append(s.rejected()).append("</td><td>").append(s.failed()).append("</td><td>")
                    .append(s.unfinished()).append("</td><td>")
                    .append(num(r.measuredSeconds() > 0 ? s.completed() / r.measuredSeconds() : 0, 2))
                    .append("</td><td>").append(pct(s.slotUtilization())).append("</td><td>")
                    .append(num(s.meanQueueLength(), 2)).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<h3>Response time (ms)</h3>\n<p class=\"muted\">wait + service, requests arriving after warm-up; ")
                .append("percentiles from HdrHistogram (3 significant digits)</p>\n");
        h.append(LATENCY_HEADER);
        for (ServiceResult s : r.services()) {
            latencyRow(h, s.name(), s.responseMicros(), s.meanResponseMs(), 1000.0);
        }
        h.append("</table>\n<h3>Waiting time before service (ms)</h3>\n").append(LATENCY_HEADER);
        for (ServiceResult s : r.services()) {
            latencyRow(h, s.name(), s.waitMicros(), s.meanWaitMs(), 1000.0);
        }
        h.append("</table>\n");
    }

    private static void jobs(StringBuilder h, List<JobResult> jobs) {
        h.append("<h2>Jobs</h2>\n<table>\n<tr><th>job</th><th>pods each</th><th>gang</th><th>submitted</th>")
                .append("<th>completed</th><th>failed</th><th>running</th><th>waiting</th><th>pod failures</th>")
                .append("<th>gang restarts</th><th>partial gang s</th></tr>\n");
        for (JobResult j : jobs) {
            h.append("<tr><td>").append(Html.escape(j.name())).append("</td><td>").append(j.parallelism())
                    .append("</td><td>").append(j.gang() ? "yes" : "no").append("</td><td>").append(j.submitted())
                    .append("</td><td>").append(j.completed()).append("</td><td>").append(j.failed()).append("</td><td>")
                    .append(j.running()).append("</td><td>").append(j.waiting()).append("</td><td>")
                    .append(j.podFailures()).append("</td><td>").append(j.gangRestarts()).append("</td><td>")
                    .append(num(j.partialGangSeconds(), 3)).append("</td></tr>\n");
        }
        h.append("</table>\n<h3>Queueing delay, submission to start (s)</h3>\n").append(LATENCY_HEADER);
        for (JobResult j : jobs) {
            latencyRow(h, j.name(), j.queueingDelayMicros(), j.meanQueueingDelayMs() / 1000, 1e6);
        }
        h.append("</table>\n<h3>Completion time, submission to end (s)</h3>\n").append(LATENCY_HEADER);
        for (JobResult j : jobs) {
            latencyRow(h, j.name(), j.completionMicros(), j.meanCompletionMs() / 1000, 1e6);
        }
        h.append("</table>\n");
    }

    private static void scheduler(StringBuilder h, SchedulerResult s) {
        h.append("<h2>Scheduler</h2>\n<p>profiles: ").append(Html.escape(String.join(", ", s.profiles())))
                .append("</p>\n<table>\n<tr><th>cycles</th><th>attempts</th><th>unschedulable attempts</th>")
                .append("<th>binds</th><th>preemptions</th><th>victims</th><th>lost pod-seconds</th>")
                .append("<th>gang rejections</th><th>pending pods (mean / max)</th></tr>\n<tr><td>")
                .append(s.cycles()).append("</td><td>").append(s.attempts()).append("</td><td>")
                .append(s.unschedulableAttempts()).append("</td><td>").append(s.binds()).append("</td><td>")
                .append(s.preemptions()).append("</td><td>").append(s.victims()).append("</td><td>")
                .append(num(s.lostPodSeconds(), 1)).append("</td><td>").append(s.gangRejections()).append("</td><td>")
                .append(num(s.pendingPodsMean(), 2)).append(" / ").append(s.pendingPodsMax()).append("</td></tr>\n</table>\n");
        h.append("<h3>Pod creation to bind (ms)</h3>\n").append(LATENCY_HEADER);
        latencyRow(h, "all pods", s.creationToBindMicros(), s.meanCreationToBindMs(), 1000.0);
        h.append("</table>\n");
        if (!s.unschedulableByPlugin().isEmpty()) {
            h.append("<h3>Unschedulable attempts by plugin</h3>\n<table>\n<tr><th>plugin</th><th>attempts</th></tr>\n");
            for (Map.Entry<String, Long> e : s.unschedulableByPlugin().entrySet()) {
                h.append("<tr><td>").append(Html.escape(e.getKey())).append("</td><td>").append(e.getValue())
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!s.unschedulable().isEmpty()) {
            h.append("<h3>Pods that found no node</h3>\n<table>\n<tr><th>owner</th><th>kind</th><th>pods</th>")
                    .append("<th>first at (s)</th><th>reason</th></tr>\n");
            for (SchedulerResult.Unschedulable u : s.unschedulable()) {
                h.append("<tr><td>").append(Html.escape(u.owner())).append("</td><td class=\"text\">")
                        .append(u.neverSchedulable() ? "never schedulable" : "pending at end").append("</td><td>")
                        .append(u.pods()).append("</td><td>").append(num(u.firstSeconds(), 3))
                        .append("</td><td class=\"text\">").append(Html.escape(u.reason())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private static void cluster(StringBuilder h, ClusterResult c) {
        h.append("<h2>Cluster</h2>\n<table>\n<tr><th>pool</th><th>nodes</th><th>CPU / node</th><th>memory / node (GiB)</th>")
                .append("<th>GPUs / node</th><th>GPU model</th><th>speed</th><th>cost / node-hour</th></tr>\n");
        for (ClusterResult.Pool p : c.pools()) {
            h.append("<tr><td>").append(Html.escape(p.name())).append("</td><td>").append(p.nodes()).append("</td><td>")
                    .append(num(p.cpuMillis() / 1000.0, 1)).append("</td><td>").append(num(p.memoryMiB() / 1024.0, 1))
                    .append("</td><td>").append(p.gpus()).append("</td><td class=\"text\">")
                    .append(Html.escape(p.gpuModel())).append("</td><td>").append(num(p.speed(), 2)).append("</td><td>")
                    .append(num(p.costPerNodeHour(), 2)).append("</td></tr>\n");
        }
        h.append("</table>\n<p>").append(c.nodes()).append(" nodes, ")
                .append(num(c.cpuCapacityMillis() / 1000.0, 1)).append(" CPU cores, ")
                .append(num(c.memoryCapacityMiB() / 1024.0, 1)).append(" GiB memory, ").append(c.gpus())
                .append(" GPUs; ").append(num(c.nodeHours(), 1)).append(" node-hours, cost ").append(num(c.cost(), 2))
                .append(". Time-weighted fractions of capacity:</p>\n")
                .append("<table>\n<tr><th>resource</th><th>allocated (requests)</th><th>used</th></tr>\n")
                .append("<tr><td>cpu</td><td>").append(pct(c.cpuAllocated())).append("</td><td>")
                .append(pct(c.cpuUsed())).append("</td></tr>\n")
                .append("<tr><td>memory</td><td>").append(pct(c.memoryAllocated())).append("</td><td>")
                .append(pct(c.memoryUsed())).append("</td></tr>\n");
        if (c.gpus() > 0) {
            h.append("<tr><td>gpu</td><td>").append(pct(c.gpuAllocated())).append("</td><td>")
                    .append(pct(c.gpuUsed())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (Double.isFinite(c.gpuFragmentationMean())) {
            h.append("<p>GPU fragmentation (FGD's measure against the expected pod mix): mean ")
                    .append(num(c.gpuFragmentationMean(), 1)).append(" GPUs, max ").append(num(c.gpuFragmentationMax(), 1))
                    .append(" GPUs.</p>\n");
        }
    }

    private static final String LATENCY_HEADER = "<table>\n<tr><th></th><th>count</th><th>mean</th><th>p50</th>"
            + "<th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr>\n";

    private static void latencyRow(StringBuilder h, String name, Histogram hist, double mean, double microsPerUnit) {
        h.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(hist.getTotalCount())
                .append("</td><td>").append(hist.getTotalCount() == 0 ? "&ndash;" : num(mean, 3));
        for (double p : new double[] {50, 90, 95, 99, 99.9}) {
            h.append("</td><td>").append(hist.getTotalCount() == 0 ? "&ndash;"
                    : num(hist.getValueAtPercentile(p) / microsPerUnit, 3));
        }
        h.append("</td><td>").append(hist.getTotalCount() == 0 ? "&ndash;" : num(hist.getMaxValue() / microsPerUnit, 3))
                .append("</td></tr>\n");
    }

    private static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "&ndash;";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "&ndash;";
    }
}
