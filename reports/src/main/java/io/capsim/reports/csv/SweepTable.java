package io.capsim.reports.csv;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.reports.json.DeterministicJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sweep.csv}: one row per sweep point, its parameters, then every numeric leaf of its
 * {@code summary.json}, generic over the summary's shape so it keeps working as the models grow.
 *
 * <p>Columns: {@code point} (the point's folder name), one per parameter (headed by its path, in
 * the order given), then the metrics: the dotted paths of the summary's numeric leaves (objects
 * only; arrays are left out), in the order they first appear walking the points in row order. A
 * metric that is null or missing at a point is an empty cell; a path that is never a number at any
 * point is not a column, nor is a field named as a parameter (its column is the parameter's, as
 * given), so no two columns have the same name. Numbers are written exactly as {@code summary.json} holds them (plain
 * decimals, no exponent), so the table is a pure function of the points' summaries: the same
 * summaries give the same bytes, whatever the order or threads in which the points ran.
 * Cells holding a comma, a quote or a line break are quoted as RFC 4180 says; lines end in
 * {@code \n}.
 */
public final class SweepTable {

    /** File name of the table in a sweep folder. */
    public static final String FILE = "sweep.csv";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(DeterministicJson.NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * One row.
     *
     * @param point the point's folder name
     * @param values the parameter values, in column order
     * @param summary the point's summary
     */
    public record Row(String point, List<String> values, JsonNode summary) {
        public Row {
            values = List.copyOf(values);
        }
    }

    private SweepTable() {}

    /** Reads a summary.json with its numbers kept exactly as written. */
    public static JsonNode readSummary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return MAPPER.readTree(in);
        }
    }

    /**
     * The numeric leaves of a summary by dotted path, in document order; null leaves map to null
     * (so a column can be empty where a metric is undefined).
     */
    public static Map<String, JsonNode> numericLeaves(JsonNode summary) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collect(summary, "", out);
        return out;
    }

    private static void collect(JsonNode n, String prefix, Map<String, JsonNode> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
            }
        } else if (n.isNumber() || n.isNull()) {
            out.put(prefix, n.isNull() ? null : n);
        }
    }

    /** Writes the table (see the class comment). */
    public static void write(List<String> parameters, List<Row> rows, OutputStream out) throws IOException {
        List<Map<String, JsonNode>> leaves = new ArrayList<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (Row r : rows) {
            Map<String, JsonNode> l = numericLeaves(r.summary());
            leaves.add(l);
            for (Map.Entry<String, JsonNode> e : l.entrySet()) {
                if (e.getValue() != null) {
                    metrics.add(e.getKey());
                }
            }
        }
        metrics.removeAll(parameters);
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add("point");
        header.addAll(parameters);
        header.addAll(metrics);
        line(sb, header);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            List<String> cells = new ArrayList<>();
            cells.add(r.point());
            cells.addAll(r.values());
            for (String m : metrics) {
                JsonNode v = leaves.get(i).get(m);
                cells.add(v == null ? "" : number(v));
            }
            line(sb, cells);
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A number as summary.json writes it: integers as they are, decimals plain. */
    static String number(JsonNode v) {
        return v.isBigDecimal() || v.isFloatingPointNumber() ? v.decimalValue().toPlainString() : v.asText();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        sb.append('\n');
    }

    /** One CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    public static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
