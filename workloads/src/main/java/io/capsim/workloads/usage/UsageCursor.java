package io.capsim.workloads.usage;

/**
 * A usage trace read row by row: one pod (or VM) at one time with what it used and, when the trace
 * records it, what it was given. Memory does not depend on the file's length. Rows come in the
 * file's order; each pod's rows come in time order.
 */
public interface UsageCursor extends AutoCloseable {

    /**
     * Moves to the next row.
     *
     * @return false at the end
     * @throws UsageRowException for a bad row when bad rows stop the read, and for I/O failures
     */
    boolean advance();

    /** The pod (or VM) of the current row. */
    String pod();

    /** The time of the current row, seconds in the trace's own time scale. */
    double timeSeconds();

    /** The value of {@code f} in the current row, in {@link UsageField#unit()}; NaN if absent. */
    double value(UsageField f);

    /** Rows delivered so far. */
    long rows();

    /** Bad rows skipped so far (when bad rows are skipped). */
    long skippedRows();

    /** Well-formed rows left out by the format's documented rule so far. */
    long filteredRows();

    @Override
    void close();
}
