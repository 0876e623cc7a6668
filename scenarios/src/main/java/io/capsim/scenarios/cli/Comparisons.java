package io.capsim.scenarios.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.reports.compare.Comparison;
import io.capsim.reports.compare.ComparisonReports;
import io.capsim.reports.compare.ReplicationStats;
import io.capsim.reports.compare.Tolerances;
import io.capsim.reports.io.OutputFile;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.scenarios.validate.ToleranceReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** What {@code compare} and {@code regress} share: reading summaries, comparing, writing reports. */
final class Comparisons {

    /** Largest summary file read. */
    static final long MAX_SUMMARY_BYTES = 256L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Comparisons() {}

    /**
     * The summary in a result folder ({@code DIR/summary.json}) or a summary file.
     *
     * @param option what named it, for messages ("BASELINE")
     * @throws ScenarioException (exit 2) if it is missing, unreadable, not JSON or not an object
     */
    static JsonNode readSummary(Path place, String option) {
        Path file = Files.isDirectory(place) ? place.resolve("summary.json") : place;
        String where = file.toString();
        if (!Files.isRegularFile(file)) {
            throw bad(where, option + ": " + (Files.isDirectory(place) ? "the folder has no summary.json"
                    : "no such file or result folder"));
        }
        try {
            if (Files.size(file) > MAX_SUMMARY_BYTES) {
                throw bad(where, option + ": larger than " + (MAX_SUMMARY_BYTES >> 20) + " MiB; not a capsim summary");
            }
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            if (n == null || !n.isObject()) {
                throw bad(where, option + ": expected a JSON object (a capsim summary.json)");
            }
            ReplicationStats.read(n);
            return n;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            throw new ScenarioException(new Problem(l == null ? Location.of(where)
                    : new Location(where, Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr())), "",
                    option + ": not valid JSON (" + (msg == null ? "" : msg.split("\n", 2)[0]) + ")"));
        } catch (IllegalArgumentException e) {
            throw bad(where, option + ": " + e.getMessage());
        } catch (IOException e) {
            throw bad(where, option + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static ScenarioException bad(String where, String message) {
        return new ScenarioException(new Problem(Location.of(where), "", message));
    }

    /** The tolerances in {@code file}, or the defaults if null. */
    static Tolerances tolerances(Path file) {
        return file == null ? Tolerances.DEFAULTS : ToleranceReader.read(file);
    }

    /** Refuses a significance level outside (0, 1) (exit 2). */
    static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new ScenarioException(new Problem(Location.of("--level"), "", level
                    + " is not in (0, 1); a significance level such as 0.05"));
        }
    }

    /** The name a summary gives itself, else {@code fallback}. */
    static String name(JsonNode summary, String fallback) {
        JsonNode n = summary.get("scenario");
        return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : fallback;
    }

    /** Prints a report line by line, each made safe for the terminal. */
    static void print(java.io.PrintWriter w, String text) {
        for (String line : text.split("\n")) {
            w.println(Terminal.safe(line));
        }
        w.flush();
    }

    /** Writes the optional JUnit XML and Markdown files (each replaced whole or not at all). */
    static void writeReports(List<Comparison> comparisons, Path junit, Path markdown, boolean force,
            List<Path> inputs, ShutdownGuard guard) throws IOException {
        if (junit != null) {
            write(junit, "--junit", ComparisonReports.junit(comparisons), force, inputs,
                    p -> starts(p, "<?xml"), guard);
        }
        if (markdown != null) {
            write(markdown, "--markdown", ComparisonReports.markdown(comparisons), force, inputs,
                    p -> starts(p, "### capsim"), guard);
        }
    }

    private static void write(Path target, String option, String content, boolean force, List<Path> inputs,
            Predicate<Path> ours, ShutdownGuard guard) throws IOException {
        try (OutputFile f = OutputDirs.openFile(target, option, force, inputs, ours, guard)) {
            f.stream().write(content.getBytes(StandardCharsets.UTF_8));
            f.stream().close();
            f.commit();
        }
    }

    /** Whether a file starts with {@code prefix} (a report capsim wrote, so replaced without --force). */
    private static boolean starts(Path p, String prefix) {
        try (var in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(prefix.length());
            return new String(head, StandardCharsets.UTF_8).equals(prefix);
        } catch (IOException e) {
            return false;
        }
    }
}
