package io.capsim.scenarios.cli;

import io.capsim.reports.csv.SweepTable;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a sweep's comparison report is to be generated, once {@code sweep.csv} is written (by
 * {@code capsim sweep} and by {@code capsim merge}): the comparison report of issue 12 plugs in
 * here. Until then nothing more is written; the call site and its inputs are fixed.
 */
final class ComparisonReportHook {

    private ComparisonReportHook() {}

    /**
     * Called after the sweep folder's table is committed.
     *
     * @param sweepDir the sweep folder (each point's result folder is in it, by the row's point name)
     * @param parameters the swept paths, in column order
     * @param rows the points, in table order, with their summaries
     */
    static void afterSweep(Path sweepDir, List<String> parameters, List<SweepTable.Row> rows) {
        // Issue 12's comparison report (capsim report) is wired in here at merge.
    }
}
