package io.capsim.workloads.trace.text;

import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceLimitException;
import io.capsim.workloads.trace.TraceLimits;
import io.capsim.workloads.trace.TraceOptions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * Base of line-oriented trace cursors: reads lines, lets the format parse each into the current
 * row, and applies the rules every format shares.
 *
 * <ul>
 *   <li>A row the format rejects (it throws {@link BadValue}) stops the stream with
 *       {@code file:line: reason} under {@link BadRowPolicy#STOP}, or is skipped and counted
 *       under {@link BadRowPolicy#SKIP}.
 *   <li>Times must not decrease: a row earlier than the previous one is a bad row whose reason
 *       gives both times and the previous row's line.
 *   <li>Times are reported relative to an origin: the first row's time ({@link Origin#FIRST_ROW},
 *       for wall-clock timestamps) or zero ({@link Origin#ZERO}, for times already relative to
 *       the start of the trace); a negative result is a bad row. Messages give times in seconds
 *       after the first row, never raw epoch nanoseconds.
 *   <li>A row more than {@link TraceLimits#maxGapTicks()} after the previous one, or later than
 *       {@link TraceLimits#maxHorizonTicks()} after the first row, stops the read with a
 *       {@link TraceLimitException} under either policy, as do the {@link LineReader}'s limits.
 * </ul>
 */
public abstract class RowCursor implements TraceCursor {

    /** Where time 0 of the run lies in the trace's own time scale. */
    public enum Origin {
        /** The first delivered row arrives at time 0. */
        FIRST_ROW,
        /** Trace times are used as they are (they must not be negative). */
        ZERO
    }

    /** The lines. */
    protected final LineReader in;
    private final String file;
    private final BadRowPolicy policy;
    private final Origin origin;
    private final TraceLimits limits;
    private final ArrivalField[] required;
    private long originTicks;
    private boolean originSet;
    private long firstRaw;
    private long rows;
    private long skipped;
    private long filtered;
    private long prevRaw = Long.MIN_VALUE;
    private long prevLine;
    private long line;
    private boolean closed;

    /** The current row's time in the trace's own scale, in ticks; set by {@link #parseRow}. */
    protected long rawTicks;

    /**
     * Opens {@code file} with the default limits; the subclass reads any header in its constructor
     * with {@link #in}.
     */
    protected RowCursor(Path file, BadRowPolicy policy, Origin origin) {
        this(file, new TraceOptions(policy, null), origin);
    }

    /**
     * Opens {@code file} with the options' bad-row policy and limits; the subclass reads any header
     * in its constructor with {@link #in}.
     */
    protected RowCursor(Path file, TraceOptions options, Origin origin) {
        this.in = LineReader.open(file, options.limits());
        this.file = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        this.policy = options.onBadRow();
        this.origin = origin;
        this.limits = options.limits();
        this.required = options.required().toArray(new ArrivalField[0]);
    }

    /**
     * Parses the current line of {@link #in} into the row's fields and {@link #rawTicks}.
     *
     * @return {@link Row#DATA} for a row to deliver, {@link Row#IGNORE} for a line that is not a
     *     row (comment, blank), {@link Row#FILTERED} for a well-formed row left out by the
     *     format's rule
     * @throws BadValue if the line is malformed
     */
    protected abstract Row parseRow();

    /** What a line turned out to be. */
    protected enum Row {
        /** A row to deliver. */
        DATA,
        /** Not a row: a comment or blank line. */
        IGNORE,
        /** A well-formed row the format leaves out (counted in {@link #filteredRows()}). */
        FILTERED
    }

    @Override
    public final boolean advance() {
        while (in.next()) {
            Row kind;
            try {
                kind = parseRow();
                if (kind == Row.DATA) {
                    long first = originSet ? firstRaw : rawTicks;
                    if (rawTicks < prevRaw) {
                        throw new BadValue("time " + relative(rawTicks, first) + " is before the previous row's "
                                + relative(prevRaw, first) + " (line " + prevLine + "); rows must be sorted by time");
                    }
                    long base = originSet ? originTicks : origin == Origin.FIRST_ROW ? rawTicks : 0;
                    if (rawTicks < base) {
                        throw new BadValue("time " + BigDecimal.valueOf(rawTicks, 9).stripTrailingZeros()
                                .toPlainString() + " s is negative");
                    }
                    checkLimits(first);
                    for (ArrivalField f : required) {
                        if (f.of(this) < 0) {
                            throw new BadValue("the row has no " + f.key() + ", which the job it feeds needs (the job"
                                    + " has no runtime of its own)");
                        }
                    }
                    if (!originSet) {
                        originTicks = base;
                        originSet = true;
                        firstRaw = rawTicks;
                    }
                }
            } catch (BadValue e) {
                if (policy == BadRowPolicy.STOP) {
                    throw new TraceFormatException(file, in.line(), e.getMessage());
                }
                skipped++;
                continue;
            }
            if (kind == Row.DATA) {
                prevRaw = rawTicks;
                prevLine = in.line();
                line = in.line();
                rows++;
                return true;
            }
            if (kind == Row.FILTERED) {
                filtered++;
            }
        }
        return false;
    }

    /** Times in messages: seconds after the first row, {@code "12.5 s after the first row"}. */
    private static String relative(long raw, long first) {
        // Subtract without overflow: both are longs that may lie far apart.
        BigInteger d = BigInteger.valueOf(raw).subtract(BigInteger.valueOf(first));
        return new BigDecimal(d, 9).stripTrailingZeros().toPlainString() + " s after the first row";
    }

    private void checkLimits(long first) {
        long t = rawTicks - first;
        if (t > limits.maxHorizonTicks() || t < 0) {
            throw new TraceLimitException(file, in.line(), "time " + relative(rawTicks, first) + " is beyond "
                    + TraceLimits.seconds(limits.maxHorizonTicks()) + " (limit " + TraceLimits.TIME_HORIZON
                    + ", the span a trace may cover)", TraceLimits.TIME_HORIZON);
        }
        if (prevRaw != Long.MIN_VALUE && rawTicks - prevRaw > limits.maxGapTicks()) {
            throw new TraceLimitException(file, in.line(), "time " + relative(rawTicks, first) + " is "
                    + TraceLimits.seconds(rawTicks - prevRaw) + " after the previous row (line " + prevLine
                    + "), more than " + TraceLimits.seconds(limits.maxGapTicks()) + " (limit " + TraceLimits.TIME_GAP
                    + ")", TraceLimits.TIME_GAP);
        }
    }

    @Override
    public final long timeTicks() {
        return rawTicks - originTicks;
    }

    /** The current row's time in the trace's own scale (before the origin is subtracted), in ticks. */
    public final long rawTimeTicks() {
        return rawTicks;
    }

    @Override
    public final String origin() {
        return file + ":" + line;
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

    @Override
    public final long line() {
        return line;
    }

    @Override
    public final String file() {
        return file;
    }

    /**
     * Reads the header line and checks it is exactly {@code expected}; on failure closes the file
     * and throws with {@code file:line}.
     */
    protected final void readHeader(String expected) {
        if (!in.next()) {
            close();
            throw new TraceFormatException(file, 1, "empty file; expected header \"" + expected + "\"");
        }
        if (!Ascii.equals(in.buffer(), in.start(), in.end(), expected)) {
            TraceFormatException e = error("header \"" + in.text() + "\" is not \"" + expected + "\"");
            close();
            throw e;
        }
    }

    /** Fails with the current line: for headers, which no policy skips. */
    protected final TraceFormatException error(String reason) {
        return new TraceFormatException(file, in.line(), reason);
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            in.close();
        }
    }
}
