package io.capsim.workloads.trace;

import io.capsim.workloads.ArrivalField;
import java.util.Objects;
import java.util.Set;

/**
 * How to open a trace.
 *
 * @param onBadRow what to do with a bad row; not null
 * @param args the format's own arguments (the column layout of the generic {@code csv} format);
 *     null for the formats with a fixed layout
 * @param limits bounds on the file (size, lines, times); not null
 * @param required fields every row must carry (a row without one is a bad row): a job with no
 *     runtime of its own needs each row's {@link ArrivalField#DURATION}; not null
 */
public record TraceOptions(BadRowPolicy onBadRow, TraceFormatArgs args, TraceLimits limits,
        Set<ArrivalField> required) {

    public TraceOptions {
        Objects.requireNonNull(onBadRow, "onBadRow");
        Objects.requireNonNull(limits, "limits");
        required = Set.copyOf(required);
    }

    /** The given policy, format arguments and limits, no required field. */
    public TraceOptions(BadRowPolicy onBadRow, TraceFormatArgs args, TraceLimits limits) {
        this(onBadRow, args, limits, Set.of());
    }

    /** The given policy and format arguments, with the default {@link TraceLimits}. */
    public TraceOptions(BadRowPolicy onBadRow, TraceFormatArgs args) {
        this(onBadRow, args, TraceLimits.DEFAULTS);
    }

    /** Stop at the first bad row, no format arguments. */
    public static TraceOptions defaults() {
        return new TraceOptions(BadRowPolicy.STOP, null);
    }

    /** The given policy, no format arguments. */
    public static TraceOptions of(BadRowPolicy onBadRow) {
        return new TraceOptions(onBadRow, null);
    }

    /** The given format arguments, stopping at the first bad row. */
    public static TraceOptions of(TraceFormatArgs args) {
        return new TraceOptions(BadRowPolicy.STOP, Objects.requireNonNull(args, "args"));
    }

    /** A copy with another policy. */
    public TraceOptions withOnBadRow(BadRowPolicy policy) {
        return new TraceOptions(policy, args, limits, required);
    }

    /** A copy with other limits. */
    public TraceOptions withLimits(TraceLimits newLimits) {
        return new TraceOptions(onBadRow, args, newLimits, required);
    }

    /** A copy requiring these fields in every row. */
    public TraceOptions withRequired(Set<ArrivalField> fields) {
        return new TraceOptions(onBadRow, args, limits, fields);
    }
}
