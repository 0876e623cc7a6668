package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser (headless Chromium): it renders with no failed request, no console
 * error and no Content Security Policy violation, every image decodes; the screenshots are kept
 * under {@code target/report-screenshots/} as build artifacts. Skipped without Chromium, except
 * under {@code CAPSIM_REQUIRE_CHROMIUM=1} (CI), where that fails.
 */
class ReportBrowserTest {

    static final Path SHOTS = Path.of("target", "report-screenshots");

    @TempDir
    Path tmp;

    @Test
    void runAndComparisonReportsRenderCleanlyInChromium() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path cmp = tmp.resolve("cmp");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Cli r = Cli.run("run", RunCommandTest.QUICKSTART.toString(), "--out", a.toString(), "-q", "--set",
                    "duration=3m");
            assertEquals(0, r.exitCode(), r.err());
            r = Cli.run("run", RunCommandTest.QUICKSTART.toString(), "--out", b.toString(), "-q", "--set",
                    "duration=3m", "--set", "services.web.replicas=8");
            assertEquals(0, r.exitCode(), r.err());
            r = Cli.run("report", a.toString(), b.toString(), "--out", cmp.toString(), "-q");
            assertEquals(0, r.exitCode(), r.err());
            Files.createDirectories(SHOTS);
            for (Path page : List.of(a.resolve("report.html"), cmp.resolve("report.html"))) {
                HeadlessChromium.Load load = browser.open(page, 1280);
                String name = page.getParent().getFileName() + ".png";
                Files.write(SHOTS.resolve(name), load.screenshot());
                assertEquals(List.of(), load.problems(), page + " in Chromium");
                assertTrue(load.imagesLoaded(), page + ": an image did not decode");
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(load.screenshot(), 4));
                assertTrue(load.screenshot().length > 20_000, "a blank screenshot? " + load.screenshot().length);
            }
            // The check can fail: a page with a missing image and a console error is caught.
            Path bad = tmp.resolve("bad.html");
            Files.writeString(bad, "<!DOCTYPE html><html><body><img src=\"missing.png\" alt=\"x\">"
                    + "<script>console.error('broken')</script></body></html>");
            HeadlessChromium.Load load = browser.open(bad, 800);
            assertTrue(load.problems().stream().anyMatch(p -> p.startsWith("request failed")), load.problems().toString());
            assertTrue(load.problems().stream().anyMatch(p -> p.contains("broken")), load.problems().toString());
        }
    }
}
