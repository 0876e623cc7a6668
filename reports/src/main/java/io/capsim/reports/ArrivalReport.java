package io.capsim.reports;

import java.util.Objects;

/**
 * What one arrival stream delivered, for {@code summary.json}.
 *
 * @param name stream name
 * @param service target service
 * @param source "poisson", "trace azure-llm-2023"...
 * @param traceRows rows read from the trace (over all passes of a loop), or -1 for a process
 * @param skippedRows bad rows skipped under {@code onBadRow: skip}, or -1 for a process
 * @param filteredRows rows the format leaves out by its documented rule, or -1 for a process
 */
public record ArrivalReport(String name, String service, String source, long traceRows, long skippedRows,
        long filteredRows) {

    public ArrivalReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(source, "source");
    }
}
