package io.capsim.workloads.usage;

import io.capsim.workloads.trace.TraceLimits;
import io.capsim.workloads.trace.text.Ascii;
import io.capsim.workloads.trace.text.BadValue;
import io.capsim.workloads.trace.text.Fields;
import io.capsim.workloads.trace.text.LineReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated usage file with a header row, read line by line: columns are found by header
 * name, each value is parsed where it stands, and a bad one is reported with its column.
 */
final class UsageCsv implements AutoCloseable {

    /** A bad field or line: its 1-based column (0 for the whole line) and why. */
    static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int column;

        Bad(int column, String reason) {
            super(reason, null, false, false);
            this.column = column;
        }
    }

    private final LineReader in;
    private final Fields fields;
    private final String file;
    private final List<String> header = new ArrayList<>();

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws UsageRowException if it cannot be opened or the header lacks a {@code required} column
     */
    UsageCsv(Path file, TraceLimits limits, List<String> required) {
        this.file = file.toString();
        try {
            in = LineReader.open(file, limits);
        } catch (io.capsim.workloads.trace.TraceFormatException e) {
            throw new UsageRowException(e.file(), e.line(), 0, e.reason());
        }
        fields = new Fields(',', 64);
        if (!in.next()) {
            in.close();
            throw new UsageRowException(this.file, 1, 0, "empty file; expected a header with " + String.join(",", required));
        }
        int n;
        try {
            n = fields.split(in.buffer(), in.start(), in.end());
        } catch (BadValue e) {
            long line = in.line();
            in.close();
            throw new UsageRowException(this.file, line, 0, "header: " + e.getMessage());
        }
        for (int i = 0; i < n; i++) {
            header.add(Ascii.text(in.buffer(), fields.start(i), fields.end(i)).trim());
        }
        for (String r : required) {
            if (!header.contains(r)) {
                in.close();
                throw new UsageRowException(this.file, in.line(), 0, "the header has no column \"" + r + "\" (found "
                        + String.join(",", header) + "; expected " + String.join(",", required) + ")");
            }
        }
    }

    /**
     * Largest time a usage row may give, seconds: the clock's range (SimTime counts nanoseconds in a
     * long, 9.2e9 s), so a time the clock cannot hold is a located row error, not a failure later.
     */
    static final double MAX_SECONDS = 9e9;

    /** The index of a header column (known to exist). */
    int column(String name) {
        return header.indexOf(name);
    }

    /**
     * The next non-blank line, split.
     *
     * @return false at the end of the file
     * @throws Bad if it has another number of fields than the header
     */
    boolean next() {
        while (in.next()) {
            if (Ascii.isBlank(in.buffer(), in.start(), in.end())) {
                continue;
            }
            int n;
            try {
                n = fields.split(in.buffer(), in.start(), in.end());
            } catch (BadValue e) {
                throw new Bad(0, e.getMessage());
            }
            if (n != header.size() || !fields.complete()) {
                throw new Bad(0, "expected " + header.size() + " fields (" + String.join(",", header) + "), found "
                        + (fields.complete() ? n : "more"));
            }
            return true;
        }
        return false;
    }

    /** Field {@code i} of the current line as a number; a bad one names its column. */
    double number(int i) {
        try {
            return Ascii.parseDouble(in.buffer(), fields.start(i), fields.end(i));
        } catch (BadValue e) {
            throw new Bad(columnOf(i), header.get(i) + ": " + e.getMessage());
        }
    }

    /** Field {@code i} of the current line as a number in [min, max]. */
    double number(int i, double min, double max) {
        double v = number(i);
        if (!(v >= min && v <= max)) {
            throw new Bad(columnOf(i), header.get(i) + ": " + Ascii.text(in.buffer(), fields.start(i), fields.end(i))
                    + " is not in [" + fmt(min) + ", " + fmt(max) + "]");
        }
        return v;
    }

    /** Field {@code i} of the current line as text, non-empty. */
    String text(int i) {
        String t = Ascii.text(in.buffer(), fields.start(i), fields.end(i)).trim();
        if (t.isEmpty()) {
            throw new Bad(columnOf(i), header.get(i) + ": empty");
        }
        return t;
    }

    /** The 1-based character column where field {@code i} starts. */
    int columnOf(int i) {
        return fields.start(i) - in.start() + 1;
    }

    /** The current line number. */
    long line() {
        return in.line();
    }

    /** The file name, for messages. */
    String file() {
        return file;
    }

    @Override
    public void close() {
        in.close();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
