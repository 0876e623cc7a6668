package io.capsim.reports.sched;

import io.capsim.engine.results.InflationResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.capsim.reports.chart.RunCharts;
import io.capsim.reports.html.Html;
import io.capsim.reports.html.Page;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * {@code report.html} of a scheduling experiment: the setting, a table per arrival point of
 * unallocated and fragmented GPUs per policy (mean and range over seeds), the two charts embedded,
 * provenance, the scenario as run and links to the raw files; one self-contained file (see {@link
 * Page}). All text from the scenario is escaped.
 */
public final class SchedulingHtmlReport {

    private SchedulingHtmlReport() {}

    /**
     * Renders the page.
     *
     * @param unallocatedChart the unallocated-GPU chart, embedded
     * @param fragmentationChart the fragmentation chart, embedded
     * @param runInfo {@code run-info.json}, for the provenance
     * @param scenarioText the scenario file as run, or null
     * @param files names of the raw files beside the page, for links
     */
    public static String render(SchedulingReport report, RunCharts.Chart unallocatedChart,
            RunCharts.Chart fragmentationChart, JsonNode runInfo, String scenarioText, List<String> files) {
        StringBuilder h = Page.start("capsim: " + report.scenario());
        h.append("<p>Workload-inflation experiment (Weng et al., USENIX ATC'23): pods drawn from a list of ")
                .append(report.pods()).append(" pods arrive into an empty cluster of ").append(report.nodes())
                .append(" nodes with ").append(fmt(report.gpuCapacity(), 0)).append(" GPUs until their GPU requests reach ")
                .append(fmt(100 * report.targetShare(), 0)).append("% of capacity. Seeds: ")
                .append(seeds(report.seeds())).append("; tie-break: ").append(Html.escape(report.tieBreak()))
                .append("; sampling: ").append(Html.escape(report.sampling()))
                .append(". Cells give the mean over seeds &plusmn; the half-width of its 95% confidence interval ")
                .append("(Student&rsquo;s t; none with one seed), then min&ndash;max.</p>\n");

        h.append("<h2>Unallocated GPUs</h2>\n<p>When the arrived GPU requests first reach each share.</p>\n");
        table(h, report, r -> a -> r.unallocatedGpusAt(a), 1, 0);
        Page.figure(h, unallocatedChart);
        h.append("<h2>Fragmented GPUs (FGD measure)</h2>\n");
        table(h, report, r -> a -> r.fragmentedGpusAt(a), 1, 0);
        Page.figure(h, fragmentationChart);
        h.append("<h2>As the FGD paper measures them</h2>\n<p>Mean over the arrivals whose arrived share rounds ")
                .append("to the same whole percent (the paper&rsquo;s artifact, Fig. 9a and Fig. 7b). ")
                .append("Unallocated GPU, % of capacity:</p>\n");
        table(h, report, r -> a -> PaperMeasures.unallocatedPercent(r, a), 2, 2);
        h.append("<p>Fragmentation ratio: fragmented GPU, % of the unallocated GPU:</p>\n");
        table(h, report, r -> a -> PaperMeasures.fragmentationRatio(r, a), 2, 2);

        h.append("<h2>Pods</h2>\n<table>\n<tr><th>policy</th><th>source</th><th>arrivals</th><th>bound</th>")
                .append("<th>failed</th></tr>\n");
        for (SchedulingReport.PolicyRuns p : report.policies()) {
            h.append("<tr><td>").append(Html.escape(p.name())).append("</td><td>").append(Html.escape(p.source()))
                    .append("</td><td>").append(cell(SchedulingReport.stat(p, r -> r.arrivals())))
                    .append("</td><td>").append(cell(SchedulingReport.stat(p,
                            r -> r.arrivals() - r.failedPods()[r.arrivals() - 1])))
                    .append("</td><td>").append(cell(SchedulingReport.stat(p, r -> r.failedPods()[r.arrivals() - 1])))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        Page.provenance(h, runInfo, seeds(report.seeds()));
        Page.echo(h, scenarioText);
        Page.files(h, files);
        return Page.end(h);
    }

    private static void table(StringBuilder h, SchedulingReport report,
            Function<InflationResult, DoubleUnaryOperator> figure, int meanDecimals, int rangeDecimals) {
        h.append("<table>\n<tr><th>policy</th>");
        for (double a : report.arrivalPoints()) {
            h.append("<th>@").append(fmt(100 * a, 0)).append("%</th>");
        }
        h.append("</tr>\n");
        for (SchedulingReport.PolicyRuns p : report.policies()) {
            h.append("<tr><td>").append(Html.escape(p.name())).append("</td>");
            for (double a : report.arrivalPoints()) {
                SchedulingReport.Stat s = SchedulingReport.stat(p, r -> figure.apply(r).applyAsDouble(a));
                h.append("<td>").append(cell(s, meanDecimals, rangeDecimals)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String cell(SchedulingReport.Stat s) {
        return cell(s, 1, 0);
    }

    private static String cell(SchedulingReport.Stat s, int meanDecimals, int rangeDecimals) {
        String ci = Double.isNaN(s.ci95HalfWidth()) ? "" : " &plusmn; " + fmt(s.ci95HalfWidth(), meanDecimals);
        return fmt(s.mean(), meanDecimals) + ci + " (" + fmt(s.min(), rangeDecimals) + "&ndash;"
                + fmt(s.max(), rangeDecimals) + ")";
    }

    private static String seeds(long[] seeds) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < seeds.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(seeds[k]);
        }
        return sb.toString();
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
