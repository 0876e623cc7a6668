package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.reports.csv.SweepTable;
import io.capsim.reports.saved.SavedRun;
import io.capsim.reports.io.OutputFile;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.json.DeterministicJson;
import io.capsim.scenarios.sweep.SweepGrid;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A sweep folder: {@value #DEFINITION} (what is swept: the scenario's hash, the {@code --set}
 * overrides, the parameters and their values, the shard), one complete result folder per point
 * (written by {@link OutputFolder}, so it is there whole or not at all) and {@value
 * SweepTable#FILE}. A point folder counts as done only when it is complete: its {@code SHA256SUMS}
 * lists {@code summary.json} and {@code run-info.json}, every file it lists has that hash, and its
 * run-info.json names the same scenario (by hash) and the same overrides ({@code sweepPoint}).
 */
final class SweepFolder {

    /** The sweep's definition in a sweep folder. */
    static final String DEFINITION = "sweep.json";
    /** What {@value #DEFINITION} says it is. */
    static final String KIND = "capsim-sweep";
    /** The key of a point's identity in its run-info.json. */
    static final String POINT_KEY = "sweepPoint";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SweepFolder() {}

    /**
     * Checks a sweep folder before anything is written: not a symbolic link or a file; if it holds
     * anything, it must hold a {@value #DEFINITION} (a sweep folder), unless forced.
     *
     * @throws ScenarioException (exit 2) naming the option and the reason
     */
    static Path check(Path dir, String option, boolean force) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(abs)) {
            throw bad(option, abs, "it is a symbolic link; give the folder it points to");
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw bad(option, abs, "it is not a folder");
            }
            if (!force && !isSweepFolder(abs) && !empty(abs)) {
                throw bad(option, abs, "it is not empty and holds no " + DEFINITION + " (it is not a sweep folder); "
                        + "choose another folder, or add --force to write the points into it");
            }
        }
        return abs;
    }

    private static boolean empty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** True if the folder holds a sweep definition. */
    static boolean isSweepFolder(Path dir) {
        return readDefinition(dir) != null;
    }

    /** The folder's sweep definition, or null if it has none (or an unreadable one). */
    static JsonNode readDefinition(Path dir) {
        Path f = dir.resolve(DEFINITION);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(f)) {
            JsonNode n = MAPPER.readTree(in.readNBytes(64 << 20));
            return n != null && KIND.equals(n.path("kind").asText()) ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A sweep's definition: what {@value #DEFINITION} holds. */
    static ObjectNode definition(String scenario, String scenarioFile, String sha256, List<String> overrides,
            SweepGrid grid, SweepGrid.Shard shard) {
        ObjectNode d = DeterministicJson.NODES.objectNode();
        d.put("kind", KIND);
        d.put("capsimVersion", VersionProvider.version());
        d.put("scenario", scenario);
        d.put("scenarioFile", scenarioFile);
        d.put("scenarioSha256", sha256);
        ArrayNode o = d.putArray("overrides");
        overrides.forEach(o::add);
        ArrayNode ps = d.putArray("parameters");
        for (SweepGrid.Parameter p : grid.parameters()) {
            ObjectNode pn = ps.addObject();
            pn.put("path", p.path());
            ArrayNode vs = pn.putArray("values");
            p.values().forEach(vs::add);
        }
        d.put("points", grid.size());
        d.put("shard", shard.toString());
        return d;
    }

    /** The grid a definition describes. */
    static SweepGrid grid(JsonNode definition) {
        List<SweepGrid.Parameter> ps = new ArrayList<>();
        for (JsonNode p : definition.path("parameters")) {
            List<String> values = new ArrayList<>();
            p.path("values").forEach(v -> values.add(v.asText()));
            ps.add(new SweepGrid.Parameter(p.path("path").asText(), values));
        }
        return new SweepGrid(ps);
    }

    /** The base overrides a definition records. */
    static List<String> overrides(JsonNode definition) {
        List<String> o = new ArrayList<>();
        definition.path("overrides").forEach(v -> o.add(v.asText()));
        return o;
    }

    /** A point's identity, as its run-info.json records it: the scenario's hash and every override. */
    static ObjectNode identity(String sha256, List<String> baseOverrides, SweepGrid.Point p) {
        ObjectNode id = DeterministicJson.NODES.objectNode();
        id.put("scenarioSha256", sha256);
        ArrayNode o = id.putArray("overrides");
        baseOverrides.forEach(o::add);
        p.overrides().forEach(o::add);
        return id;
    }

    /** Writes the definition (replacing an earlier one) with the usual output rules. */
    static void writeDefinition(Path dir, ObjectNode definition, boolean force, List<Path> inputs, ShutdownGuard guard)
            throws IOException {
        try (OutputFile f = OutputDirs.openFile(dir.resolve(DEFINITION), "--out", force, inputs,
                p -> readDefinition(p.getParent()) != null, guard)) {
            DeterministicJson.write(definition, f.stream());
            f.commit();
        }
    }

    /** Opens {@value SweepTable#FILE} (its lock refuses a second sweep into the folder meanwhile). */
    static OutputFile openTable(Path dir, boolean force, List<Path> inputs, ShutdownGuard guard) throws IOException {
        return OutputDirs.openFile(dir.resolve(SweepTable.FILE), "--out", force, inputs,
                p -> isSweepFolder(p.getParent()), guard);
    }

    /** Writes the table of the given points, all complete, in the order given, and commits it. */
    static void writeTable(OutputFile table, Path dir, SweepGrid grid, List<SweepGrid.Point> points)
            throws IOException {
        writeTable(table, dir, grid, points, Map.of());
    }

    /**
     * As {@link #writeTable(OutputFile, Path, SweepGrid, List)}, with the points already read back
     * (by the threads that ran them) by folder name; the others are read here.
     */
    static void writeTable(OutputFile table, Path dir, SweepGrid grid, List<SweepGrid.Point> points,
            Map<String, SavedRun> alreadyRead) throws IOException {
        List<SweepTable.Row> rows = new ArrayList<>();
        for (SweepGrid.Point p : points) {
            SavedRun read = alreadyRead.get(p.folder());
            rows.add(new SweepTable.Row(p.folder(), p.values(), read != null ? read.summary()
                    : SweepTable.readSummary(dir.resolve(p.folder()).resolve("summary.json"))));
        }
        SweepTable.write(grid.paths(), rows, table.stream());
        table.commit();
        ComparisonReportHook.afterSweep(dir, grid.paths(), rows, alreadyRead);
    }

    /** True if the point folder is complete and is the point {@code identity} names (see the class comment). */
    static boolean complete(Path pointDir, JsonNode identity) {
        if (!Files.isDirectory(pointDir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            List<String[]> manifest = manifest(pointDir);
            if (manifest == null) {
                return false;
            }
            List<String> names = manifest.stream().map(e -> e[1]).toList();
            if (!names.contains("summary.json") || !names.contains(OutputFolder.RUN_INFO)) {
                return false;
            }
            for (String[] e : manifest) {
                if (!e[0].equals(sha256(pointDir.resolve(e[1])))) {
                    return false;
                }
            }
            JsonNode info = MAPPER.readTree(Files.readAllBytes(pointDir.resolve(OutputFolder.RUN_INFO)));
            return identity.equals(info.path(POINT_KEY));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The manifest's entries ({hash, name}) in order, or null if it is missing or malformed. */
    static List<String[]> manifest(Path pointDir) throws IOException {
        Path m = pointDir.resolve(OutputFolder.MANIFEST);
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
            int sep = line.indexOf("  ");
            if (sep != 64) {
                return null;
            }
            String name = line.substring(sep + 2);
            if (name.contains("/") || name.startsWith(".")) {
                return null;
            }
            out.add(new String[] {line.substring(0, sep), name});
        }
        return out;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    static ScenarioException bad(String option, Path dir, String why) {
        return new ScenarioException(new Problem(Location.of(option), "", "output folder " + dir + ": " + why));
    }
}
