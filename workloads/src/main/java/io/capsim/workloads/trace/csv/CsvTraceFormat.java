package io.capsim.workloads.trace.csv;

import io.capsim.engine.spi.Names;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.text.Ascii;
import io.capsim.workloads.trace.text.BadValue;
import io.capsim.workloads.trace.text.Fields;
import io.capsim.workloads.trace.text.RowCursor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Generic delimited-text traces whose columns, units and field mapping are given by a
 * {@link CsvLayout} in {@link TraceOptions#args()}. Parsing is a hand-written byte scanner: no
 * per-row allocation, and the line is split only up to the last column used.
 */
public final class CsvTraceFormat implements TraceFormat {

    /** Registered name. */
    public static final String NAME = "csv";

    /** The layout in {@code options}, or null. */
    static CsvLayout layout(TraceOptions options) {
        return options.args() instanceof CsvLayout l ? l : null;
    }

    @Override
    public Set<ArrivalField> fields(TraceOptions options) {
        CsvLayout layout = layout(options);
        return layout == null || layout.fields().isEmpty() ? Set.of() : EnumSet.copyOf(layout.fields().keySet());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "generic delimited text; columns, units (s, ms, us, ns, min, h, iso8601, ...) and field mapping"
                + " declared in the scenario";
    }

    /**
     * @throws IllegalArgumentException if {@code options.args()} is not a {@link CsvLayout}
     */
    @Override
    public Cursor open(Path file, TraceOptions options) {
        if (layout(options) == null) {
            throw new IllegalArgumentException("trace format \"csv\" needs a csv layout (time column and unit)");
        }
        return new Cursor(file, options);
    }

    /** Cursor over a generic CSV file. */
    public static final class Cursor extends RowCursor {
        private static final ArrivalField[] SIZE_FIELDS = {
            ArrivalField.WORK, ArrivalField.INPUT_TOKENS, ArrivalField.OUTPUT_TOKENS, ArrivalField.CPU_MILLIS,
            ArrivalField.MEMORY_MIB, ArrivalField.GPU_MILLIS, ArrivalField.DURATION
        };
        private static final int DURATION_INDEX = 6;

        private final CsvLayout layout;
        private final byte comment;
        private final Fields fields;
        private final int timeIndex;
        private final boolean iso;
        private final long ticksPerUnit;
        /** Per size field (SIZE_FIELDS order): column index or -1, factor, optional, exact integer scale. */
        private final int[] index = new int[SIZE_FIELDS.length];
        private final double[] factor = new double[SIZE_FIELDS.length];
        private final boolean[] optional = new boolean[SIZE_FIELDS.length];
        private final String[] label = new String[SIZE_FIELDS.length];
        private final int needed;
        private final long[] values = new long[SIZE_FIELDS.length];
        private final String timeLabel;

        Cursor(Path file, TraceOptions options) {
            super(file, options, CsvTraceFormat.layout(options).relativeToFirstRow() ? Origin.FIRST_ROW : Origin.ZERO);
            this.layout = CsvTraceFormat.layout(options);
            this.comment = (byte) layout.comment();
            List<String> names = layout.header() ? readHeaderNames() : List.of();
            this.timeIndex = resolve(layout.time(), names, "time");
            this.timeLabel = "time column " + layout.time();
            this.iso = layout.timeUnit() == CsvUnit.ISO_8601;
            this.ticksPerUnit = layout.timeUnit().ticksPerUnit();
            int max = timeIndex;
            for (int k = 0; k < SIZE_FIELDS.length; k++) {
                CsvLayout.Mapping m = layout.fields().get(SIZE_FIELDS[k]);
                if (m == null) {
                    index[k] = -1;
                    values[k] = NO_VALUE;
                    continue;
                }
                index[k] = resolve(m.column(), names, "fields." + SIZE_FIELDS[k].key());
                factor[k] = m.unit().factor();
                optional[k] = m.optional();
                label[k] = SIZE_FIELDS[k].key() + " column " + m.column();
                max = Math.max(max, index[k]);
            }
            this.needed = max + 1;
            this.fields = new Fields(layout.delimiter(), needed);
        }

        private List<String> readHeaderNames() {
            while (true) {
                if (!in.next()) {
                    close();
                    throw error("empty file; expected a header line naming the columns");
                }
                if (in.start() == in.end() || (comment != 0 && in.buffer()[in.start()] == comment)) {
                    continue;
                }
                break;
            }
            Fields all = new Fields(layout.delimiter(), 4096);
            int n;
            try {
                n = all.split(in.buffer(), in.start(), in.end());
            } catch (BadValue e) {
                close();
                throw error("header: " + e.getMessage());
            }
            List<String> names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                names.add(Ascii.text(in.buffer(), all.start(i), all.end(i)).strip());
            }
            return names;
        }

        private int resolve(CsvLayout.Column c, List<String> names, String path) {
            if (c.name() == null) {
                return c.index();
            }
            int i = names.indexOf(c.name());
            if (i < 0) {
                close();
                throw new TraceFormatException(file(), 1, path + ".column: "
                        + Names.unknown("column", c.name(), names));
            }
            return i;
        }

        @Override
        protected Row parseRow() {
            byte[] b = in.buffer();
            int s = in.start();
            int e = in.end();
            if (s == e || (comment != 0 && b[s] == comment)) {
                return Row.IGNORE;
            }
            int n = fields.split(b, s, e);
            if (n < needed) {
                throw new BadValue("expected at least " + needed + " fields, found " + n);
            }
            int ts = fields.start(timeIndex);
            int te = fields.end(timeIndex);
            try {
                rawTicks = iso ? Ascii.parseDateTimeNanos(b, ts, te) : Ascii.parseTicks(b, ts, te, ticksPerUnit);
            } catch (BadValue x) {
                throw new BadValue(timeLabel + ": " + x.getMessage());
            }
            for (int k = 0; k < index.length; k++) {
                int i = index[k];
                if (i >= 0) {
                    values[k] = value(b, k, fields.start(i), fields.end(i));
                }
            }
            return Row.DATA;
        }

        private long value(byte[] b, int k, int s, int e) {
            if (s == e && optional[k]) {
                return NO_VALUE;
            }
            try {
                long v;
                if (k == 0 || k == DURATION_INDEX) { // times: exact ticks
                    v = Ascii.parseTicks(b, s, e, (long) factor[k]);
                } else {
                    double d = Ascii.parseDouble(b, s, e) * factor[k];
                    if (!(d < 0x1p62)) {
                        throw new BadValue('"' + Ascii.text(b, s, e) + "\" is out of range");
                    }
                    v = Math.round(d);
                }
                if (v < 0) {
                    throw new BadValue('"' + Ascii.text(b, s, e) + "\" is negative");
                }
                return v;
            } catch (BadValue x) {
                throw new BadValue(label[k] + ": " + x.getMessage());
            }
        }

        /** The layout this cursor reads. */
        public CsvLayout layout() {
            return layout;
        }

        @Override
        public long workTicks() {
            return values[0];
        }

        @Override
        public long inputTokens() {
            return values[1];
        }

        @Override
        public long outputTokens() {
            return values[2];
        }

        @Override
        public long cpuMillis() {
            return values[3];
        }

        @Override
        public long memoryMiB() {
            return values[4];
        }

        @Override
        public long gpuMillis() {
            return values[5];
        }

        @Override
        public long durationTicks() {
            return values[DURATION_INDEX];
        }
    }
}
