package io.capsim.reports.sched;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.reports.chart.RunCharts;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.saved.SavedRun;
import io.capsim.reports.json.DeterministicJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes every output of a scheduling experiment into a folder, replaced whole or not at all (see
 * {@link OutputFolder}): {@code summary.json}, {@code run-info.json} (wall-clock figures, kept out of the
 * summary), {@code scenario.yaml} (when given), {@code unallocated-gpus.png}, {@code fragmented-gpus.png}
 * and {@code report.html}, which embeds them.
 */
public final class SchedulingReportWriter {

    /** Name of the unallocated-GPU chart. */
    public static final String UNALLOCATED_CHART = "unallocated-gpus.png";
    /** Name of the fragmentation chart. */
    public static final String FRAGMENTATION_CHART = "fragmented-gpus.png";

    private SchedulingReportWriter() {}

    /**
     * Writes the outputs into {@code dir}, opened with {@link OutputFolder.Options#defaults()}.
     *
     * @param runInfo non-deterministic facts about the run (wall time, versions), written as JSON
     * @return the files written, in order
     */
    public static List<Path> write(Path dir, SchedulingReport report, Map<String, Object> runInfo) throws IOException {
        try (OutputFolder out = OutputFolder.open(dir)) {
            return write(out, report, runInfo);
        }
    }

    /** As {@link #write(OutputFolder, SchedulingReport, Map, String)} without the scenario echo. */
    public static List<Path> write(OutputFolder out, SchedulingReport report, Map<String, Object> runInfo)
            throws IOException {
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
    public static List<Path> write(OutputFolder out, SchedulingReport report, Map<String, Object> runInfo,
            String scenarioText) throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(out.write("summary.json", o -> SchedulingSummaryJson.write(report, o)));
        written.add(out.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(runInfo, o)));
        List<String> files = new ArrayList<>(List.of("summary.json", OutputFolder.RUN_INFO));
        if (scenarioText != null) {
            written.add(out.write(SavedRun.SCENARIO, o -> o.write(scenarioText.getBytes(StandardCharsets.UTF_8))));
            files.add(SavedRun.SCENARIO);
        }
        RunCharts.Chart unallocated = RunCharts.chart(UNALLOCATED_CHART, "Unallocated GPUs against arrived workload",
                o -> InflationChart.writePng(report.scenario() + ": unallocated GPUs", report,
                        InflationChart.Measure.UNALLOCATED_GPUS, 900, 500, o));
        RunCharts.Chart fragmented = RunCharts.chart(FRAGMENTATION_CHART, "Fragmented GPUs against arrived workload",
                o -> InflationChart.writePng(report.scenario() + ": GPU fragmentation", report,
                        InflationChart.Measure.FRAGMENTED_GPUS, 900, 500, o));
        for (RunCharts.Chart c : List.of(unallocated, fragmented)) {
            written.add(out.write(c.file(), o -> o.write(c.png())));
        }
        JsonNode info = new ObjectMapper().valueToTree(runInfo);
        byte[] html = SchedulingHtmlReport.render(report, unallocated, fragmented, info, scenarioText, files)
                .getBytes(StandardCharsets.UTF_8);
        written.add(out.write("report.html", o -> o.write(html)));
        out.commit();
        return written;
    }
}
