package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.reports.csv.SweepTable;
import io.capsim.reports.io.OutputFile;
import io.capsim.reports.io.OutputFolder;
import io.capsim.scenarios.sweep.SweepGrid;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.Problems;
import io.capsim.scenarios.validate.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim merge DIR... --out DIR}: combines the folders of a sharded sweep. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {
            "Combine the folders of a sweep run in slices (capsim sweep --shard I/N) into one sweep folder: every "
                    + "point's complete result folder is copied as it is (its files and SHA256SUMS unchanged) and "
                    + "sweep.csv is written from the points' summaries, byte for byte the table of the same sweep run "
                    + "unsharded.",
            "The folders must hold the same sweep (scenario hash, --set overrides and parameters) and together "
                    + "every point, complete; otherwise nothing is merged and the missing points are named."
        })
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Sweep folders (one per shard).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "The merged sweep folder.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--force", description = "Write into a non-empty folder that is not a sweep folder.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Problems problems = new Problems();
        JsonNode first = null;
        for (Path in : inputs) {
            JsonNode d = SweepFolder.readDefinition(in);
            if (d == null) {
                problems.add(Location.of(in.toString()), "", "not a sweep folder (no readable " + SweepFolder.DEFINITION
                        + ")");
            } else if (first == null) {
                first = d;
            } else {
                for (String k : List.of("scenarioSha256", "overrides", "parameters")) {
                    if (!first.path(k).equals(d.path(k))) {
                        problems.add(Location.of(in.toString()), "", "holds another sweep than " + inputs.get(0)
                                + ": its " + k + " differ" + (k.endsWith("s") ? "" : "s"));
                    }
                }
            }
        }
        problems.throwIfAny();
        SweepGrid grid = SweepFolder.grid(first);
        List<String> base = SweepFolder.overrides(first);
        String sha = first.path("scenarioSha256").asText();
        Path dir = SweepFolder.check(out, "--out", force);
        List<SweepGrid.Point> points = grid.points();
        List<Path> sources = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (SweepGrid.Point p : points) {
            ObjectNode id = SweepFolder.identity(sha, base, p);
            Path found = null;
            for (Path in : inputs) {
                if (SweepFolder.complete(in.resolve(p.folder()), id)) {
                    found = in.resolve(p.folder());
                    break;
                }
            }
            sources.add(found);
            if (found == null) {
                missing.add(p.folder());
            }
        }
        if (!missing.isEmpty()) {
            throw new ScenarioException(new Problem(Location.of(String.join(" ", inputs.stream().map(Path::toString)
                    .toList())), "", missing.size() + " of " + points.size() + " points are missing or incomplete ("
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : "") + "); run (or resume) the shards that hold them; "
                    + "nothing was merged"));
        }
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        List<Path> readFrom = new ArrayList<>(inputs);
        readFrom.removeIf(in -> in.toAbsolutePath().normalize().equals(dir));
        int copied = 0;
        try (OutputFile table = SweepFolder.openTable(dir, force, readFrom, top.guard)) {
            ObjectNode def = first.deepCopy();
            def.put("shard", SweepGrid.Shard.ALL.toString());
            SweepFolder.writeDefinition(dir, def, force, readFrom, top.guard);
            for (int i = 0; i < points.size(); i++) {
                Path target = dir.resolve(points.get(i).folder());
                if (sources.get(i).toAbsolutePath().normalize().equals(target)
                        || SweepFolder.complete(target, SweepFolder.identity(sha, base, points.get(i)))) {
                    continue;
                }
                copy(sources.get(i), target, readFrom, top.guard);
                copied++;
            }
            SweepFolder.writeTable(table, dir, grid, points);
        }
        if (!quiet) {
            spec.commandLine().getOut().printf(Locale.ROOT, "merge: %d points from %d folder%s (%d copied); table: %s%n",
                    points.size(), inputs.size(), inputs.size() == 1 ? "" : "s", copied, dir.resolve(SweepTable.FILE));
            spec.commandLine().getOut().flush();
        }
        return CapsimCommand.OK;
    }

    /** Copies a complete point folder, file by file in its manifest's order, whole or not at all. */
    private static void copy(Path from, Path to, List<Path> inputs, ShutdownGuard guard) throws Exception {
        try (OutputFolder f = OutputDirs.openFolder(to, "--out", false, inputs, guard)) {
            for (String[] e : SweepFolder.manifest(from)) {
                f.write(e[1], o -> Files.copy(from.resolve(e[1]), o));
            }
            f.commit();
        }
    }
}
