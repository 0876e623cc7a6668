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
                    + "(at most " + MAX_DIMENSIONS + " times) for the cheapest mix.")
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

    private static final Pattern RANGE = Pattern.compile("([^=]+)=\\s*(\\d{1,9})\\s*\\.\\.\\s*(\\d{1,9})\\s*");
    /** Widest range searched. */
    static final int MAX_RANGE = 1_000_000;
    /** Most --vary options. */
    static final int MAX_DIMENSIONS = 3;
    /** Most combinations of the ranges before the last one (each gets a binary search of the last). */
    static final int MAX_COMBINATIONS = 256;

    /** One --vary: the field and its range. */
    record Range(String text, String path, int lo, int hi) {}

    /** One candidate's evaluation over one set of seeds; {@code at} holds one value per --vary. */
    record Evaluation(List<Integer> at, boolean confirmation, List<Stat> fields, Stat cost, Stat nodeHours,
            int unstable, boolean meets) {}

    /** Candidates in lexicographic order of their values. */
    private static final java.util.Comparator<List<Integer>> LEXICOGRAPHIC = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private List<Slo> objectives;
    private List<Range> ranges;
    private Map<List<Integer>, Evaluation> searched;

    @Override
    public Integer call() throws Exception {
        ranges = new ArrayList<>();
        for (String v : vary) {
            Matcher m = RANGE.matcher(v);
            int lo = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            int hi = m.matches() ? Integer.parseInt(m.group(3)) : -1;
            if (!m.matches() || lo > hi || hi - lo > MAX_RANGE) {
                throw new ScenarioException(new Problem(Location.of("--vary " + v), "",
                        "expected PATH=LO..HI with whole numbers 0 <= LO <= HI, HI - LO <= " + MAX_RANGE
                                + ", such as services.web.replicas=1..32"));
            }
            String path = m.group(1).trim();
            if (ranges.stream().anyMatch(r -> r.path().equals(path))) {
                throw new ScenarioException(new Problem(Location.of("--vary " + v), "", path + " is varied twice"));
            }
            ranges.add(new Range(v, path, lo, hi));
        }
        if (ranges.size() > MAX_DIMENSIONS) {
            throw new ScenarioException(new Problem(Location.of("--vary " + ranges.get(MAX_DIMENSIONS).text()), "",
                    "at most " + MAX_DIMENSIONS + " --vary options (a mix of up to " + MAX_DIMENSIONS + " fields)"));
        }
        long combinations = 1;
        for (Range r : ranges.subList(0, ranges.size() - 1)) {
            combinations *= r.hi() - r.lo() + 1;
        }
        if (combinations > MAX_COMBINATIONS) {
            throw new ScenarioException(new Problem(Location.of("--vary " + ranges.get(0).text()), "",
                    "the ranges before the last --vary give " + combinations + " combinations, more than "
                            + MAX_COMBINATIONS + " (each gets a binary search of the last range): narrow them"));
        }
        boolean mix = ranges.size() > 1;
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
        // The ranges' ends are checked before anything runs (a bad path or value is bad input).
        List<Integer> lows = ranges.stream().map(Range::lo).toList();
        List<Integer> highs = ranges.stream().map(Range::hi).toList();
        candidate(settings, baseOverrides, lows, base.seed());
        candidate(settings, baseOverrides, highs, base.seed());
        JsonNode probe = checkObjectives(settings, baseOverrides, highs, base.seed());
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
            searched = new TreeMap<>(LEXICOGRAPHIC);
            Evaluator eval = (c, from) -> evaluate(c, from, from > 0, pool, settings, baseOverrides, base.seed(),
                    waitingLimit);
            List<List<Integer>> candidates = search(eval);
            List<Evaluation> confirmations = new ArrayList<>();
            List<Integer> answer = candidates.isEmpty() ? null : candidates.get(0);
            List<Integer> confirmed = null;
            if (!mix && answer != null) { // step up while the confirmation fails
                Range r = ranges.get(0);
                for (int c = answer.get(0); c <= r.hi() && confirmed == null; c++) {
                    Evaluation e = eval.at(List.of(c), replications);
                    confirmations.add(e);
                    confirmed = e.meets() ? e.at() : null;
                }
            } else { // the cheapest that passes its confirmation
                for (List<Integer> c : candidates) {
                    Evaluation e = eval.at(c, replications);
                    confirmations.add(e);
                    if (e.meets()) {
                        confirmed = c;
                        break;
                    }
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            boolean found = confirmed != null;
            String monotone = monotoneViolation();
            ObjectNode result = result(answer, confirmed, confirmations, monotone);
            List<Evaluation> rows = new ArrayList<>(searched.values());
            rows.addAll(confirmations);
            folder.write("plan.json", o -> DeterministicJson.write(result, o));
            folder.write("plan.csv", o -> o.write(csv(rows).getBytes(StandardCharsets.UTF_8)));
            folder.write("capacity-curve.png", o -> curve(base.name(), o));
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
                print(w, answer, confirmed, confirmations, monotone, wall, folder.dir());
            }
            return found ? CapsimCommand.OK : CapsimCommand.REGRESSION;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Evaluator {
        Evaluation at(List<Integer> values, int firstReplication);
    }

    /**
     * The candidates that meet every objective in the search, best first. One --vary: the least
     * value by binary search. Several: for every combination of the values of the ranges before the
     * last (lexicographic order), the least value of the last by binary search; those combinations,
     * cheapest first (mean cost of the run, then fewer units in all, then lexicographic).
     */
    private List<List<Integer>> search(Evaluator eval) {
        Range last = ranges.get(ranges.size() - 1);
        List<List<Integer>> found = new ArrayList<>();
        List<List<Integer>> prefixes = new ArrayList<>(List.of(List.of()));
        for (Range r : ranges.subList(0, ranges.size() - 1)) {
            List<List<Integer>> longer = new ArrayList<>();
            for (List<Integer> p : prefixes) {
                for (int v = r.lo(); v <= r.hi(); v++) {
                    List<Integer> q = new ArrayList<>(p);
                    q.add(v);
                    longer.add(q);
                }
            }
            prefixes = longer;
        }
        for (List<Integer> prefix : prefixes) {
            java.util.function.IntFunction<List<Integer>> at = c -> {
                List<Integer> q = new ArrayList<>(prefix);
                q.add(c);
                return List.copyOf(q);
            };
            int least = CapacitySearch.least(last.lo(), last.hi(),
                    c -> searched.computeIfAbsent(at.apply(c), k -> eval.at(k, 0)).meets());
            if (least <= last.hi()) {
                found.add(at.apply(least));
            }
        }
        found.sort(java.util.Comparator.<List<Integer>>comparingDouble(c -> searched.get(c).cost().mean())
                .thenComparingInt(c -> c.stream().mapToInt(Integer::intValue).sum()).thenComparing(LEXICOGRAPHIC));
        return found;
    }

    /** "path=value" of each --vary, comma-separated. */
    private String describe(List<Integer> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            parts.add(ranges.get(i).path() + "=" + values.get(i));
        }
        return String.join(", ", parts);
    }

    private Scenario candidate(ReadSettings settings, List<String> baseOverrides, List<Integer> values, long seed) {
        List<String> all = new ArrayList<>(baseOverrides);
        for (int i = 0; i < ranges.size(); i++) {
            all.add(ranges.get(i).path() + "=" + values.get(i));
        }
        all.add("seed=" + seed);
        try {
            return (Scenario) ScenarioReader.load(scenario.file, all, settings).document();
        } catch (ScenarioException e) {
            // A candidate's override is reported as the --vary it came from.
            throw new ScenarioException(e.problems().stream().map(p -> {
                for (int i = 0; i < ranges.size(); i++) {
                    Range r = ranges.get(i);
                    if (p.location().source().equals("--set " + r.path() + "=" + values.get(i))) {
                        return new Problem(Location.of("--vary " + r.text() + " (at " + values.get(i) + ")"), p.path(),
                                p.message());
                    }
                }
                return p;
            }).toList());
        }
    }

    /**
     * Checks every objective's field against the summary of a one-second run (no warm-up), so a
     * misspelt field is bad input before any real run. A scenario that cannot be cut that short
     * (an arrival starting later, say) is checked at its first real run instead.
     */
    private JsonNode checkObjectives(ReadSettings settings, List<String> baseOverrides, List<Integer> values,
            long seed) {
        List<String> shortRun = new ArrayList<>(baseOverrides);
        shortRun.addAll(List.of("warmup=0", "duration=1s"));
        ObjectNode summary;
        try {
            Scenario s = candidate(settings, shortRun, values, seed);
            ScenarioRunner.Outcome o = ScenarioRunner.execute(s, null, ScenarioRunner.QUEUE_LIMIT);
            summary = SummaryJson.toTree(new RunReport(s.name(), s.seed(), o.result(), o.arrivals()));
        } catch (RuntimeException e) {
            return null;
        }
        for (Slo o : objectives) {
            o.value(summary, "--slo");
        }
        return summary;
    }

    private Evaluation evaluate(List<Integer> c, int from, boolean confirmation, ExecutorService pool,
            ReadSettings settings, List<String> baseOverrides, long master, long waitingLimit) {
        List<ObjectNode> runs = CandidateReplications.run(seed -> candidate(settings, baseOverrides, c, seed),
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

    /**
     * A message if a candidate meets every objective while one larger in the last --vary (the others
     * equal) does not, else null.
     */
    private String monotoneViolation() {
        Evaluation lastMet = null;
        for (Evaluation e : searched.values()) { // lexicographic: each line of the last range in order
            if (lastMet != null && !lastMet.at().subList(0, ranges.size() - 1)
                    .equals(e.at().subList(0, ranges.size() - 1))) {
                lastMet = null;
            }
            if (e.meets()) {
                lastMet = e;
            } else if (lastMet != null) {
                return String.format(Locale.ROOT, "not monotone: %s meets every objective but %s does not, so the "
                        + "binary search may have missed the least value; look at plan.csv, or sweep the range",
                        value(lastMet.at()), value(e.at()));
            }
        }
        return null;
    }

    /** The one value, or "path=value, ..." for a mix. */
    private String value(List<Integer> at) {
        return ranges.size() == 1 ? Integer.toString(at.get(0)) : describe(at);
    }

    private ObjectNode result(List<Integer> searchAnswer, List<Integer> answer, List<Evaluation> confirmations,
            String monotone) {
        ObjectNode r = DeterministicJson.NODES.objectNode();
        boolean mix = ranges.size() > 1;
        if (mix) {
            ArrayNode vs = r.putArray("vary");
            for (Range g : ranges) {
                ObjectNode o = vs.addObject();
                o.put("path", g.path());
                o.put("from", g.lo());
                o.put("to", g.hi());
            }
        } else {
            r.put("vary", ranges.get(0).path());
            r.put("from", ranges.get(0).lo());
            r.put("to", ranges.get(0).hi());
        }
        r.put("replications", replications);
        r.put("search", mix ? "cheapest-mix" : "binary");
        ArrayNode os = r.putArray("objectives");
        objectives.forEach(o -> os.add(o.text()));
        if (searchAnswer == null) {
            r.putNull("searchAnswer");
        } else {
            r.set("searchAnswer", answerNode(searchAnswer));
        }
        if (answer != null) {
            r.set("answer", answerNode(answer));
            Evaluation e = confirmations.get(confirmations.size() - 1);
            if (mix) {
                r.set("cost", DeterministicJson.decimal(e.cost().mean(), 6));
            }
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

    /** A number for one --vary, an object by path for a mix. */
    private JsonNode answerNode(List<Integer> at) {
        if (ranges.size() == 1) {
            return DeterministicJson.NODES.numberNode(at.get(0));
        }
        ObjectNode o = DeterministicJson.NODES.objectNode();
        for (int i = 0; i < ranges.size(); i++) {
            o.put(ranges.get(i).path(), at.get(i));
        }
        return o;
    }

    private String csv(List<Evaluation> rows) {
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>(ranges.stream().map(Range::path).toList());
        head.addAll(List.of("seeds", "meets", "unstableRuns", "cost", "nodeHours"));
        for (Slo o : objectives) {
            head.add(o.path() + ".mean");
            head.add(o.path() + ".ci95HalfWidth");
        }
        sb.append(String.join(",", head.stream().map(SweepTable::cell).toList())).append('\n');
        for (Evaluation e : rows) {
            List<String> cells = new ArrayList<>(e.at().stream().map(String::valueOf).toList());
            cells.addAll(List.of(e.confirmation() ? "confirm" : "search", Boolean.toString(e.meets()),
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

    private void curve(String name, java.io.OutputStream o) throws java.io.IOException {
        boolean costed = searched.values().stream().anyMatch(e -> e.cost().mean() > 0);
        String path = ranges.get(0).path();
        List<CapacityCurveChart.Point> points = new ArrayList<>();
        for (Evaluation e : searched.values()) {
            points.add(new CapacityCurveChart.Point(costed ? e.cost().mean() : e.at().get(0), e.fields().get(0).mean()));
        }
        Slo first = objectives.get(0);
        CapacityCurveChart.writePng(name + ": " + first.path() + " against " + (costed ? "cost" : path),
                costed ? "Cost of the run" : path, !costed, first.path(), points, first.target(), 900, 500, o);
    }

    private void print(PrintWriter w, List<Integer> searchAnswer, List<Integer> answer,
            List<Evaluation> confirmations, String monotone, double wall, Path dir) {
        boolean mix = ranges.size() > 1;
        String what = String.join(" x ", ranges.stream().map(r -> r.path() + " in " + r.lo() + ".." + r.hi()).toList());
        w.printf(Locale.ROOT, "plan: %s, %s over %d candidates, %d replication%s each with "
                + "common random numbers (%.1f s wall)%n", what, mix ? "cheapest mix, binary search of the last"
                        : "binary search", searched.size(), replications, replications == 1 ? "" : "s", wall);
        if (answer == null) {
            w.printf(Locale.ROOT, "no %s meets every objective%n", mix ? "combination in the ranges"
                    : "value of " + ranges.get(0).path() + " up to " + ranges.get(0).hi());
        } else {
            Evaluation e = confirmations.get(confirmations.size() - 1);
            w.printf(Locale.ROOT, "answer: %s%s%n", mix ? describe(answer) : ranges.get(0).path() + " = " + answer.get(0),
                    !answer.equals(searchAnswer) ? " (the search's " + value(searchAnswer) + " failed the confirmation "
                            + "runs)" : ", confirmed with " + replications + " fresh replication"
                                    + (replications == 1 ? "" : "s"));
            List<Integer> lower = new ArrayList<>(answer);
            lower.set(lower.size() - 1, answer.get(answer.size() - 1) - 1);
            Evaluation below = searched.get(lower);
            String belowText = mix ? describe(lower) : Integer.toString(lower.get(0));
            for (int k = 0; k < objectives.size(); k++) {
                Slo o = objectives.get(k);
                Stat st = e.fields().get(k);
                double margin = o.margin(st.mean());
                w.printf(Locale.ROOT, "  %s: %s%s, margin %s%s%s%n", o, fmt(st.mean()),
                        Double.isNaN(st.ci95HalfWidth()) ? "" : " +/- " + fmt(st.ci95HalfWidth()) + " (95%)",
                        fmt(margin), o.target() == 0 ? "" : String.format(Locale.ROOT, " (%.1f%% of the target)",
                                100 * margin / Math.abs(o.target())),
                        below == null ? "" : "; at " + belowText + ": " + fmt(below.fields().get(k).mean())
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
