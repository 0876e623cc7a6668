package io.capsim.workloads.trace;

import io.capsim.engine.workload.ArrivalCursor;

/**
 * An {@link ArrivalCursor} over a recorded trace file, read row by row like OpenDC's
 * {@code TableReader}: memory does not depend on the file's length. {@link #origin()} is
 * {@code file:line} of the current row.
 *
 * <p>{@link #advance()} throws {@link TraceFormatException} for a bad row under
 * {@link BadRowPolicy#STOP}, and for I/O failures under either policy.
 */
public interface TraceCursor extends ArrivalCursor {

    /** Rows delivered so far. */
    long rows();

    /** Bad rows skipped so far under {@link BadRowPolicy#SKIP} (for {@code summary.json}). */
    long skippedRows();

    /**
     * Well-formed rows left out by the format's documented rule so far (for example requests that
     * never ran); 0 for most formats.
     */
    default long filteredRows() {
        return 0;
    }

    /** The 1-based physical line number of the current row. */
    long line();

    /** The file name used in messages. */
    String file();

    /** True once {@link #close()} has run. */
    boolean isClosed();
}
