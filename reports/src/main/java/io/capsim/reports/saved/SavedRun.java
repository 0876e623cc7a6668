package io.capsim.reports.saved;

import io.capsim.reports.model.Spectrum;
import io.capsim.reports.model.TimeTable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.capsim.reports.csv.TimeSeriesCsv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A run's results as its output folder holds them, which is all a report is drawn from: {@code
 * summary.json}, {@code run-info.json}, {@code timeseries.csv}, the scenario as run ({@code
 * scenario.yaml}) and one {@code <service>.hgrm} per service. A run renders its report from the
 * bytes it writes, and {@code capsim report} from the files, so both give the same page.
 *
 * @param label what to call the run (its folder's name)
 * @param summary {@code summary.json}
 * @param runInfo {@code run-info.json}, or a missing node
 * @param scenarioText the scenario file as run, or null
 * @param series {@code timeseries.csv}, or null
 * @param spectra response-time spectrum per service, from the {@code .hgrm} files, in summary order
 * @param files names of the raw files, for links
 */
public record SavedRun(String label, JsonNode summary, JsonNode runInfo, String scenarioText, TimeTable series,
        Map<String, Spectrum> spectra, List<String> files) {

    /** Name of the summary. */
    public static final String SUMMARY = "summary.json";
    /** Name of the time series. */
    public static final String TIMESERIES = "timeseries.csv";
    /** Name of the scenario echo. */
    public static final String SCENARIO = "scenario.yaml";
    /** Name of the run facts. */
    public static final String RUN_INFO = "run-info.json";

    /** Largest file read back, bytes. */
    private static final long MAX_FILE_BYTES = 512L << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public SavedRun {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(summary, "summary");
        runInfo = runInfo == null ? MissingNode.getInstance() : runInfo;
        spectra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spectra));
        files = List.copyOf(files);
    }

    /**
     * A run from its files' contents.
     *
     * @param files file name to content; {@code summary.json} is required
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static SavedRun of(String label, Map<String, byte[]> files) {
        byte[] summaryBytes = files.get(SUMMARY);
        if (summaryBytes == null) {
            throw new IllegalArgumentException("no " + SUMMARY);
        }
        JsonNode summary = json(summaryBytes, SUMMARY);
        int version = summary.path("schemaVersion").asInt(-1);
        if (version < 2) {
            throw new IllegalArgumentException(SUMMARY + ": schemaVersion " + summary.path("schemaVersion")
                    + " is not one this capsim reads (2 or later)");
        }
        if (!summary.path("services").isObject()) {
            throw new IllegalArgumentException(SUMMARY + ": not a run's summary (no \"services\"; a scheduling "
                    + "experiment's folder keeps its report.html as it was written)");
        }
        JsonNode runInfo = files.containsKey(RUN_INFO) ? json(files.get(RUN_INFO), RUN_INFO) : null;
        String scenario = files.containsKey(SCENARIO) ? new String(files.get(SCENARIO), StandardCharsets.UTF_8) : null;
        TimeTable series = null;
        if (files.containsKey(TIMESERIES)) {
            try {
                series = TimeSeriesCsv.read(new ByteArrayInputStream(files.get(TIMESERIES)), TIMESERIES);
            } catch (IOException e) {
                throw new IllegalStateException(e); // a byte array does not fail
            }
        }
        Map<String, Spectrum> spectra = new LinkedHashMap<>();
        summary.path("services").fieldNames().forEachRemaining(s -> {
            byte[] h = files.get(s + ".hgrm");
            if (h != null) {
                spectra.put(s, Spectrum.parseHgrm(new String(h, StandardCharsets.UTF_8), s + ".hgrm"));
            }
        });
        List<String> names = new ArrayList<>(files.keySet());
        names.sort((a, b) -> a.equals(SUMMARY) ? -1 : b.equals(SUMMARY) ? 1 : a.compareTo(b));
        return new SavedRun(label, summary, runInfo, scenario, series, spectra, names);
    }

    /** A folder that does not hold a run's results: {@link #dir()} and {@link #reason()}. */
    public static final class BadRunFolderException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient Path dir;
        private final String reason;

        BadRunFolderException(Path dir, String reason, Throwable cause) {
            super(dir + ": " + reason, cause);
            this.dir = dir;
            this.reason = reason;
        }

        /** The folder. */
        public Path dir() {
            return dir;
        }

        /** What is wrong with it. */
        public String reason() {
            return reason;
        }
    }

    /**
     * Reads a run's output folder.
     *
     * @throws BadRunFolderException naming the folder and what is wrong with it
     */
    public static SavedRun read(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadRunFolderException(dir, (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
                    ? (Files.isSymbolicLink(dir) ? "is a symbolic link, not a run's output folder" : "is not a folder")
                    : "no such folder"), null);
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                boolean wanted = name.equals(SUMMARY) || name.equals(RUN_INFO) || name.equals(TIMESERIES)
                        || name.equals(SCENARIO) || name.endsWith(".hgrm");
                if (wanted && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.size(p) > MAX_FILE_BYTES) {
                        throw new BadRunFolderException(dir, name + " is larger than " + (MAX_FILE_BYTES >> 20)
                                + " MiB, not a file capsim wrote", null);
                    }
                    files.put(name, Files.readAllBytes(p));
                }
            }
        }
        // summary.json first, then the others by name.
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        if (files.containsKey(SUMMARY)) {
            ordered.put(SUMMARY, files.remove(SUMMARY));
        }
        ordered.putAll(files);
        try {
            return of(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), ordered);
        } catch (IllegalArgumentException e) {
            throw new BadRunFolderException(dir, e.getMessage()
                    + (e.getMessage().startsWith("no " + SUMMARY) ? " (not a capsim run's output folder)" : ""), e);
        }
    }

    private static JsonNode json(byte[] bytes, String name) {
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array does not fail
        }
    }

    /** The figure at a JSON pointer of the summary (a missing node when absent). */
    public JsonNode at(String pointer) {
        return summary.at(pointer);
    }

    /** A text field of {@code run-info.json}, or null. */
    public String info(String field) {
        JsonNode n = runInfo.path(field);
        return n.isMissingNode() || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
    }
}
