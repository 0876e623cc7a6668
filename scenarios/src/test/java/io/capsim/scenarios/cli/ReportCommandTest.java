package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html end to end through the CLI: self-contained, its figures equal summary.json, every
 * string from the scenario escaped; {@code capsim report} re-renders a run identically and compares
 * several side by side; bad folders are bad input.
 */
class ReportCommandTest {

    /** Markup where a scenario's text reaches the report: a comment, the description, a --set value. */
    static final String HOSTILE = "# <script>alert('comment')</script> </pre><img src=x onerror=alert(1)>\n"
            + "description: \"<b>bold</b> & <i>it</i>\"\n";

    @TempDir
    static Path tmp;
    static Path a;
    static Path b;

    @BeforeAll
    static void runTwice() throws IOException {
        Path scenario = tmp.resolve("hostile.yaml");
        Files.writeString(scenario, HOSTILE + Files.readString(RunCommandTest.QUICKSTART)
                .replace("description: CPU inference service under Poisson load\n", ""));
        a = tmp.resolve("a");
        b = tmp.resolve("b");
        Cli r = Cli.run("run", scenario.toString(), "--out", a.toString(), "-q", "--set", "duration=4m",
                "--set", "description=<script>set</script>");
        assertEquals(0, r.exitCode(), r.err());
        r = Cli.run("run", scenario.toString(), "--out", b.toString(), "-q", "--set", "duration=4m",
                "--set", "services.web.replicas=8");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void theReportIsSelfContainedAndItsFiguresEqualSummaryJson() throws IOException {
        Document doc = ReportPages.parse(a.resolve("report.html"));
        assertEquals(6, ReportPages.assertSelfContained(doc), "the run's charts (no GPU, so no fragmentation chart)");
        JsonNode s = ReportPages.summary(a);
        int figures = ReportPages.assertFiguresEqualSummary(doc, i -> s);
        assertTrue(figures > 80, figures + " figures");
        // The key figures name the p99 of the one service.
        Element p99 = doc.selectFirst("td[data-json=/services/web/latencyMs/p99]");
        assertEquals(0, s.at("/services/web/latencyMs/p99").decimalValue().compareTo(new BigDecimal(p99.text())));
        // The scenario's objectives (quickstart states two), each with its verdict.
        assertEquals(2, doc.select("td[data-json~=^/slo/objectives/\\d+/actual$]").size());
        assertEquals("services.web.slo.latencyP99", doc.select("td[data-json=/slo/objectives/0/actual]").first()
                .parent().selectFirst("th").text());
        Element met = doc.select("td[data-json=/slo/objectives/0/met]").first();
        assertEquals(s.at("/slo/objectives/0/met").asText(), met.text());
        assertEquals(!s.at("/slo/objectives/0/met").asBoolean(), met.parent().hasClass("missed"), "a miss is marked");
        // Core-hours allocated, worked by hand: 6 replicas × 4 cores × the 2 measured minutes; the
        // cluster table shows them.
        assertEquals(0.8, s.at("/cluster/coreHours/allocated").asDouble(), 1e-9);
        assertEquals(0, s.at("/cluster/gpuHours/allocated").asDouble());
        assertTrue(doc.selectFirst("td[data-json=/cluster/coreHours/allocated]") != null);
        // Provenance: version, seed and the command line as given.
        String prov = doc.selectFirst("table.provenance").text();
        assertTrue(prov.contains("seed 42") && prov.contains("capsim run") && prov.contains("duration=4m"), prov);
        // The configured warm-up beside the longest MSER-5 finds, as run-info.json has them.
        JsonNode warmup = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.resolve("run-info.json").toFile())
                .path("warmup");
        double most = 0;
        for (JsonNode v : warmup.path("mser5Seconds")) {
            most = Math.max(most, v.asDouble());
        }
        assertTrue(prov.contains("configured " + plain(warmup.path("configuredSeconds").asDouble())
                + " s; MSER-5 over the whole run at most " + plain(most) + " s"), prov);
        // Links to the raw files, which are there.
        List<String> links = doc.select("a[href]").eachAttr("href");
        assertTrue(links.containsAll(List.of("summary.json", "timeseries.csv", "web.hgrm", "run-info.json",
                "scenario.yaml")), links.toString());
        for (String l : links) {
            assertTrue(Files.isRegularFile(a.resolve(l)), l);
        }
    }

    /** With --replications: the key metrics over the runs, each cell equal to summary.json's replications object. */
    @Test
    void aReplicatedRunShowsEachKeyMetricsIntervalOverTheRuns() throws IOException {
        Path out = tmp.resolve("replicated");
        Cli r = Cli.run("run", RunCommandTest.QUICKSTART.toString(), "--out", out.toString(), "-q", "--set",
                "duration=3m", "--replications", "3", "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        Document doc = ReportPages.parse(out.resolve("report.html"));
        JsonNode s = ReportPages.summary(out);
        ReportPages.assertFiguresEqualSummary(doc, i -> s);
        assertTrue(doc.text().contains("Replications: 3 runs") && doc.text().contains("Seeds 42, 43, 44"), doc.text());
        String p99 = "/replications/metrics/~1services~1web~1latencyMs~1p99/";
        for (String f : new String[] {"mean", "ci95Low", "ci95High"}) {
            Element cell = doc.selectFirst("td[data-json=" + p99 + f + "]");
            assertTrue(cell != null, f);
            assertEquals(0, s.at(p99 + f).decimalValue().compareTo(new BigDecimal(cell.text())), f);
        }
        assertTrue(s.at(p99 + "ci95Low").asDouble() < s.at(p99 + "ci95High").asDouble());
        // Only key metrics: the replica counts are in summary.json, not in the table.
        assertEquals(null, doc.selectFirst("td[data-json^=/replications/metrics/~1services~1web~1replicas]"));
    }

    @Test
    void everyStringFromTheScenarioIsEscaped() throws IOException {
        String html = ReportPages.read(a.resolve("report.html"));
        Document doc = ReportPages.parse(a.resolve("report.html"));
        assertTrue(doc.select("script, b, i").isEmpty(), "markup from the scenario became elements");
        for (Element img : doc.select("img")) {
            assertTrue(img.attr("src").startsWith("data:image/png"), img.outerHtml().substring(0, 60));
        }
        assertFalse(html.contains("onerror=alert(1)>") && !html.contains("onerror=alert(1)&gt;"), "raw markup");
        // The text is shown as written: in the echo and in the provenance (the --set value).
        assertTrue(doc.selectFirst("pre").text().contains("<script>alert('comment')</script> </pre><img src=x"));
        assertTrue(doc.selectFirst("pre").text().contains("\"<b>bold</b> & <i>it</i>\""));
        assertTrue(doc.selectFirst("table.provenance").text().contains("description=<script>set</script>"));
    }

    @Test
    void timeseriesCsvHasOneRowPerBinWithTheServiceAndClusterColumns() throws IOException {
        List<String> lines = Files.readAllLines(a.resolve("timeseries.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertTrue(header.containsAll(List.of("time_s", "arrivals/web", "completions/web", "in-flight/web",
                "latency-p50-ms/web", "latency-p99-ms/web", "ready-replicas/web", "allocated-cpu", "used-cpu",
                "allocated-memory", "used-memory", "pending-pods", "nodes", "scheduling-delay-ms")), header.toString());
        // Default interval: duration / 500, so 501 bin ends (time 0 and each interval; the last at the end).
        assertEquals(502, lines.size());
        long arrivals = 0;
        int col = header.indexOf("arrivals/web");
        for (String l : lines.subList(1, lines.size())) {
            arrivals += Long.parseLong(l.split(",", -1)[col]);
        }
        JsonNode s = ReportPages.summary(a);
        // The bins count warm-up arrivals too; the summary only those after the 2 minutes of warm-up.
        long measured = s.at("/services/web/requests/arrived").asLong();
        assertTrue(arrivals > measured && arrivals < measured * 2.2, arrivals + " vs " + measured);
    }

    @Test
    void theBinsAreBoundedWhateverTheSampleInterval() throws IOException {
        // 1 ms over 2 minutes would be 120,000 bins: widened to duration / 10,000 = 12 ms.
        Path out = tmp.resolve("fine");
        Cli r = Cli.run("run", RunCommandTest.QUICKSTART.toString(), "--out", out.toString(), "-q", "--set",
                "duration=2m", "--set", "warmup=1m", "--set", "sampleInterval=1ms");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals(1 + 10_001, lines.size(), "a header and 10,001 bin ends (0, 12 ms, ..., 120 s)");
        assertEquals("0.012", lines.get(2).substring(0, lines.get(2).indexOf(',')));
    }

    @Test
    void reportRedrawsARunIdenticallyAndCopiesItsRawFiles() throws IOException {
        Path out = tmp.resolve("again");
        Cli r = Cli.run("report", a.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertArrayEquals(Files.readAllBytes(a.resolve("report.html")), Files.readAllBytes(out.resolve("report.html")));
        for (String f : List.of("summary.json", "timeseries.csv", "web.hgrm", "latency-over-time.png")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
    }

    @Test
    void reportComparesRunsSideBySideAndMarksTheBest() throws IOException {
        Path out = tmp.resolve("cmp");
        Cli r = Cli.run("report", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Document doc = ReportPages.parse(out.resolve("report.html"));
        assertEquals(2, ReportPages.assertSelfContained(doc), "one spectrum chart, one utilization chart");
        JsonNode sa = ReportPages.summary(a);
        JsonNode sb = ReportPages.summary(b);
        int figures = ReportPages.assertFiguresEqualSummary(doc, i -> i == 0 ? sa : sb);
        assertTrue(figures >= 2 * 20 && figures % 2 == 0, figures + ": about 20 metrics (those some run has), 2 runs");
        // 8 replicas against 6 at the same load: the p99 is lower, and marked best.
        Element[] p99 = doc.select("td[data-json=/services/web/latencyMs/p99]").toArray(new Element[0]);
        assertEquals(2, p99.length);
        assertTrue(sb.at("/services/web/latencyMs/p99").decimalValue()
                .compareTo(sa.at("/services/web/latencyMs/p99").decimalValue()) < 0);
        assertFalse(p99[0].hasClass("best"));
        assertTrue(p99[1].hasClass("best"));
        // Same nodes in both: a tie is not marked.
        assertTrue(doc.select("td[data-json=/cluster/nodes].best").isEmpty());
    }

    @Test
    void badFoldersAreBadInputAndNothingIsWritten() throws IOException {
        Path out = tmp.resolve("never");
        Path notRun = Files.createDirectories(tmp.resolve("empty"));
        Path garbled = Files.createDirectories(tmp.resolve("garbled"));
        Files.writeString(garbled.resolve("summary.json"), "{\"schemaVersion\": 2, \"services\": ");
        Cli r = Cli.run("report", a.toString(), tmp.resolve("missing").toString(), notRun.toString(), garbled.toString(),
                "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("missing: no such folder"), r.err());
        assertTrue(r.err().contains("empty: no summary.json"), r.err());
        assertTrue(r.err().contains("garbled: summary.json: not valid JSON (line 1"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(out));
        // The output may not be one of the runs read.
        Cli same = Cli.run("report", a.toString(), "--out", a.toString());
        assertEquals(2, same.exitCode(), same.err());
    }

    private static String plain(double seconds) {
        return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }
}
