package io.capsim.reports;

import io.capsim.reports.model.RunReport;

import com.fasterxml.jackson.databind.JsonNode;

import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.results.TimeSeries;
import io.capsim.reports.chart.TimelineChart;
import io.capsim.reports.chart.PercentileChart;
import io.capsim.reports.html.HtmlReport;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.json.DeterministicJson;
import io.capsim.reports.json.SummaryJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes every output of a run into a folder, replaced whole or not at all (see {@link OutputFolder}):
 * {@code summary.json}, {@code run-info.json} (wall-clock figures, kept out of the summary so the
 * summary stays byte-identical), one {@code <service>.hgrm} per service, the charts
 * ({@code latency-percentiles.png} and {@code ready-replicas.png} with services, {@code
 * allocation.png}, {@code pending-pods.png}, {@code gpu-fragmentation.png} with GPUs and an expected
 * pod mix) and {@code report.html}.
 */
public final class ReportWriter {

    /** Name of the latency percentile chart. */
    public static final String PERCENTILE_CHART = "latency-percentiles.png";
    /** Name of the ready-replicas chart. */
    public static final String READY_CHART = "ready-replicas.png";
    /** Name of the allocation timeline. */
    public static final String ALLOCATION_CHART = "allocation.png";
    /** Name of the pending-pods chart. */
    public static final String PENDING_CHART = "pending-pods.png";
    /** Name of the GPU fragmentation chart. */
    public static final String FRAGMENTATION_CHART = "gpu-fragmentation.png";

    private ReportWriter() {}

    /**
     * Writes the outputs into {@code dir}, opened with {@link OutputFolder.Options#defaults()}.
     *
     * @param runInfo non-deterministic facts about the run (wall time, versions), written as JSON
     * @return the files written, in order
     */
    public static List<Path> write(Path dir, RunReport report, Map<String, Object> runInfo) throws IOException {
        try (OutputFolder out = OutputFolder.open(dir)) {
            return write(out, report, runInfo);
        }
    }

    /**
     * Writes the outputs into an open output folder and commits it (the caller closes it).
     *
     * @param runInfo non-deterministic facts about the run (wall time, versions), written as JSON
     * @return the files written, in order
     */
    public static List<Path> write(OutputFolder out, RunReport report, Map<String, Object> runInfo) throws IOException {
        return write(out, report, SummaryJson.toTree(report), Map.of(), runInfo);
    }

    /**
     * Writes the outputs with a given summary tree (such as replications' combined summary) and
     * more JSON files (such as each replication's summary), and commits the folder.
     *
     * @param summary what summary.json holds
     * @param moreJson file name to content, written after summary.json in map order
     * @param runInfo non-deterministic facts about the run (wall time, versions), written as JSON
     * @return the files written, in order
     */
    public static List<Path> write(OutputFolder out, RunReport report, JsonNode summary,
            Map<String, ? extends JsonNode> moreJson, Map<String, Object> runInfo) throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(out.write("summary.json", o -> DeterministicJson.write(summary, o)));
        for (Map.Entry<String, ? extends JsonNode> e : moreJson.entrySet()) {
            written.add(out.write(e.getKey(), o -> DeterministicJson.write(e.getValue(), o)));
        }
        written.add(out.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(runInfo, o)));
        for (ServiceResult s : report.result().services()) {
            written.add(out.write(s.name() + ".hgrm", o -> {
                PrintStream ps = new PrintStream(o, false, StandardCharsets.UTF_8);
                // Values are recorded in microseconds; the file is in milliseconds.
                s.responseMicros().outputPercentileDistribution(ps, 5, 1000.0);
                ps.flush();
            }));
        }
        Map<String, String> charts = new LinkedHashMap<>();
        RunResult r = report.result();
        if (!r.services().isEmpty()) {
            written.add(out.write(PERCENTILE_CHART, o -> PercentileChart.writePng(
                    report.scenario() + ": response time by percentile", r.services(), 900, 500, o)));
            charts.put(PERCENTILE_CHART, "Response time by percentile");
            List<TimeSeries> ready = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (ServiceResult s : r.services()) {
                TimeSeries t = r.series("ready-replicas/" + s.name());
                if (t != null) {
                    ready.add(t);
                    names.add(s.name());
                }
            }
            if (!ready.isEmpty()) {
                written.add(out.write(READY_CHART, o -> TimelineChart.writePng(report.scenario()
                        + ": ready replicas", ready, names, "Ready replicas", 1, 900, 450, o)));
                charts.put(READY_CHART, "Ready replicas over time");
            }
        }
        List<TimeSeries> alloc = new ArrayList<>();
        List<String> allocNames = new ArrayList<>();
        for (String k : List.of("cpu", "memory", "gpu")) {
            TimeSeries t = r.series("allocated-" + k);
            if (t != null) {
                alloc.add(t);
                allocNames.add(k);
            }
        }
        written.add(out.write(ALLOCATION_CHART, o -> TimelineChart.writePng(report.scenario()
                + ": allocated (requested) share of capacity", alloc, allocNames, "Allocated (% of capacity)", 100,
                900, 450, o)));
        charts.put(ALLOCATION_CHART, "Allocation over time");
        TimeSeries pending = r.series("pending-pods");
        if (pending != null) {
            written.add(out.write(PENDING_CHART, o -> TimelineChart.writePng(report.scenario() + ": pending pods",
                    List.of(pending), List.of("pending"), "Pending pods", 1, 900, 450, o)));
            charts.put(PENDING_CHART, "Pending pods over time");
        }
        TimeSeries frag = r.series("gpu-fragmentation");
        if (frag != null) {
            written.add(out.write(FRAGMENTATION_CHART, o -> TimelineChart.writePng(report.scenario()
                    + ": GPU fragmentation", List.of(frag), List.of("fragmented"), "Fragmented GPUs", 1, 900, 450, o)));
            charts.put(FRAGMENTATION_CHART, "GPU fragmentation over time");
        }
        written.add(out.write("report.html", o -> o.write(HtmlReport.render(report, charts)
                .getBytes(StandardCharsets.UTF_8))));
        out.commit();
        return written;
    }
}
