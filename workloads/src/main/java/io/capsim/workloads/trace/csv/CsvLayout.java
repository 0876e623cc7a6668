package io.capsim.workloads.trace.csv;

import io.capsim.workloads.ArrivalField;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The layout of a generic CSV trace: which column holds the arrival time and in what unit, and
 * which columns feed the other {@link ArrivalField}s. The scenario's {@code trace.csv} block maps
 * onto this record.
 *
 * @param delimiter field separator, a single ASCII character other than a quote, CR or LF
 * @param header true if the first line names the columns (then columns may be given by name)
 * @param comment lines starting with this ASCII character are ignored; {@code '\0'} for none
 * @param time the column holding the arrival time
 * @param timeUnit unit of the time column: a time unit or {@link CsvUnit#ISO_8601}
 * @param relativeToFirstRow true to make the first row arrive at time 0 (natural for wall-clock
 *     timestamps); false to use the times as they are (they must then be &ge; 0)
 * @param fields columns feeding the other fields, each with its unit; copied
 */
public record CsvLayout(char delimiter, boolean header, char comment, Column time, CsvUnit timeUnit,
        boolean relativeToFirstRow, Map<ArrivalField, Mapping> fields) implements io.capsim.workloads.trace.TraceFormatArgs {

    public CsvLayout {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || delimiter == 0 || delimiter > 127) {
            throw new IllegalArgumentException("delimiter " + printable(delimiter)
                    + " must be one ASCII character other than a quote, CR, LF or NUL");
        }
        if (comment > 127 || (comment != 0 && comment == delimiter)) {
            throw new IllegalArgumentException("comment " + printable(comment)
                    + " must be an ASCII character other than the delimiter");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(timeUnit, "timeUnit");
        if (!timeUnit.fits(ArrivalField.TIME)) {
            throw new IllegalArgumentException("time.unit: \"" + timeUnit.key() + "\" is not one of "
                    + CsvUnit.keysFor(ArrivalField.TIME));
        }
        checkColumn("time", time, header);
        EnumMap<ArrivalField, Mapping> copy = new EnumMap<>(ArrivalField.class);
        for (Map.Entry<ArrivalField, Mapping> e : fields.entrySet()) {
            ArrivalField f = Objects.requireNonNull(e.getKey(), "field");
            Mapping m = Objects.requireNonNull(e.getValue(), "mapping");
            if (f == ArrivalField.TIME) {
                throw new IllegalArgumentException("fields: time is given by the time column, not a mapping");
            }
            if (!m.unit().fits(f)) {
                throw new IllegalArgumentException("fields." + f.key() + ".unit: \"" + m.unit().key()
                        + "\" is not one of " + CsvUnit.keysFor(f));
            }
            checkColumn("fields." + f.key(), m.column(), header);
            copy.put(f, m);
        }
        fields = Collections.unmodifiableMap(copy);
    }

    private static void checkColumn(String path, Column c, boolean header) {
        if (c.name() != null && !header) {
            throw new IllegalArgumentException(path + ".column: \"" + c.name()
                    + "\" is a name but the file has no header; give a 0-based index");
        }
    }

    private static String printable(char c) {
        return c < 32 || c > 126 ? String.format(java.util.Locale.ROOT, "U+%04X", (int) c) : "'" + c + "'";
    }

    /**
     * A comma-separated layout with a header, no comments, and no size fields.
     *
     * @param timeColumn name of the time column
     */
    public static CsvLayout withHeader(String timeColumn, CsvUnit timeUnit, boolean relativeToFirstRow) {
        return new CsvLayout(',', true, '\0', Column.named(timeColumn), timeUnit, relativeToFirstRow, Map.of());
    }

    /** A copy that also maps {@code field} from {@code column} in {@code unit} (required values). */
    public CsvLayout map(ArrivalField field, String column, CsvUnit unit) {
        EnumMap<ArrivalField, Mapping> m = new EnumMap<>(ArrivalField.class);
        m.putAll(fields);
        m.put(field, new Mapping(header ? Column.named(column) : Column.at(Integer.parseInt(column)), unit, false));
        return new CsvLayout(delimiter, header, comment, time, timeUnit, relativeToFirstRow, m);
    }

    /**
     * A column, by header name or by 0-based index.
     *
     * @param name the header name, or null to use {@code index}
     * @param index the 0-based index when {@code name} is null, else -1
     */
    public record Column(String name, int index) {
        public Column {
            if (name == null ? index < 0 || index > 4095 : index != -1) {
                throw new IllegalArgumentException("a column is a header name or a 0-based index in [0, 4095]");
            }
        }

        /** The column with header {@code name}. */
        public static Column named(String name) {
            return new Column(Objects.requireNonNull(name, "name"), -1);
        }

        /** The column at 0-based {@code index}. */
        public static Column at(int index) {
            return new Column(null, index);
        }

        @Override
        public String toString() {
            return name != null ? '"' + name + '"' : "#" + index;
        }
    }

    /**
     * Where a field comes from.
     *
     * @param column the column
     * @param unit its unit; must fit the field
     * @param optional true to read an empty cell as "absent" (-1); false to treat it as a bad row
     */
    public record Mapping(Column column, CsvUnit unit, boolean optional) {
        public Mapping {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(unit, "unit");
        }
    }
}
