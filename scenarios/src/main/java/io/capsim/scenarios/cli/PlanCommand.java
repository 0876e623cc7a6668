package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.reports.chart.CapacityCurveChart;
import io.capsim.reports.csv.SweepTable;
import io.capsim.reports.io.OutputFolder;
import io.capsim.reports.json.DeterministicJson;
import io.capsim.reports.sched.SchedulingReport.Stat;
import io.capsim.scenarios.sweep.CandidateReplications;
import io.capsim.scenarios.sweep.CapacitySearch;
import io.capsim.scenarios.sweep.Slo;
import io.capsim.reports.json.SummaryJson;
import io.capsim.reports.model.RunReport;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ReadSettings;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capsim plan FILE --slo EXPR --vary PATH=LO..HI}: the least capacity that meets every SLO. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Find the least value of an integer field (replicas, a pool's node count) in LO..HI at which the "
                    + "scenario meets every --slo, by binary search (valid when more capacity never makes an "
                    + "objective worse; a violation seen among the candidates is reported). Every candidate runs "
                    + "with the same seeds (common random numbers); the answer is confirmed with as many fresh "
                    + "replications, stepping up while it fails them.",
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
            description = "The integer field to size and its range, e.g. services.web.replicas=1..32.")
    String vary;

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

    private static final Pattern RANGE = Pattern.compile("([^=]+)=\\s*(\\d{1,9})\\s*\\.\\.\\s*(\\d{1,9})\\s*");
    /** Widest range searched. */
    static final int MAX_RANGE = 1_000_000;

    /** One candidate's evaluation over one set of seeds. */
    record Evaluation(int capacity, boolean confirmation, List<Stat> fields, Stat cost, Stat nodeHours,
            int unstable, boolean meets) {}

    private List<Slo> objectives;
    private Map<Integer, Evaluation> searched;

    @Override
    public Integer call() throws Exception {
        Matcher m = RANGE.matcher(vary);
        int lo = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        int hi = m.matches() ? Integer.parseInt(m.group(3)) : -1;
        if (!m.matches() || lo > hi || hi - lo > MAX_RANGE) {
            throw new ScenarioException(new Problem(Location.of("--vary " + vary), "",
                    "expected PATH=LO..HI with whole numbers 0 <= LO <= HI, HI - LO <= " + MAX_RANGE
                            + ", such as services.web.replicas=1..32"));
        }
        String path = m.group(1).trim();
        objectives = new ArrayList<>();
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
        // The range's ends are checked before anything runs (a bad path or value is bad input).
        candidate(settings, baseOverrides, path, lo, base.seed());
        candidate(settings, baseOverrides, path, hi, base.seed());
        checkObjectives(settings, baseOverrides, path, hi, base.seed());
        long waitingLimit = scenario.limits.values().get(LimitOptions.Limit.WAITING_REQUESTS.key);
        CapsimCommand top = (CapsimCommand) spec.root().userObject();
        PrintWriter w = spec.commandLine().getOut();
        List<Path> inputs = Workers.inputs(scenario.file, base);
        ExecutorService pool = Workers.pool(n, "plan");
        try (OutputFolder folder = OutputDirs.openFolder(out != null ? out : Path.of("out", base.name() + "-plan"),
                "--out", force, inputs, top.guard)) {
            long t0 = System.nanoTime();
            searched = new TreeMap<>();
            Evaluator eval = (c, from) -> evaluate(c, from, from > 0, pool, settings, baseOverrides, path, base.seed(),
                    waitingLimit);
            int answer = CapacitySearch.least(lo, hi, c -> searched.computeIfAbsent(c, k -> eval.at(k, 0)).meets());
            List<Evaluation> confirmations = new ArrayList<>();
            int confirmed = answer;
            while (confirmed <= hi) {
                Evaluation e = eval.at(confirmed, replications);
                confirmations.add(e);
                if (e.meets()) {
                    break;
                }
                confirmed++;
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            boolean found = confirmed <= hi;
            String monotone = monotoneViolation();
            ObjectNode result = result(path, lo, hi, answer, found ? confirmed : -1, confirmations, monotone);
            List<Evaluation> rows = new ArrayList<>(searched.values());
            rows.addAll(confirmations);
            folder.write("plan.json", o -> DeterministicJson.write(result, o));
            folder.write("plan.csv", o -> o.write(csv(path, rows).getBytes(StandardCharsets.UTF_8)));
            folder.write("capacity-curve.png", o -> curve(base.name(), path, o));
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
                print(w, path, lo, hi, answer, found ? confirmed : -1, confirmations, monotone, wall, folder.dir());
            }
            return found ? CapsimCommand.OK : CapsimCommand.REGRESSION;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Evaluator {
        Evaluation at(int capacity, int firstReplication);
    }

    private Scenario candidate(ReadSettings settings, List<String> baseOverrides, String path, int c, long seed) {
        List<String> all = new ArrayList<>(baseOverrides);
        all.add(path + "=" + c);
        all.add("seed=" + seed);
        try {
            return (Scenario) ScenarioReader.load(scenario.file, all, settings).document();
        } catch (ScenarioException e) {
            // The candidate's override is reported as the --vary it came from.
            String own = "--set " + path + "=" + c;
            throw new ScenarioException(e.problems().stream().map(p -> p.location().source().equals(own)
                    ? new Problem(Location.of("--vary " + vary + " (at " + c + ")"), p.path(), p.message()) : p)
                    .toList());
        }
    }

    /**
     * Checks every objective's field against the summary of a one-second run (no warm-up), so a
     * misspelt field is bad input before any real run. A scenario that cannot be cut that short
     * (an arrival starting later, say) is checked at its first real run instead.
     */
    private void checkObjectives(ReadSettings settings, List<String> baseOverrides, String path, int c, long seed) {
        List<String> shortRun = new ArrayList<>(baseOverrides);
        shortRun.addAll(List.of("warmup=0", "duration=1s"));
        ObjectNode summary;
        try {
            Scenario s = candidate(settings, shortRun, path, c, seed);
            ScenarioRunner.Outcome o = ScenarioRunner.execute(s, null, ScenarioRunner.QUEUE_LIMIT);
            summary = SummaryJson.toTree(new RunReport(s.name(), s.seed(), o.result(), o.arrivals()));
        } catch (RuntimeException e) {
            return;
        }
        for (Slo o : objectives) {
            o.value(summary, "--slo");
        }
    }

    private Evaluation evaluate(int c, int from, boolean confirmation, ExecutorService pool, ReadSettings settings,
            List<String> baseOverrides, String path, long master, long waitingLimit) {
        List<ObjectNode> runs = CandidateReplications.run(seed -> candidate(settings, baseOverrides, path, c, seed),
                master, from, replications, pool, waitingLimit);
        int unstable = 0;
        double[][] values = new double[objectives.size()][runs.size()];
        double[] cost = new double[runs.size()];
        double[] nodeHours = new double[runs.size()];
        for (int r = 0; r < runs.size(); r++) {
            JsonNode s = runs.get(r);
            if (s == null) {
                unstable++;
                for (double[] v : values) {
                    v[r] = Double.NaN;
                }
                cost[r] = Double.NaN;
                nodeHours[r] = Double.NaN;
                continue;
            }
            for (int k = 0; k < objectives.size(); k++) {
                values[k][r] = objectives.get(k).value(s, "--slo");
            }
            cost[r] = s.path("cluster").path("cost").asDouble(Double.NaN);
            nodeHours[r] = s.path("cluster").path("nodeHours").asDouble(Double.NaN);
        }
        List<Stat> fields = new ArrayList<>();
        boolean meets = unstable == 0;
        for (int k = 0; k < objectives.size(); k++) {
            Stat st = Stat.of(values[k]);
            fields.add(st);
            meets &= objectives.get(k).met(st.mean());
        }
        return new Evaluation(c, confirmation, fields, Stat.of(cost), Stat.of(nodeHours), unstable, meets);
    }

    /** A message if a candidate meets every objective while a larger one does not, else null. */
    private String monotoneViolation() {
        Evaluation lastMet = null;
        for (Evaluation e : searched.values()) {
            if (e.meets()) {
                lastMet = e;
            } else if (lastMet != null) {
                return String.format(Locale.ROOT, "not monotone: %d meets every objective but %d does not, so the "
                        + "binary search may have missed the least value; look at plan.csv, or sweep the range",
                        lastMet.capacity(), e.capacity());
            }
        }
        return null;
    }

    private ObjectNode result(String path, int lo, int hi, int searchAnswer, int answer, List<Evaluation> confirmations,
            String monotone) {
        ObjectNode r = DeterministicJson.NODES.objectNode();
        r.put("vary", path);
        r.put("from", lo);
        r.put("to", hi);
        r.put("replications", replications);
        r.put("search", "binary");
        ArrayNode os = r.putArray("objectives");
        objectives.forEach(o -> os.add(o.text()));
        if (searchAnswer <= hi) {
            r.put("searchAnswer", searchAnswer);
        } else {
            r.putNull("searchAnswer");
        }
        if (answer >= 0) {
            r.put("answer", answer);
            Evaluation e = confirmations.get(confirmations.size() - 1);
            ArrayNode ms = r.putArray("margins");
            for (int k = 0; k < objectives.size(); k++) {
                ObjectNode mo = ms.addObject();
                Slo o = objectives.get(k);
                mo.put("objective", o.text());
                mo.set("mean", DeterministicJson.decimal(e.fields().get(k).mean(), 6));
                mo.set("ci95HalfWidth", DeterministicJson.decimal(e.fields().get(k).ci95HalfWidth(), 6));
                mo.set("margin", DeterministicJson.decimal(o.margin(e.fields().get(k).mean()), 6));
            }
        } else {
            r.putNull("answer");
        }
        r.put("candidatesEvaluated", searched.size());
        if (monotone != null) {
            r.put("warning", monotone);
        }
        return r;
    }

    private String csv(String path, List<Evaluation> rows) {
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>(List.of(path, "seeds", "meets", "unstableRuns", "cost", "nodeHours"));
        for (Slo o : objectives) {
            head.add(o.path() + ".mean");
            head.add(o.path() + ".ci95HalfWidth");
        }
        sb.append(String.join(",", head.stream().map(SweepTable::cell).toList())).append('\n');
        for (Evaluation e : rows) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(e.capacity()),
                    e.confirmation() ? "confirm" : "search", Boolean.toString(e.meets()),
                    Integer.toString(e.unstable()), num(e.cost().mean()), num(e.nodeHours().mean())));
            for (Stat st : e.fields()) {
                cells.add(num(st.mean()));
                cells.add(num(st.ci95HalfWidth()));
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? DeterministicJson.decimal(v, 6).decimalValue().toPlainString() : "";
    }

    private void curve(String name, String path, java.io.OutputStream o) throws java.io.IOException {
        boolean costed = searched.values().stream().anyMatch(e -> e.cost().mean() > 0);
        List<CapacityCurveChart.Point> points = new ArrayList<>();
        for (Evaluation e : searched.values()) {
            points.add(new CapacityCurveChart.Point(costed ? e.cost().mean() : e.capacity(), e.fields().get(0).mean()));
        }
        Slo first = objectives.get(0);
        CapacityCurveChart.writePng(name + ": " + first.path() + " against " + (costed ? "cost" : path),
                costed ? "Cost of the run" : path, !costed, first.path(), points, first.target(), 900, 500, o);
    }

    private void print(PrintWriter w, String path, int lo, int hi, int searchAnswer, int answer,
            List<Evaluation> confirmations, String monotone, double wall, Path dir) {
        w.printf(Locale.ROOT, "plan: %s in %d..%d, binary search over %d candidates, %d replication%s each with "
                + "common random numbers (%.1f s wall)%n", path, lo, hi, searched.size(), replications,
                replications == 1 ? "" : "s", wall);
        if (answer < 0) {
            w.printf(Locale.ROOT, "no value of %s up to %d meets every objective%n", path, hi);
        } else {
            Evaluation e = confirmations.get(confirmations.size() - 1);
            w.printf(Locale.ROOT, "answer: %s = %d%s%n", path, answer, answer != searchAnswer
                    ? " (the search's " + searchAnswer + " failed the confirmation runs)" : ", confirmed with "
                            + replications + " fresh replication" + (replications == 1 ? "" : "s"));
            Evaluation below = searched.get(answer - 1);
            for (int k = 0; k < objectives.size(); k++) {
                Slo o = objectives.get(k);
                Stat st = e.fields().get(k);
                double margin = o.margin(st.mean());
                w.printf(Locale.ROOT, "  %s: %s%s, margin %s%s%s%n", o, fmt(st.mean()),
                        Double.isNaN(st.ci95HalfWidth()) ? "" : " +/- " + fmt(st.ci95HalfWidth()) + " (95%)",
                        fmt(margin), o.target() == 0 ? "" : String.format(Locale.ROOT, " (%.1f%% of the target)",
                                100 * margin / Math.abs(o.target())),
                        below == null ? "" : "; at " + (answer - 1) + ": " + fmt(below.fields().get(k).mean())
                                + (o.met(below.fields().get(k).mean()) ? "" : " (fails)"));
            }
            if (e.cost().mean() > 0) {
                w.printf(Locale.ROOT, "  cost of the run: %s%n", fmt(e.cost().mean()));
            }
        }
        if (monotone != null) {
            w.printf(Locale.ROOT, "warning: %s%n", monotone);
        }
        w.printf(Locale.ROOT, "curve: %s%n", dir.resolve("capacity-curve.png"));
        w.flush();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.3f", v);
    }
}
