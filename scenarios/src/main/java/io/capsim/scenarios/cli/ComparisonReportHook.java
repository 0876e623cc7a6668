package io.capsim.scenarios.cli;

import io.capsim.reports.compare.ComparisonReport;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.json.DeterministicJson;
import java.util.LinkedHashMap;
import java.util.Map;
import io.capsim.reports.saved.SavedRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.capsim.reports.csv.SweepTable;
import java.nio.file.Path;
import java.util.List;

/**
 * A sweep's comparison report: once {@code sweep.csv} is written (by {@code capsim sweep} and by
 * {@code capsim merge}), the points' results side by side ({@link ComparisonReport}, as {@code
 * capsim report DIR...} draws them) in the folder {@value #FOLDER} of the sweep folder, replaced
 * whole. At most {@value #MAX_POINTS} points, the first in table order; sweep.csv has them all.
 */
final class ComparisonReportHook {

    /** The comparison's folder inside the sweep folder. */
    static final String FOLDER = "comparison";
    /** Most points in one comparison page. */
    static final int MAX_POINTS = 30;

    private ComparisonReportHook() {}

    /**
     * Called after the sweep folder's table is committed.
     *
     * @param sweepDir the sweep folder (each point's result folder is in it, by the row's point name)
     * @param parameters the swept paths, in column order
     * @param rows the points, in table order, with their summaries
     */
    static void afterSweep(Path sweepDir, List<String> parameters, List<SweepTable.Row> rows) throws IOException {
        afterSweep(sweepDir, parameters, rows, Map.of());
    }

    /**
     * As {@link #afterSweep(Path, List, List)}, with some points already read back (by the thread
     * that ran them, while other points still ran), by point name.
     */
    static void afterSweep(Path sweepDir, List<String> parameters, List<SweepTable.Row> rows,
            Map<String, SavedRun> alreadyRead) throws IOException {
        if (rows.size() < 2) {
            return; // nothing to compare
        }
        List<SavedRun> runs;
        try { // read in parallel, kept in table order
            runs = rows.subList(0, Math.min(rows.size(), MAX_POINTS)).parallelStream().map(r -> {
                try {
                    SavedRun read = alreadyRead.get(r.point());
                    return read != null ? read : SavedRun.read(sweepDir.resolve(r.point()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try (OutputFolder out = OutputFolder.open(sweepDir.resolve(FOLDER))) {
            ComparisonReport.write(out, runs);
            // What it compares; it also marks the folder as capsim's, so a resumed sweep may replace it.
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("capsimVersion", VersionProvider.version());
            info.put("comparisonOf", runs.stream().map(SavedRun::label).toList());
            info.put("pointsInSweep", rows.size());
            out.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(info, o));
            out.commit();
        }
    }
}
