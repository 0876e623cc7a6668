package io.capsim.workloads.trace.openb;

import io.capsim.workloads.trace.TraceLimitException;
import io.capsim.workloads.trace.TraceLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row cursor over a plain CSV file with one header row, comma separated, no quoting (the
 * format of the openb files). Columns are looked up by header name once; getters parse the current
 * row's fields. Errors name the origin and line: {@code openb_pod_list_default.csv:12: ...}.
 */
class CsvCursor implements AutoCloseable {

    private final BufferedReader in;
    private final String origin;
    private final Map<String, Integer> columns = new LinkedHashMap<>();
    private final int width;
    private final int maxLine;
    private final StringBuilder lineBuf = new StringBuilder(256);
    private String[] fields;
    private long line;

    /** A cursor whose lines may be up to {@link TraceLimits#DEFAULTS}' line limit long. */
    CsvCursor(Reader reader, String origin) {
        this(reader, origin, TraceLimits.DEFAULTS.maxLineBytes());
    }

    /**
     * @param maxLine characters a line may hold; a longer one throws {@link TraceLimitException}
     *     (limit {@value TraceLimits#LINE_LENGTH}) before it is held in memory
     */
    CsvCursor(Reader reader, String origin, int maxLine) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.origin = origin;
        this.maxLine = maxLine;
        String header = readLine();
        if (header == null) {
            throw new IllegalStateException(origin + ": empty file, expected a header row");
        }
        String[] h = header.split(",", -1);
        for (int i = 0; i < h.length; i++) {
            columns.put(h[i].trim(), i);
        }
        width = h.length;
    }

    /** The next line without its terminator (LF or CRLF), or null at the end; bounded by maxLine. */
    private String readLine() {
        StringBuilder sb = lineBuf;
        sb.setLength(0);
        try {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            while (c >= 0 && c != '\n') {
                if (sb.length() > maxLine) {
                    throw new TraceLimitException(origin, line + 1, "the line is longer than " + maxLine
                            + " characters (limit " + TraceLimits.LINE_LENGTH + ")", TraceLimits.LINE_LENGTH);
                }
                sb.append((char) c);
                c = in.read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(origin + ":" + line + ": " + e.getMessage(), e);
        }
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
            sb.setLength(n - 1);
        }
        if (sb.length() > maxLine) {
            throw new TraceLimitException(origin, line + 1, "the line is longer than " + maxLine
                    + " characters (limit " + TraceLimits.LINE_LENGTH + ")", TraceLimits.LINE_LENGTH);
        }
        line++;
        return sb.toString();
    }

    /** Index of a required column. */
    int column(String name) {
        Integer i = columns.get(name);
        if (i == null) {
            throw new IllegalStateException(origin + ":1: missing column \"" + name + "\" (found " + columns.keySet() + ")");
        }
        return i;
    }

    /** Index of an optional column, or -1. */
    int optionalColumn(String name) {
        Integer i = columns.get(name);
        return i == null ? -1 : i;
    }

    /** Moves to the next non-empty row; false at the end. */
    boolean nextRow() {
        String s;
        do {
            s = readLine();
            if (s == null) {
                fields = null;
                return false;
            }
        } while (s.isBlank());
        fields = s.split(",", -1);
        if (fields.length != width) {
            throw new IllegalStateException(origin + ":" + line + ": " + fields.length + " fields, header has " + width);
        }
        return true;
    }

    String string(int col) {
        return col < 0 ? "" : fields[col].trim();
    }

    long longValue(int col) {
        String s = string(col);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(origin + ":" + line + ": column " + (col + 1) + ": \"" + s
                    + "\" is not an integer", e);
        }
    }

    /** The value, or {@code missing} for an empty field or absent column. */
    long longOr(int col, long missing) {
        return col < 0 || string(col).isEmpty() ? missing : longValue(col);
    }

    List<String> split(int col, String sep) {
        List<String> out = new ArrayList<>();
        String s = string(col);
        if (!s.isEmpty()) {
            for (String p : s.split(java.util.regex.Pattern.quote(sep))) {
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Where the current row is: {@code file:line}. */
    String origin() {
        return origin + ":" + line;
    }

    IllegalStateException error(String message) {
        return new IllegalStateException(origin() + ": " + message);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
