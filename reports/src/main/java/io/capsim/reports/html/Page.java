package io.capsim.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.capsim.reports.chart.RunCharts;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What every capsim page shares: one self-contained file (styles inline, images embedded as {@code
 * data:} URIs, no script, no request to any other file or host, which the page's Content Security
 * Policy also forbids), and figures copied verbatim from {@code summary.json}.
 */
public final class Page {

    private Page() {}

    /** The document's start, up to and including {@code <body>}; the title is escaped here. */
    public static StringBuilder start(String title) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
                        + "style-src 'unsafe-inline'\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222;max-width:1200px}")
                .append("table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}thead th{background:#f3f3f3}")
                .append("th[scope=row]{text-align:left;font-weight:normal}td.text{text-align:left}.muted{color:#666}")
                .append("td.best{background:#dff0d8;font-weight:bold}td.best::after{content:\" \\2605\"}figure{margin:1em 0}")
                .append("figcaption{color:#555;font-size:90%}img{max-width:100%;height:auto}.missed{color:#b00;font-weight:bold}")
                .append("pre{background:#f7f7f7;padding:1em;overflow:auto;max-height:40em}</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        return h;
    }

    /** Ends the document. */
    public static String end(StringBuilder h) {
        return h.append("</body>\n</html>\n").toString();
    }

    /** A chart embedded as a {@code data:} URI, with its caption. */
    public static void figure(StringBuilder h, RunCharts.Chart c) {
        h.append("<figure id=\"").append(Html.escape(c.file())).append("\"><img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(c.png())).append("\" alt=\"").append(Html.escape(c.caption()))
                .append("\"><figcaption>").append(Html.escape(c.caption())).append(" (").append(Html.escape(c.file()))
                .append(")</figcaption></figure>\n");
    }

    /** A figure as {@code summary.json} writes it: decimals plain, "&ndash;" for null or absent. */
    public static String value(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return "&ndash;";
        }
        if (n.isBigDecimal()) {
            return n.decimalValue().toPlainString();
        }
        return Html.escape(n.asText());
    }

    /**
     * A table cell holding the summary's figure at {@code pointer}, which it names in {@code data-json} so
     * a reader (or a test) can check it against {@code summary.json}; a field the summary does not
     * have is an {@code absent} cell.
     */
    public static void cell(StringBuilder h, JsonNode summary, String pointer) {
        if (summary.at(pointer).isMissingNode()) {
            h.append("<td class=\"absent\">&ndash;</td>"); // a field this run does not have (a process has no trace rows)
            return;
        }
        h.append("<td data-json=\"").append(Html.escape(pointer)).append("\">").append(value(summary.at(pointer)))
                .append("</td>");
    }

    /** A JSON pointer token: {@code ~} and {@code /} escaped (RFC 6901). */
    public static String token(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
    /** Where the run came from: version, commit, seed, command line, scenario file and its digest. */
    public static void provenance(StringBuilder h, JsonNode runInfo, String seed) {
        h.append("<h2>Provenance</h2>\n<table class=\"provenance\">\n");
        row(h, "capsim version", info(runInfo, "capsimVersion"));
        row(h, "git commit", info(runInfo, "gitCommit"));
        row(h, "seed", seed);
        JsonNode cmd = runInfo.path("commandLine");
        List<String> args = new ArrayList<>();
        cmd.forEach(a -> args.add(a.asText()));
        row(h, "command line", cmd.isArray() ? "capsim " + String.join(" ", args) : null);
        row(h, "scenario file", info(runInfo, "scenarioFile"));
        row(h, "scenario SHA-256", info(runInfo, "scenarioSha256"));
        row(h, "overrides (--set)", info(runInfo, "overrides"));
        row(h, "Java", info(runInfo, "javaVersion"));
        row(h, "wall-clock seconds", info(runInfo, "wallSeconds"));
        JsonNode warmup = runInfo.path("warmup");
        if (warmup.isObject()) {
            row(h, "warm-up, configured and detected", warmup(warmup));
        }
        row(h, "run id", info(runInfo, "runId"));
        h.append("</table>\n");
    }

    /**
     * "configured 120 s; MSER-5 at most 25 s (series)": the longest warm-up MSER-5 finds over the
     * time series, the first such series named.
     */
    private static String warmup(JsonNode warmup) {
        String text = "configured " + seconds(warmup.path("configuredSeconds").asDouble()) + " s";
        String longest = null;
        double most = -1;
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) warmup.path("mser5Seconds")::fields) {
            if (e.getValue().isNumber() && e.getValue().asDouble() > most) {
                most = e.getValue().asDouble();
                longest = e.getKey();
            }
        }
        return longest == null ? text
                : text + "; MSER-5 over the whole run at most " + seconds(most) + " s (" + longest + ")";
    }

    private static String seconds(double s) {
        return java.math.BigDecimal.valueOf(s).stripTrailingZeros().toPlainString();
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th scope=\"row\">").append(Html.escape(key)).append("</th><td class=\"text\">")
                .append(value == null ? "unknown" : Html.escape(value)).append("</td></tr>\n");
    }

    /** Links to the raw files beside the report. */
    public static void files(StringBuilder h, List<String> files) {
        h.append("<h2>Raw files</h2>\n<ul>\n");
        for (String f : files) {
            h.append("<li><a href=\"").append(Html.escape(f)).append("\">").append(Html.escape(f)).append("</a></li>\n");
        }
        h.append("</ul>\n<p class=\"muted\">summary.json is documented in docs/SCENARIOS.md and checked against "
                + "docs/schema/summary.schema.json; timeseries.csv has one row per time bin; the .hgrm files are "
                + "HdrHistogram's full percentile distributions (ms).</p>\n");
    }

    /** The scenario file as run, escaped; nothing when null. */
    public static void echo(StringBuilder h, String scenarioText) {
        if (scenarioText != null) {
            h.append("<h2>Scenario as run</h2>\n<pre>").append(Html.escape(scenarioText)).append("</pre>\n");
        }
    }

    private static String info(JsonNode runInfo, String field) {
        JsonNode n = runInfo.path(field);
        return n.isMissingNode() || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
    }
}
