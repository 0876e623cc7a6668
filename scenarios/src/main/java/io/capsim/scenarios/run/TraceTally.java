package io.capsim.scenarios.run;

import io.capsim.workloads.trace.TraceCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trace cursors of one arrival stream read, over every pass of a loop: the cursors still
 * open are kept, the counts of closed ones folded into totals, so a long loop keeps memory bounded.
 */
public final class TraceTally {

    private final List<TraceCursor> open = new ArrayList<>();
    private long rows;
    private long skipped;
    private long filtered;

    /** A pass opened a cursor. */
    void add(TraceCursor c) {
        for (int k = open.size() - 1; k >= 0; k--) {
            TraceCursor o = open.get(k);
            if (o.isClosed()) {
                fold(o);
                open.remove(k);
            }
        }
        open.add(c);
    }

    private void fold(TraceCursor c) {
        rows += c.rows();
        skipped += c.skippedRows();
        filtered += c.filteredRows();
    }

    /** Cursors kept (those still open, plus the latest). */
    public int kept() {
        return open.size();
    }

    /** Rows delivered, over all passes. */
    public long rows() {
        long r = rows;
        for (TraceCursor c : open) {
            r += c.rows();
        }
        return r;
    }

    /** Bad rows skipped, over all passes. */
    public long skippedRows() {
        long r = skipped;
        for (TraceCursor c : open) {
            r += c.skippedRows();
        }
        return r;
    }

    /** Rows left out by the format's rule, over all passes. */
    public long filteredRows() {
        long r = filtered;
        for (TraceCursor c : open) {
            r += c.filteredRows();
        }
        return r;
    }
}
