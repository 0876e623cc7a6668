package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.json.DeterministicJson;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.sweep.Slo;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ReadSettings;
import io.capsim.scenarios.validate.ScenarioException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capsim plan FILE --slo EXPR --vary PATH=LO..HI [--vary ...]}: the least capacity, or the
 * cheapest mix of several, that meets every SLO.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Find the least value of an integer field (replicas, a pool's node count) in LO..HI at which the "
                    + "scenario meets every --slo, by binary search (valid when more capacity never makes an "
                    + "objective worse; a violation seen among the candidates is reported). Every candidate runs "
                    + "with the same seeds (common random numbers); the answer is confirmed with as many fresh "
                    + "replications, stepping up while it fails them.",
            "With --vary given two or three times (a mix, such as the node counts of two pools), every "
                    + "combination of the first ranges is tried and the last is binary-searched for each; the "
                    + "cheapest combination by the run's cost (cluster.cost: the pools' costPerHour times their "
                    + "node-hours) that meets every objective is the answer, confirmed with fresh replications "
                    + "(the next cheapest is confirmed if it fails them).",
            "Prints the answer and its margin to each objective; writes plan.json, plan.csv (every candidate "
                    + "evaluated: cost, node-hours, each objective's field, mean and 95% interval) and "
                    + "capacity-curve.png (the first objective's field against cost, or against the capacity "
                    + "when nothing has a cost) into the output folder. Exit code 1 if no value in the range "
                    + "meets every objective."
        })
final class PlanCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--slo", paramLabel = "EXPR", required = true,
            description = "An objective over summary.json: PATH OP NUMBER, OP one of <=, <, >=, >, e.g. "
                    + "services.web.latencyMs.p99<=250. Repeatable; all must hold.")
    List<String> slos = new ArrayList<>();

    @Option(names = "--vary", paramLabel = "PATH=LO..HI", required = true,
            description = "The integer field to size and its range, e.g. services.web.replicas=1..32. Repeat it "
                    + "(at most " + PlanRange.MAX_DIMENSIONS + " times) for the cheapest mix.")
    List<String> vary = new ArrayList<>();

    @Option(names = "--replications", paramLabel = "R", defaultValue = "3",
            description = "Runs per candidate, with derived seeds (default 3); as many fresh ones confirm the answer.")
    int replications;

    @Option(names = "--threads", paramLabel = "N", description = "Runs at once (default: the number of cores).")
    Integer threads;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: out/<scenario-name>-plan).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--force", description = "Replace the output folder even if capsim did not write it.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<PlanRange> ranges = PlanRange.parseAll(vary);
        boolean mix = ranges.size() > 1;
        List<Slo> objectives = new ArrayList<>();
        for (String s : slos) {
            objectives.add(Slo.parse("--slo", s));
        }
        if (replications < 1 || replications > 10_000) {
            throw new ScenarioException(new Problem(Location.of("--replications " + replications), "",
                    "not in [1, 10000]"));
        }
        int n = Workers.threads(threads);
        Scenario base = scenario.loadServing();
        ReadSettings settings = scenario.limits.settings(scenario.allowPaths);
        List<String> baseOverrides = scenario.overrides;
        PlanSearch plan = new PlanSearch(scenario.file, settings, baseOverrides, ranges, objectives, replications,
                base.seed());
        // The ranges' ends are checked before anything runs (a bad path or value is bad input).
        List<Integer> lows = ranges.stream().map(PlanRange::lo).toList();
        List<Integer> highs = ranges.stream().map(PlanRange::hi).toList();
        plan.candidate(lows, base.seed());
        plan.candidate(highs, base.seed());
        JsonNode probe = plan.checkObjectives(highs);
        if (mix && probe != null && !(probe.path("cluster").path("cost").asDouble(0) > 0)) {
            throw new ScenarioException(new Problem(Location.of("--vary " + ranges.get(0).text()), "",
                    "a mix of several --vary is chosen by cost, and this scenario's cluster costs nothing: give its "
                            + "node pools a costPerHour"));
        }
        long waitingLimit = scenario.limits.values().get(LimitOptions.Limit.WAITING_REQUESTS.key);
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        PrintWriter w = spec.commandLine().getOut();
        List<Path> inputs = Workers.inputs(scenario.file, base);
        ExecutorService pool = Workers.pool(n, "plan");
        try (OutputFolder folder = OutputDirs.openFolder(out != null ? out : Path.of("out", base.name() + "-plan"),
                "--out", force, inputs, top.guard)) {
            long t0 = System.nanoTime();
            PlanSearch.Outcome outcome = plan.run(pool, waitingLimit);
            double wall = (System.nanoTime() - t0) / 1e9;
            String monotone = plan.monotoneViolation();
            PlanReport report = new PlanReport(ranges, objectives, replications, plan.searched());
            ObjectNode result = report.json(outcome, monotone);
            folder.write("plan.json", o -> DeterministicJson.write(result, o));
            folder.write("plan.csv", o -> o.write(report.csv(outcome).getBytes(StandardCharsets.UTF_8)));
            folder.write("capacity-curve.png", o -> report.curve(base.name(), o));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("capsimVersion", VersionProvider.version());
            info.put("javaVersion", System.getProperty("java.version"));
            info.put("runId", folder.runId());
            info.put("commandLine", spec.root().commandLine().getParseResult().originalArgs());
            info.put("scenarioFile", scenario.file.toString());
            info.put("scenarioSha256", scenario.load().sha256());
            info.put("overrides", baseOverrides);
            info.put("seed", base.seed());
            info.put("wallSeconds", wall);
            folder.write(OutputFolder.RUN_INFO, o -> DeterministicJson.write(info, o));
            folder.commit();
            if (!quiet) {
                report.print(w, outcome, monotone, wall, folder.dir());
            }
            return outcome.answer() != null ? CapsimCommand.OK : CapsimCommand.REGRESSION;
        } finally {
            pool.shutdownNow();
        }
    }
}
