package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Checks on a rendered report page, shared by the report tests. */
final class ReportPages {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ReportPages() {}

    static Document parse(Path html) throws IOException {
        return Jsoup.parse(html.toFile(), "UTF-8");
    }

    static JsonNode summary(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("summary.json").toFile());
    }

    /**
     * Every image is a non-empty PNG embedded as a data: URI, and nothing is fetched from elsewhere
     * (no script, no stylesheet link, no frame, no src or href leaving the folder but links to raw files).
     *
     * @return the number of images
     */
    static int assertSelfContained(Document doc) {
        int images = 0;
        for (Element img : doc.select("img")) {
            String src = img.attr("src");
            assertTrue(src.startsWith("data:image/png;base64,"), "not embedded: " + src.substring(0, Math.min(80, src.length())));
            byte[] png = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            assertTrue(png.length > 1000, "an empty image: " + png.length + " bytes");
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8), "not a PNG");
            assertFalse(img.attr("alt").isBlank(), "an image without alt text");
            images++;
        }
        assertTrue(doc.select("script, link, iframe, object, embed, base").isEmpty(), "script or external resource");
        for (Element e : doc.select("[src]")) {
            assertTrue(e.attr("src").startsWith("data:"), "fetches " + e.attr("src"));
        }
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href");
            assertFalse(href.contains(":") || href.startsWith("/") || href.contains(".."), "link leaves the folder: " + href);
        }
        for (Element s : doc.select("style")) {
            assertFalse(s.data().contains("url(") || s.data().contains("@import"), "the style fetches something");
        }
        return images;
    }

    /**
     * Every figure cell of every table names its JSON pointer and shows exactly that value of the
     * summary ("&ndash;" for null); a cell of class {@code absent} (a field the run does not have) shows a dash.
     *
     * @param summaryOf the summary of a cell's run ({@code data-run}, or 0 without)
     * @return the number of figures checked
     */
    static int assertFiguresEqualSummary(Document doc, java.util.function.IntFunction<JsonNode> summaryOf) {
        int n = 0;
        for (Element table : doc.select("table.figures")) {
            for (Element td : table.select("td")) {
                if (td.hasClass("absent")) {
                    assertEquals("\u2013", td.text(), "an absent field's cell");
                    assertFalse(td.hasAttr("data-json"));
                    continue;
                }
                String pointer = td.attr("data-json");
                assertFalse(pointer.isEmpty(), "a figure without its JSON pointer: " + td.outerHtml());
                int run = td.hasAttr("data-run") ? Integer.parseInt(td.attr("data-run")) : 0;
                JsonNode v = summaryOf.apply(run).at(pointer);
                assertFalse(v.isMissingNode(), "no " + pointer + " in summary.json");
                String shown = td.text();
                if (v.isNull()) {
                    assertEquals("\u2013", shown, pointer);
                } else if (v.isNumber()) {
                    assertEquals(0, v.decimalValue().compareTo(new BigDecimal(shown)), pointer + ": page " + shown
                            + ", summary.json " + v);
                } else {
                    assertEquals(v.asText(), shown, pointer);
                }
                n++;
            }
        }
        return n;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
