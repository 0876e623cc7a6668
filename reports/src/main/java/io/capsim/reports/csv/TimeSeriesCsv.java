package io.capsim.reports.csv;

import io.capsim.reports.model.TimeTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeseries.csv}: a header {@code time_s,<column>,...}, then one row per time bin; numbers
 * plain (no exponent), at most 6 decimals, trailing zeros dropped; an absent value is an empty
 * field. Deterministic: the same table gives the same bytes.
 */
public final class TimeSeriesCsv {

    /** Name of the time column. */
    public static final String TIME = "time_s";

    private TimeSeriesCsv() {}

    /** Writes the table; the stream is flushed, not closed. */
    public static void write(TimeTable t, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder(256).append(TIME);
        List<double[]> cols = new ArrayList<>();
        for (Map.Entry<String, double[]> e : t.columns().entrySet()) {
            line.append(',').append(e.getKey());
            cols.add(e.getValue());
        }
        w.write(line.append('\n').toString());
        for (int i = 0; i < t.rows(); i++) {
            line.setLength(0);
            line.append(number(t.seconds()[i]));
            for (double[] c : cols) {
                line.append(',').append(number(c[i]));
            }
            w.write(line.append('\n').toString());
        }
        w.flush();
    }

    /** A value as written: plain, at most 6 decimals, empty when not finite. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /**
     * Reads a table written by {@link #write}.
     *
     * @param source what to call the file in messages
     * @throws IllegalArgumentException naming the source, line and what is wrong
     */
    public static TimeTable read(InputStream in, String source) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = r.readLine();
        if (header == null || !header.startsWith(TIME)) {
            throw new IllegalArgumentException(source + ":1: expected a header starting with \"" + TIME + "\"");
        }
        String[] names = header.split(",", -1);
        List<double[]> rows = new ArrayList<>();
        String line;
        int n = 1;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != names.length) {
                throw new IllegalArgumentException(source + ":" + n + ": " + f.length + " fields, the header has "
                        + names.length);
            }
            double[] row = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                try {
                    row[k] = f[k].isEmpty() ? Double.NaN : Double.parseDouble(f[k]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ":" + n + ": column " + names[k] + ": \"" + f[k]
                            + "\" is not a number");
                }
            }
            rows.add(row);
        }
        double[] seconds = new double[rows.size()];
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int k = 1; k < names.length; k++) {
            cols.put(names[k], new double[rows.size()]);
        }
        for (int i = 0; i < rows.size(); i++) {
            seconds[i] = rows.get(i)[0];
            for (int k = 1; k < names.length; k++) {
                cols.get(names[k])[i] = rows.get(i)[k];
            }
        }
        return new TimeTable(seconds, cols);
    }
}
