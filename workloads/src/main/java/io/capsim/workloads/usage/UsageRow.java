package io.capsim.workloads.usage;

import java.util.Arrays;

/**
 * The current row and the counts every {@link UsageCursor} keeps: a format's cursor extends it,
 * sets {@link #pod}, {@link #timeSeconds} and {@link #values} when it moves to a row, and counts
 * the rows it delivered, skipped and left out.
 */
abstract class UsageRow implements UsageCursor {

    /** The pod (or VM) of the current row. */
    protected String pod;
    /** The current row's time, seconds. */
    protected double timeSeconds;
    /** The current row's values by {@link UsageField#ordinal()}; NaN where absent. */
    protected final double[] values = new double[UsageField.values().length];
    /** Rows delivered, bad rows skipped, rows left out by a rule. */
    protected long rows;
    protected long skipped;
    protected long filtered;

    protected UsageRow() {
        Arrays.fill(values, Double.NaN);
    }

    @Override
    public final String pod() {
        return pod;
    }

    @Override
    public final double timeSeconds() {
        return timeSeconds;
    }

    @Override
    public final double value(UsageField f) {
        return values[f.ordinal()];
    }

    @Override
    public final long rows() {
        return rows;
    }

    @Override
    public final long skippedRows() {
        return skipped;
    }

    @Override
    public final long filteredRows() {
        return filtered;
    }
}
