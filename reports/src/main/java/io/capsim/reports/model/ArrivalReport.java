package io.capsim.reports.model;

import java.util.Objects;

/**
 * What one arrival stream delivered, for {@code summary.json}.
 *
 * @param name stream name
 * @param kind what it feeds: {@code service} (requests) or {@code job} (job instances)
 * @param target the service or job it feeds
 * @param source "poisson", "trace azure-llm-2023"...
 * @param traceRows rows read from the trace (over all passes of a loop), or -1 for a process
 * @param skippedRows bad rows skipped under {@code onBadRow: skip}, or -1 for a process
 * @param filteredRows rows the format leaves out by its documented rule, or -1 for a process
 */
public record ArrivalReport(String name, String kind, String target, String source, long traceRows, long skippedRows,
        long filteredRows) {

    public ArrivalReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
    }
}
