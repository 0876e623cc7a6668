package io.capsim.reports;

import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.chart.RunCharts;
import io.capsim.reports.csv.TimeSeriesCsv;
import io.capsim.reports.html.HtmlReport;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.json.DeterministicJson;
import io.capsim.reports.json.SummaryJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.capsim.reports.model.RunReport;
import io.capsim.reports.saved.SavedRun;
import io.capsim.reports.model.TimeTable;
import java.io.ByteArrayOutputStream;
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
 * {@code summary.json}, {@code timeseries.csv}, {@code run-info.json} (wall-clock figures, kept out of
 * the summary so the summary stays byte-identical), one {@code <service>.hgrm} per service, {@code
 * scenario.yaml} (the scenario as run, when given), the charts ({@link RunCharts}) and {@code
 * report.html}, which embeds them. The report is drawn from the bytes written, exactly as {@code
 * capsim report} draws it from the folder later ({@link #render}).
 */
public final class ReportWriter {

    private ReportWriter() {}

    /**
     * Writes the outputs into {@code dir}, opened with {@link OutputFolder.Options#defaults()}.
     *
     * @param runInfo non-deterministic facts about the run (wall time, versions), written as JSON
     * @return the files written, in order
     */
    public static List<Path> write(Path dir, RunReport report, Map<String, Object> runInfo) throws IOException {
        try (OutputFolder out = OutputFolder.open(dir)) {
            return write(out, report, runInfo, null);
        }
    }

    /** As {@link #write(OutputFolder, RunReport, Map, String)} without the scenario echo. */
    public static List<Path> write(OutputFolder out, RunReport report, Map<String, Object> runInfo) throws IOException {
        return write(out, report, runInfo, null);
    }

    /**
     * Writes the outputs into an open output folder and commits it (the caller closes it).
     *
     * @param runInfo non-deterministic facts about the run (wall time, versions), written as JSON
     * @param scenarioText the scenario file as run, echoed in the report and saved as {@code
     *     scenario.yaml}; null for none
     * @return the files written, in order
     */
    public static List<Path> write(OutputFolder out, RunReport report, Map<String, Object> runInfo, String scenarioText)
            throws IOException {
        return write(out, report, SummaryJson.toTree(report), Map.of(), runInfo, scenarioText);
    }

    /**
     * Writes the outputs with a given summary tree (such as replications' pooled summary) and more
     * JSON files (such as each replication's summary) and commits the folder.
     *
     * @param summary what summary.json holds
     * @param moreJson file name to content, written after summary.json in map order
     * @param runInfo non-deterministic facts about the run (wall time, versions), written as JSON
     * @param scenarioText the scenario file as run, or null
     * @return the files written, in order
     */
    public static List<Path> write(OutputFolder out, RunReport report, JsonNode summary,
            Map<String, ? extends JsonNode> moreJson, Map<String, Object> runInfo, String scenarioText)
            throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(SavedRun.SUMMARY, bytes(o -> DeterministicJson.write(summary, o)));
        for (Map.Entry<String, ? extends JsonNode> e : moreJson.entrySet()) {
            files.put(e.getKey(), bytes(o -> DeterministicJson.write(e.getValue(), o)));
        }
        TimeTable table = TimeTable.of(report.result().timeSeries());
        files.put(SavedRun.TIMESERIES, bytes(o -> TimeSeriesCsv.write(table, o)));
        for (ServiceResult s : report.result().services()) {
            files.put(s.name() + ".hgrm", bytes(o -> {
                PrintStream ps = new PrintStream(o, false, StandardCharsets.UTF_8);
                // Values are recorded in microseconds; the file is in milliseconds.
                s.responseMicros().outputPercentileDistribution(ps, 5, 1000.0);
                ps.flush();
            }));
        }
        files.put(SavedRun.RUN_INFO, bytes(o -> DeterministicJson.write(runInfo, o)));
        if (scenarioText != null) {
            files.put(SavedRun.SCENARIO, scenarioText.getBytes(StandardCharsets.UTF_8));
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            written.add(out.write(f.getKey(), o -> o.write(f.getValue())));
        }
        written.addAll(render(out, SavedRun.of(label(out.dir()), files)));
        out.commit();
        return written;
    }

    /**
     * Draws a run's charts and {@code report.html} from its saved results into an open output folder
     * (not committed).
     *
     * @return the files written
     */
    public static List<Path> render(OutputFolder out, SavedRun run) throws IOException {
        List<Path> written = new ArrayList<>();
        List<RunCharts.Chart> charts = RunCharts.of(run);
        for (RunCharts.Chart c : charts) {
            written.add(out.write(c.file(), o -> o.write(c.png())));
        }
        byte[] html = HtmlReport.render(run, charts).getBytes(StandardCharsets.UTF_8);
        written.add(out.write("report.html", o -> o.write(html)));
        return written;
    }

    private static String label(Path dir) {
        return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    }

    /** Writes content into bytes. */
    static byte[] bytes(OutputFolder.Content c) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(8192);
        c.writeTo(b);
        return b.toByteArray();
    }
}
