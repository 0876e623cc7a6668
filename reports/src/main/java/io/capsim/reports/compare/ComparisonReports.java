package io.capsim.reports.compare;

import io.capsim.reports.html.Html;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * Comparisons as text for the console, JUnit XML for CI servers (Jenkins, GitLab, GitHub), Markdown
 * for a pull-request comment and HTML. Every user-supplied string (scenario names, pointers, which
 * carry service and job names) is escaped for the format.
 */
public final class ComparisonReports {

    private ComparisonReports() {}

    /** A number with 6 significant digits, plain; {@code -} for NaN. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "-" : (v > 0 ? "inf" : "-inf");
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String percent(double rel) {
        return Double.isNaN(rel) ? "-" : String.format(Locale.ROOT, "%+.2f%%", 100 * rel);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** One line per regression and improvement, then a verdict line per comparison. */
    public static String text(List<Comparison> comparisons) {
        StringBuilder sb = new StringBuilder();
        for (Comparison c : comparisons) {
            for (Comparison.Metric m : c.metrics()) {
                if (m.verdict() == Comparison.Verdict.REGRESSION || m.verdict() == Comparison.Verdict.IMPROVEMENT) {
                    sb.append(String.format(Locale.ROOT, "%s: %s %s: %s -> %s (%s; allowed %s%s)%n",
                            c.scenario(), m.verdict() == Comparison.Verdict.REGRESSION ? "REGRESSION" : "improvement",
                            m.pointer(), number(m.baseline()), number(m.candidate()), percent(m.relativeChange()),
                            number(m.allowed()), m.tested() && m.verdict() == Comparison.Verdict.REGRESSION
                                    ? ", Holm-adjusted p " + p(m.adjustedP()) : ""));
                }
            }
            sb.append(String.format(Locale.ROOT, "%s: %s (%d metrics with a direction, %d tested at level %s with "
                            + "%d vs %d replications; %d regressions, %d improvements)%n", c.scenario(),
                    c.regressed() ? "REGRESSION" : "no regression", c.directed().size(),
                    c.directed().stream().filter(Comparison.Metric::tested).count(), number(c.level()),
                    c.baselineReplications(), c.candidateReplications(), c.with(Comparison.Verdict.REGRESSION).size(),
                    c.with(Comparison.Verdict.IMPROVEMENT).size()));
        }
        return sb.toString();
    }

    /** JUnit XML: one test suite per comparison, one test case per metric with a direction. */
    public static String junit(List<Comparison> comparisons) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int tests = 0;
        int failures = 0;
        for (Comparison c : comparisons) {
            tests += c.directed().size();
            failures += c.with(Comparison.Verdict.REGRESSION).size();
        }
        sb.append(String.format(Locale.ROOT, "<testsuites name=\"capsim\" tests=\"%d\" failures=\"%d\">%n", tests,
                failures));
        for (Comparison c : comparisons) {
            String suite = xml(c.scenario());
            sb.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" "
                    + "skipped=\"0\">%n", suite, c.directed().size(), c.with(Comparison.Verdict.REGRESSION).size()));
            for (Comparison.Metric m : c.directed()) {
                sb.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\"", suite,
                        xml(m.pointer())));
                if (m.verdict() == Comparison.Verdict.REGRESSION) {
                    String msg = describe(m);
                    sb.append(">\n      <failure type=\"regression\" message=\"").append(xml(msg)).append("\">")
                            .append(xml(msg)).append("</failure>\n    </testcase>\n");
                } else {
                    sb.append(" />\n");
                }
            }
            sb.append("  </testsuite>\n");
        }
        sb.append("</testsuites>\n");
        return sb.toString();
    }

    private static String describe(Comparison.Metric m) {
        return String.format(Locale.ROOT, "%s is %s, baseline %s (%s, %s is better; allowed worsening %s%s)",
                m.pointer(), number(m.candidate()), number(m.baseline()), percent(m.relativeChange()),
                m.direction().id(), number(m.allowed()),
                m.tested() ? String.format(Locale.ROOT, "; p %s, Holm-adjusted %s", p(m.pValue()), p(m.adjustedP()))
                        : "; no replications: tolerance only");
    }

    /** Markdown for a pull-request comment: a verdict per comparison and a table of what changed. */
    public static String markdown(List<Comparison> comparisons) {
        StringBuilder sb = new StringBuilder();
        boolean any = comparisons.stream().anyMatch(Comparison::regressed);
        sb.append("### capsim: ").append(any ? "regression" : "no regression").append("\n\n");
        for (Comparison c : comparisons) {
            List<Comparison.Metric> changed = c.metrics().stream()
                    .filter(m -> m.verdict() == Comparison.Verdict.REGRESSION
                            || m.verdict() == Comparison.Verdict.IMPROVEMENT)
                    .toList();
            sb.append(String.format(Locale.ROOT, "**%s**: %s — %d metrics with a direction, %d regressions, "
                            + "%d improvements (%d vs %d replications, level %s, Holm correction)%n%n",
                    md(c.scenario()), c.regressed() ? "regression" : "no regression", c.directed().size(),
                    c.with(Comparison.Verdict.REGRESSION).size(), c.with(Comparison.Verdict.IMPROVEMENT).size(),
                    c.baselineReplications(), c.candidateReplications(), number(c.level())));
            if (!changed.isEmpty()) {
                sb.append("| | metric | baseline | candidate | change | allowed | adjusted p |\n");
                sb.append("|---|---|---:|---:|---:|---:|---:|\n");
                for (Comparison.Metric m : changed) {
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n",
                            m.verdict() == Comparison.Verdict.REGRESSION ? "❌ regression" : "✅ improvement",
                            md(m.pointer()), number(m.baseline()), number(m.candidate()),
                            percent(m.relativeChange()), number(m.allowed()), p(m.adjustedP())));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A standalone HTML page: a verdict and the table of directed metrics per comparison. */
    public static String html(String title, List<Comparison> comparisons) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;padding:2px 8px}"
                        + "td.n{text-align:right}.REGRESSION{background:#fdd}.IMPROVEMENT{background:#dfd}</style>"
                        + "</head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        for (Comparison c : comparisons) {
            sb.append("<h2>").append(Html.escape(c.scenario())).append(": ")
                    .append(c.regressed() ? "regression" : "no regression").append("</h2>\n<p>")
                    .append(String.format(Locale.ROOT, "%d vs %d replications, level %s with Holm's correction over "
                                    + "%d tested metrics.", c.baselineReplications(), c.candidateReplications(),
                            number(c.level()), c.directed().stream().filter(Comparison.Metric::tested).count()))
                    .append("</p>\n<table><tr><th>metric</th><th>better</th><th>baseline</th><th>candidate</th>"
                            + "<th>change</th><th>allowed</th><th>p</th><th>adjusted p</th><th>verdict</th></tr>\n");
            for (Comparison.Metric m : c.directed()) {
                sb.append("<tr class=\"").append(m.verdict().name()).append("\"><td>").append(Html.escape(m.pointer()))
                        .append("</td><td>").append(m.direction().id()).append("</td><td class=\"n\">")
                        .append(number(m.baseline())).append("</td><td class=\"n\">").append(number(m.candidate()))
                        .append("</td><td class=\"n\">").append(percent(m.relativeChange()))
                        .append("</td><td class=\"n\">").append(number(m.allowed())).append("</td><td class=\"n\">")
                        .append(p(m.pValue())).append("</td><td class=\"n\">").append(p(m.adjustedP()))
                        .append("</td><td>").append(m.verdict().name().toLowerCase(Locale.ROOT)).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** Text for XML content and attributes: markup escaped, characters XML 1.0 forbids dropped. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000).forEach(sb::appendCodePoint);
        return Html.escape(sb.toString()).replace("\n", "&#10;").replace("\r", "&#13;");
    }

    /** Text for Markdown: markup and line breaks neutralised, punctuation Markdown reads escaped. */
    static String md(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\n', '\r', '\t' -> sb.append(' ');
                case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '!', '|', '~', '"', '\'',
                        '$', ':', '@', '.' -> sb.append('\\').append(c);
                default -> {
                    if (c >= 0x20) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
