package io.capsim.workloads.trace.csv;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.TraceLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes arrivals as CSV that the generic reader reads back with {@link #layout(Set)}: a header
 * line, then one row per arrival with the time in seconds (exact to the nanosecond), the work in
 * seconds, and the other chosen fields in their canonical integer units. A value the arrival does
 * not carry is an empty cell. Numbers are formatted by hand into a byte buffer (no per-row
 * allocation); the output is LF-terminated ASCII, identical for identical input.
 *
 * <p>Columns: {@code time_s}, then in {@link ArrivalField} order those chosen of {@code work_s},
 * {@code input_tokens}, {@code output_tokens}, {@code cpu_millis}, {@code memory_mib},
 * {@code gpu_millis}.
 *
 * <p>Every cell is a number or empty: no text from a scenario or trace reaches the file, so no
 * cell can start a spreadsheet formula ({@code =}, {@code +}, {@code -}, {@code @}) and none needs
 * quoting. The output is bounded: a row that would take it past {@code maxBytes} throws
 * {@link OutputLimitException} instead.
 */
public final class ArrivalCsvWriter implements AutoCloseable {

    private static final Map<ArrivalField, String> COLUMNS = new EnumMap<>(Map.of(
            ArrivalField.TIME, "time_s",
            ArrivalField.WORK, "work_s",
            ArrivalField.INPUT_TOKENS, "input_tokens",
            ArrivalField.OUTPUT_TOKENS, "output_tokens",
            ArrivalField.CPU_MILLIS, "cpu_millis",
            ArrivalField.MEMORY_MIB, "memory_mib",
            ArrivalField.GPU_MILLIS, "gpu_millis"));

    private final OutputStream out;
    private final ArrivalField[] fields;
    private final byte[] buf = new byte[1 << 16];
    private final byte[] digits = new byte[20];
    private int len;
    private long rows;
    private long flushed;
    private final long maxBytes;
    private final String limitName;

    /** Limit name of the output size of {@code capsim trace synth}. */
    public static final String SYNTH_SIZE = "synth-size";

    /**
     * Writes the header at once, without a size limit.
     *
     * @param out where to write; closed by {@link #close()}
     * @param fields the fields after the time; {@link ArrivalField#TIME} is always first and may be
     *     omitted here
     */
    public ArrivalCsvWriter(OutputStream out, Set<ArrivalField> fields) {
        this(out, fields, Long.MAX_VALUE, SYNTH_SIZE);
    }

    /**
     * Writes the header at once.
     *
     * @param out where to write; closed by {@link #close()}
     * @param fields the fields after the time; {@link ArrivalField#TIME} is always first and may be
     *     omitted here
     * @param maxBytes bytes the output may hold in all; a row that would pass it throws
     *     {@link OutputLimitException} and is not written
     * @param limitName the limit's name in that exception's message
     */
    public ArrivalCsvWriter(OutputStream out, Set<ArrivalField> fields, long maxBytes, String limitName) {
        this.out = out;
        this.maxBytes = maxBytes;
        this.limitName = limitName;
        EnumSet<ArrivalField> set = fields.isEmpty() ? EnumSet.noneOf(ArrivalField.class) : EnumSet.copyOf(fields);
        set.remove(ArrivalField.TIME);
        this.fields = set.toArray(new ArrivalField[0]);
        StringBuilder header = new StringBuilder(COLUMNS.get(ArrivalField.TIME));
        for (ArrivalField f : this.fields) {
            header.append(',').append(COLUMNS.get(f));
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, buf, 0, h.length);
        len = h.length;
    }

    /** The layout that reads this writer's output for {@code fields} back (times as they are). */
    public static CsvLayout layout(Set<ArrivalField> fields) {
        Map<ArrivalField, CsvLayout.Mapping> m = new EnumMap<>(ArrivalField.class);
        for (ArrivalField f : fields) {
            if (f == ArrivalField.TIME) {
                continue;
            }
            CsvUnit unit = switch (f) {
                case WORK -> CsvUnit.SECONDS;
                case INPUT_TOKENS, OUTPUT_TOKENS -> CsvUnit.COUNT;
                case CPU_MILLIS, GPU_MILLIS -> CsvUnit.MILLI;
                case MEMORY_MIB -> CsvUnit.MIB;
                default -> throw new AssertionError(f);
            };
            m.put(f, new CsvLayout.Mapping(CsvLayout.Column.named(COLUMNS.get(f)), unit, true));
        }
        return new CsvLayout(',', true, '\0', CsvLayout.Column.named(COLUMNS.get(ArrivalField.TIME)), CsvUnit.SECONDS,
                false, m);
    }

    /**
     * Appends the cursor's current arrival.
     *
     * @throws OutputLimitException if the row would take the output past its limit
     * @throws UncheckedIOException if writing fails
     */
    public void write(ArrivalCursor c) {
        if (len > buf.length - 256) {
            flushBuffer();
        }
        int rowStart = len;
        seconds(c.timeTicks());
        for (ArrivalField f : fields) {
            buf[len++] = ',';
            long v = f.of(c);
            if (v < 0) {
                continue;
            }
            if (f == ArrivalField.WORK) {
                seconds(v);
            } else {
                integer(v);
            }
        }
        buf[len++] = '\n';
        if (flushed + len > maxBytes) {
            len = rowStart;
            throw new OutputLimitException("the output reached " + TraceLimits.bytes(maxBytes) + " (limit " + limitName
                    + ") after " + rows + " rows, at time " + TraceLimits.seconds(c.timeTicks()), limitName);
        }
        rows++;
    }

    /**
     * Advances {@code c} and writes its arrivals until it ends, {@code maxRows} rows have been
     * written, or an arrival is at or after {@code endTicks}.
     *
     * @return rows written by this call
     */
    public long writeAll(ArrivalCursor c, long maxRows, long endTicks) {
        long n = 0;
        while (n < maxRows && c.advance() && c.timeTicks() < endTicks) {
            write(c);
            n++;
        }
        return n;
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    private void seconds(long ticks) {
        integer(ticks / SimTime.SECOND);
        long frac = ticks % SimTime.SECOND;
        if (frac != 0) {
            buf[len++] = '.';
            int width = 9;
            while (frac % 10 == 0) {
                frac /= 10;
                width--;
            }
            for (int i = width - 1; i >= 0; i--) {
                buf[len + i] = (byte) ('0' + frac % 10);
                frac /= 10;
            }
            len += width;
        }
    }

    private void integer(long v) {
        if (v == 0) {
            buf[len++] = '0';
            return;
        }
        int n = 0;
        while (v > 0) {
            digits[n++] = (byte) ('0' + v % 10);
            v /= 10;
        }
        while (n > 0) {
            buf[len++] = digits[--n];
        }
    }

    private void flushBuffer() {
        try {
            out.write(buf, 0, len);
            flushed += len;
            len = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes buffered rows.
     *
     * @throws UncheckedIOException if writing fails (a full disk, for one)
     */
    public void flush() {
        flushBuffer();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes written so far, header included. */
    public long bytes() {
        return flushed + len;
    }

    /**
     * Flushes and closes the stream.
     *
     * @throws UncheckedIOException if writing fails
     */
    @Override
    public void close() {
        try (OutputStream o = out) {
            flushBuffer();
            o.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
