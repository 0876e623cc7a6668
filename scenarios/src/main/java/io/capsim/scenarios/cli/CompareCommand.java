package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capsim.reports.compare.Comparison;
import io.capsim.reports.compare.ComparisonReports;
import io.capsim.reports.compare.Tolerances;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim compare BASELINE CANDIDATE}: is the candidate worse than the baseline? */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
            "Compare a candidate run's summary.json with a baseline's (result folders or summary files), metric by "
                    + "metric (every numeric field, by JSON pointer). A metric regresses when it is worse than its "
                    + "tolerance and, when both runs have replications (run --replications R), the worsening is "
                    + "significant (Welch's one-sided t-test, Holm's correction over the metrics tested).",
            "Exit 0: no regression; 1: a regression; 2: bad input. See docs/CI.md."
        })
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE", description = "Baseline result folder or summary.json.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "Candidate result folder or summary.json.")
    Path candidate;

    @Option(names = "--tolerances", paramLabel = "FILE", description = "Tolerance file (YAML): default relative "
            + "and absolute tolerances, and directions and tolerances by metric glob (default: 5%% relative).")
    Path tolerances;

    @Option(names = "--level", paramLabel = "ALPHA", description = "Significance level of the tests, for all the "
            + "metrics of the comparison together (default: 0.05).")
    double level = 0.05;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML: one test case per metric "
            + "with a direction, a failure per regression.")
    Path junit;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write Markdown for a pull-request comment.")
    Path markdown;

    @Option(names = "--force", description = "Replace report files capsim did not write.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Comparisons.checkLevel(level);
        Tolerances t = Comparisons.tolerances(tolerances);
        JsonNode b = Comparisons.readSummary(baseline, "BASELINE");
        JsonNode c = Comparisons.readSummary(candidate, "CANDIDATE");
        Comparison cmp = Comparison.of(Comparisons.name(c, candidate.toString()), b, c, t, level);
        List<Path> inputs = new ArrayList<>(List.of(baseline, candidate));
        if (tolerances != null) {
            inputs.add(tolerances);
        }
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        Comparisons.writeReports(List.of(cmp), junit, markdown, force, inputs, top.guard);
        Comparisons.print(spec.commandLine().getOut(), ComparisonReports.text(List.of(cmp)));
        return cmp.regressed() ? CapsimCommand.REGRESSION : CapsimCommand.OK;
    }
}
