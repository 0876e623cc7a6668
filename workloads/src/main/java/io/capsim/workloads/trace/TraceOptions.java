package io.capsim.workloads.trace;

import io.capsim.workloads.trace.csv.CsvLayout;
import java.util.Objects;

/**
 * How to open a trace.
 *
 * @param onBadRow what to do with a bad row; not null
 * @param csv the column layout for the generic {@code csv} format; null for the other formats,
 *     which have fixed layouts
 */
public record TraceOptions(BadRowPolicy onBadRow, CsvLayout csv) {

    public TraceOptions {
        Objects.requireNonNull(onBadRow, "onBadRow");
    }

    /** Stop at the first bad row, no CSV layout. */
    public static TraceOptions defaults() {
        return new TraceOptions(BadRowPolicy.STOP, null);
    }

    /** The given policy, no CSV layout. */
    public static TraceOptions of(BadRowPolicy onBadRow) {
        return new TraceOptions(onBadRow, null);
    }

    /** A generic CSV layout, stopping at the first bad row. */
    public static TraceOptions csv(CsvLayout layout) {
        return new TraceOptions(BadRowPolicy.STOP, Objects.requireNonNull(layout, "layout"));
    }

    /** A copy with another policy. */
    public TraceOptions withOnBadRow(BadRowPolicy policy) {
        return new TraceOptions(policy, csv);
    }
}
