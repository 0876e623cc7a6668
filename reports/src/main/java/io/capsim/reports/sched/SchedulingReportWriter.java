package io.capsim.reports.sched;

import io.capsim.reports.io.OutputFolder;
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
 * summary), {@code unallocated-gpus.png}, {@code fragmented-gpus.png} and {@code report.html}.
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

    /**
     * Writes the outputs into an open output folder and commits it (the caller closes it).
     *
     * @param runInfo non-deterministic facts about the run (wall time, versions), written as JSON
     * @return the files written, in order
     */
    public static List<Path> write(OutputFolder out, SchedulingReport report, Map<String, Object> runInfo)
            throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(out.write("summary.json", o -> SchedulingSummaryJson.write(report, o)));
        written.add(out.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(runInfo, o)));
        written.add(out.write(UNALLOCATED_CHART, o -> InflationChart.writePng(report.scenario() + ": unallocated GPUs",
                report, InflationChart.Measure.UNALLOCATED_GPUS, 900, 500, o)));
        written.add(out.write(FRAGMENTATION_CHART, o -> InflationChart.writePng(report.scenario() + ": GPU fragmentation",
                report, InflationChart.Measure.FRAGMENTED_GPUS, 900, 500, o)));
        written.add(out.write("report.html", o -> o.write(SchedulingHtmlReport.render(report, UNALLOCATED_CHART,
                FRAGMENTATION_CHART).getBytes(StandardCharsets.UTF_8))));
        out.commit();
        return written;
    }
}
