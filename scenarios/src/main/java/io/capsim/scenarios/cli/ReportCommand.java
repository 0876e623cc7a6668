package io.capsim.scenarios.cli;

import io.capsim.reports.ReportWriter;
import io.capsim.reports.compare.ComparisonReport;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.saved.SavedRun;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim report DIR... [--out DIR]}: re-renders saved results, or compares several runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Draw reports again from runs' saved results (summary.json, timeseries.csv, the .hgrm files, "
                    + "run-info.json, scenario.yaml), without running anything.",
            "One DIR: its report.html and charts, with its raw files copied beside them. Several DIRs: one "
                    + "comparison report, key metrics side by side with the best value marked, response-time "
                    + "spectra and utilization overlaid.",
            "The output folder is written whole or not at all, as with run."
        })
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Output folders of earlier runs (capsim run --out).")
    List<Path> dirs;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output folder (default: out/report-<name> for one run, out/comparison for several).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--force", description = "Replace the output folder even if capsim did not write it.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<SavedRun> runs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (Path d : dirs) {
            try {
                SavedRun r = SavedRun.read(d);
                // Two folders of one name (a/out, b/out) are told apart by the path as given.
                runs.add(labels.add(r.label()) ? r : relabel(r, d.toString(), labels));
            } catch (SavedRun.BadRunFolderException e) {
                problems.add(new Problem(Location.of(d.toString()), "", e.reason()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        Path target = out != null ? out
                : runs.size() == 1 ? Path.of("out", "report-" + runs.get(0).label()) : Path.of("out", "comparison");
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        try (OutputFolder folder = OutputDirs.openFolder(target, "--out", force, dirs, top.guard)) {
            if (runs.size() == 1) {
                copyRawFiles(folder, dirs.get(0), runs.get(0));
                ReportWriter.render(folder, runs.get(0));
            } else {
                ComparisonReport.write(folder, runs);
            }
            folder.commit();
        }
        if (!quiet) {
            spec.commandLine().getOut().println("report: " + target.resolve("report.html"));
            spec.commandLine().getOut().flush();
        }
        return CapsimCommand.OK;
    }

    private static SavedRun relabel(SavedRun r, String label, Set<String> labels) {
        String l = label;
        for (int i = 2; !labels.add(l); i++) {
            l = label + " #" + i;
        }
        return new SavedRun(l, r.summary(), r.runInfo(), r.scenarioText(), r.series(), r.spectra(), r.files());
    }

    /** The raw files the re-rendered report links to, copied as they are. */
    private static void copyRawFiles(OutputFolder folder, Path dir, SavedRun run) throws IOException {
        for (String f : run.files()) {
            Path p = dir.resolve(f);
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = Files.readAllBytes(p);
                folder.write(f, o -> o.write(bytes));
            }
        }
    }
}
