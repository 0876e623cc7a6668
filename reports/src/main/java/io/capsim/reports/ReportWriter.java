package io.capsim.reports;

import io.capsim.engine.results.ServiceResult;
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
import java.util.List;
import java.util.Map;

/**
 * Writes every output of a run into a folder, all or nothing (see {@link OutputFolder}):
 * {@code summary.json}, {@code run-info.json} (wall-clock figures, kept out of the summary so the
 * summary stays byte-identical), one {@code <service>.hgrm} per service,
 * {@code latency-percentiles.png} and {@code report.html}.
 */
public final class ReportWriter {

    /** Name of the latency percentile chart. */
    public static final String PERCENTILE_CHART = "latency-percentiles.png";

    private ReportWriter() {}

    /**
     * Writes the outputs.
     *
     * @param runInfo non-deterministic facts about the run (wall time, versions), written as JSON
     * @return the files written, in order
     */
    public static List<Path> write(Path dir, RunReport report, Map<String, Object> runInfo) throws IOException {
        List<Path> written = new ArrayList<>();
        try (OutputFolder out = new OutputFolder(dir)) {
            written.add(out.write("summary.json", o -> SummaryJson.write(report, o)));
            written.add(out.write("run-info.json", o -> DeterministicJson.write(runInfo, o)));
            for (ServiceResult s : report.result().services()) {
                written.add(out.write(s.name() + ".hgrm", o -> {
                    PrintStream ps = new PrintStream(o, false, StandardCharsets.UTF_8);
                    // Values are recorded in microseconds; the file is in milliseconds.
                    s.responseMicros().outputPercentileDistribution(ps, 5, 1000.0);
                    ps.flush();
                }));
            }
            written.add(out.write(PERCENTILE_CHART, o -> PercentileChart.writePng(
                    report.scenario() + ": response time by percentile", report.result().services(), 900, 500, o)));
            written.add(out.write("report.html", o -> o.write(HtmlReport.render(report, PERCENTILE_CHART)
                    .getBytes(StandardCharsets.UTF_8))));
            out.commit();
        }
        return written;
    }
}
