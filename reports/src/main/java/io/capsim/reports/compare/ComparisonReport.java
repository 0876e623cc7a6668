package io.capsim.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.capsim.reports.chart.PercentileChart;
import io.capsim.reports.chart.RunCharts;
import io.capsim.reports.chart.TimelineChart;
import io.capsim.reports.html.Html;
import io.capsim.reports.html.Page;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.saved.SavedRun;
import io.capsim.reports.model.Spectrum;
import io.capsim.reports.model.TimeTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One report comparing several runs side by side, drawn from their saved results ({@link
 * SavedRun}): key metrics in one table, a column per run, the best value of each metric marked
 * (lowest latency, cost, rejections...; highest throughput; metrics without a better direction,
 * such as utilization, are not marked); the response-time spectra of each service overlaid, one
 * line per run; allocated and used CPU (and GPU) over time overlaid. Public API: {@code capsim
 * report DIR DIR...} calls it, and so can any command that produces several runs (a sweep).
 */
public final class ComparisonReport {

    /** Which way a metric is better. */
    public enum Better {
        /** Lower is better (latency, cost, rejections). */
        LOWER,
        /** Higher is better (throughput). */
        HIGHER,
        /** Neither: shown, not marked. */
        NEITHER
    }

    /**
     * One row of the side-by-side table.
     *
     * @param label what it measures, with its unit
     * @param pointer its JSON pointer in {@code summary.json}
     * @param better which way is better
     */
    public record Metric(String label, String pointer, Better better) {}

    private ComparisonReport() {}

    /**
     * Writes {@code report.html} and its charts into an open output folder (not committed).
     *
     * @param runs the runs, each with a distinct label
     * @return the files written
     */
    public static List<Path> write(OutputFolder out, List<SavedRun> runs) throws IOException {
        List<Path> written = new ArrayList<>();
        List<RunCharts.Chart> charts = charts(runs);
        for (RunCharts.Chart c : charts) {
            written.add(out.write(c.file(), o -> o.write(c.png())));
        }
        byte[] html = render(runs, charts).getBytes(StandardCharsets.UTF_8);
        written.add(out.write("report.html", o -> o.write(html)));
        return written;
    }

    /** The metrics compared, for the services any run has, in order. */
    public static List<Metric> metrics(List<SavedRun> runs) {
        Set<String> services = new LinkedHashSet<>();
        for (SavedRun r : runs) {
            r.summary().path("services").fieldNames().forEachRemaining(services::add);
        }
        List<Metric> m = new ArrayList<>();
        for (String s : services) {
            String b = "/services/" + Page.token(s) + "/";
            m.add(new Metric(s + ": requests arrived", b + "requests/arrived", Better.NEITHER));
            m.add(new Metric(s + ": completed", b + "requests/completed", Better.HIGHER));
            m.add(new Metric(s + ": rejected", b + "requests/rejected", Better.LOWER));
            m.add(new Metric(s + ": failed", b + "requests/failed", Better.LOWER));
            m.add(new Metric(s + ": throughput /s", b + "throughputPerSecond", Better.HIGHER));
            for (String[] p : new String[][] {{"mean", "mean"}, {"p50", "p50"}, {"p99", "p99"}, {"p99.9", "p999"},
                {"max", "max"}}) {
                m.add(new Metric(s + ": response time " + p[0] + " ms", b + "latencyMs/" + p[1], Better.LOWER));
            }
            m.add(new Metric(s + ": ready replicas (mean)", b + "replicas/readyMean", Better.NEITHER));
            m.add(new Metric(s + ": slot utilization", b + "slotUtilization", Better.NEITHER));
        }
        for (String r : new String[] {"cpu", "memory", "gpu"}) {
            m.add(new Metric(r + " allocated (fraction)", "/cluster/" + r + "/allocated", Better.NEITHER));
            m.add(new Metric(r + " used (fraction)", "/cluster/" + r + "/used", Better.NEITHER));
        }
        m.add(new Metric("nodes", "/cluster/nodes", Better.LOWER));
        m.add(new Metric("node-hours", "/cluster/nodeHours", Better.LOWER));
        m.add(new Metric("cost", "/cluster/cost", Better.LOWER));
        m.add(new Metric("GPU fragmentation mean (GPUs)", "/cluster/gpuFragmentation/mean", Better.LOWER));
        m.add(new Metric("pending pods (mean)", "/scheduler/pendingPods/mean", Better.LOWER));
        m.add(new Metric("pod creation to bind p99 ms", "/scheduler/creationToBindMs/p99", Better.LOWER));
        m.add(new Metric("preemptions", "/scheduler/preemptions", Better.LOWER));
        return m;
    }

    /**
     * The indices of the runs holding the best value of a metric (all of them on a tie); none when
     * the metric has no better direction or no run has a value.
     */
    public static Set<Integer> best(List<SavedRun> runs, Metric m) {
        Set<Integer> out = new LinkedHashSet<>();
        if (m.better() == Better.NEITHER) {
            return out;
        }
        BigDecimal best = null;
        for (int i = 0; i < runs.size(); i++) {
            JsonNode n = runs.get(i).at(m.pointer());
            if (!n.isNumber()) {
                continue;
            }
            BigDecimal v = n.decimalValue();
            int c = best == null ? -1 : v.compareTo(best) * (m.better() == Better.LOWER ? 1 : -1);
            if (c < 0) {
                best = v;
                out.clear();
            }
            if (c <= 0) {
                out.add(i);
            }
        }
        // Marking is only worth it when the runs differ.
        return out.size() == countValues(runs, m) && out.size() > 1 ? Set.of() : out;
    }

    private static int countValues(List<SavedRun> runs, Metric m) {
        int n = 0;
        for (SavedRun r : runs) {
            n += r.at(m.pointer()).isNumber() ? 1 : 0;
        }
        return n;
    }

    /** The charts: spectra per service, then allocation and use over time. */
    public static List<RunCharts.Chart> charts(List<SavedRun> runs) throws IOException {
        List<RunCharts.Pending> out = new ArrayList<>();
        Set<String> services = new LinkedHashSet<>();
        for (SavedRun r : runs) {
            services.addAll(r.spectra().keySet());
        }
        int k = 0;
        for (String s : services) {
            Map<String, Spectrum> lines = new LinkedHashMap<>();
            for (SavedRun r : runs) {
                Spectrum sp = r.spectra().get(s);
                if (sp != null) {
                    lines.put(r.label(), sp);
                }
            }
            k++;
            out.add(new RunCharts.Pending("latency-percentiles-" + k + ".png", "Response time by percentile of service " + s
                    + ", one line per run", o -> PercentileChart.writePng(s + ": response time by percentile, per run",
                            lines, RunCharts.WIDTH, 500, o)));
        }
        List<TimelineChart.Panel> panels = new ArrayList<>();
        for (String r : new String[] {"cpu", "gpu"}) {
            List<TimelineChart.Line> lines = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                TimeTable t = runs.get(i).series();
                if (t == null || t.column("allocated-" + r) == null) {
                    continue;
                }
                lines.add(new TimelineChart.Line(runs.get(i).label() + " allocated", t.column("allocated-" + r), i, false,
                        t.seconds()));
                if (t.column("used-" + r) != null) {
                    lines.add(new TimelineChart.Line(runs.get(i).label() + " used", t.column("used-" + r), i, true,
                            t.seconds()));
                }
            }
            if (!lines.isEmpty()) {
                panels.add(new TimelineChart.Panel(r.toUpperCase(java.util.Locale.ROOT) + " share of capacity (%)", lines,
                        false, true));
            }
        }
        if (!panels.isEmpty()) {
            out.add(new RunCharts.Pending("utilization.png", "Allocated (solid) and used (dashed) share of capacity over time, one "
                    + "colour per run", o -> TimelineChart.writePng("Utilization, per run", new double[0], panels, 100,
                            RunCharts.WIDTH, 300 + 200 * panels.size(), o)));
        }
        return RunCharts.drawAll(out);
    }

    /** The page. */
    public static String render(List<SavedRun> runs, List<RunCharts.Chart> charts) {
        StringBuilder h = Page.start("capsim: comparison of " + runs.size() + " runs");
        h.append("<h2>Runs</h2>\n<table class=\"provenance\">\n<thead><tr><th>run</th><th>scenario</th><th>seed</th>"
                + "<th>capsim</th><th>git commit</th><th>command line</th></tr></thead>\n");
        for (SavedRun r : runs) {
            List<String> args = new ArrayList<>();
            r.runInfo().path("commandLine").forEach(a -> args.add(a.asText()));
            h.append("<tr><th scope=\"row\">").append(Html.escape(r.label())).append("</th><td class=\"text\">")
                    .append(Html.escape(r.summary().path("scenario").asText())).append("</td><td>")
                    .append(Html.escape(r.summary().path("seed").asText())).append("</td><td class=\"text\">")
                    .append(Html.escape(orUnknown(r.info("capsimVersion")))).append("</td><td class=\"text\">")
                    .append(Html.escape(orUnknown(r.info("gitCommit")))).append("</td><td class=\"text\">")
                    .append(args.isEmpty() ? "unknown" : Html.escape("capsim " + String.join(" ", args)))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Key metrics</h2>\n<p class=\"muted\">Figures copied from each run's summary.json; the "
                + "best value of a metric with a better direction is marked &#9733; (all runs on a tie are "
                + "not marked).</p>\n<table class=\"figures\">\n<thead><tr><th>metric</th>");
        for (SavedRun r : runs) {
            h.append("<th>").append(Html.escape(r.label())).append("</th>");
        }
        h.append("</tr></thead>\n");
        for (Metric m : metrics(runs)) {
            if (countValues(runs, m) == 0) {
                continue; // no run has it (GPU figures of CPU clusters, say)
            }
            Set<Integer> best = best(runs, m);
            h.append("<tr><th scope=\"row\">").append(Html.escape(m.label())).append("</th>");
            for (int i = 0; i < runs.size(); i++) {
                h.append("<td data-run=\"").append(i).append("\" data-json=\"").append(Html.escape(m.pointer()))
                        .append('"').append(best.contains(i) ? " class=\"best\" title=\"best\"" : "").append('>')
                        .append(Page.value(runs.get(i).at(m.pointer()))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (!charts.isEmpty()) {
            h.append("<h2>Charts</h2>\n");
            for (RunCharts.Chart c : charts) {
                Page.figure(h, c);
            }
        }
        return Page.end(h);
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
