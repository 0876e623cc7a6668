package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.reports.chart.CapacityCurveChart;
import io.capsim.reports.csv.SweepTable;
import io.capsim.reports.json.DeterministicJson;
import io.capsim.reports.sched.SchedulingReport.Stat;
import io.capsim.scenarios.cli.PlanSearch.Evaluation;
import io.capsim.scenarios.cli.PlanSearch.Outcome;
import io.capsim.scenarios.sweep.Slo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code capsim plan} writes of a finished search: plan.json (the answer and its margins),
 * plan.csv (every candidate evaluated), capacity-curve.png and the lines printed to the console.
 * Numbers are written with {@link Locale#ROOT}; nothing here depends on the wall clock but the
 * printed wall time.
 */
final class PlanReport {

    private final List<PlanRange> ranges;
    private final List<Slo> objectives;
    private final int replications;
    private final Map<List<Integer>, Evaluation> searched;

    /**
     * @param replications runs per candidate
     * @param searched the search's evaluations, in lexicographic order of the values
     */
    PlanReport(List<PlanRange> ranges, List<Slo> objectives, int replications,
            Map<List<Integer>, Evaluation> searched) {
        this.ranges = ranges;
        this.objectives = objectives;
        this.replications = replications;
        this.searched = searched;
    }

    /** plan.json: the ranges, objectives, answer and its margin to each objective. */
    ObjectNode json(Outcome outcome, String monotone) {
        ObjectNode r = DeterministicJson.NODES.objectNode();
        boolean mix = ranges.size() > 1;
        if (mix) {
            ArrayNode vs = r.putArray("vary");
            for (PlanRange g : ranges) {
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
        if (outcome.searchAnswer() == null) {
            r.putNull("searchAnswer");
        } else {
            r.set("searchAnswer", answerNode(outcome.searchAnswer()));
        }
        if (outcome.answer() != null) {
            r.set("answer", answerNode(outcome.answer()));
            Evaluation e = outcome.confirmations().get(outcome.confirmations().size() - 1);
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

    /** plan.csv: one row per evaluation, the search's then the confirmations. */
    String csv(Outcome outcome) {
        List<Evaluation> rows = new ArrayList<>(searched.values());
        rows.addAll(outcome.confirmations());
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>(ranges.stream().map(PlanRange::path).toList());
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

    /** capacity-curve.png: the first objective's field against cost, or the capacity when nothing costs. */
    void curve(String name, OutputStream o) throws IOException {
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

    /** The console lines: what was searched, the answer and its margins, a warning, the curve's file. */
    void print(PrintWriter w, Outcome outcome, String monotone, double wall, Path dir) {
        List<Integer> searchAnswer = outcome.searchAnswer();
        List<Integer> answer = outcome.answer();
        boolean mix = ranges.size() > 1;
        String what = String.join(" x ", ranges.stream().map(r -> r.path() + " in " + r.lo() + ".." + r.hi()).toList());
        w.printf(Locale.ROOT, "plan: %s, %s over %d candidates, %d replication%s each with "
                + "common random numbers (%.1f s wall)%n", what, mix ? "cheapest mix, binary search of the last"
                        : "binary search", searched.size(), replications, replications == 1 ? "" : "s", wall);
        if (answer == null) {
            w.printf(Locale.ROOT, "no %s meets every objective%n", mix ? "combination in the ranges"
                    : "value of " + ranges.get(0).path() + " up to " + ranges.get(0).hi());
        } else {
            Evaluation e = outcome.confirmations().get(outcome.confirmations().size() - 1);
            w.printf(Locale.ROOT, "answer: %s%s%n", mix ? PlanRange.describe(ranges, answer)
                    : ranges.get(0).path() + " = " + answer.get(0), !answer.equals(searchAnswer)
                            ? " (the search's " + PlanRange.value(ranges, searchAnswer) + " failed the confirmation "
                                    + "runs)" : ", confirmed with " + replications + " fresh replication"
                                    + (replications == 1 ? "" : "s"));
            List<Integer> lower = new ArrayList<>(answer);
            lower.set(lower.size() - 1, answer.get(answer.size() - 1) - 1);
            Evaluation below = searched.get(lower);
            String belowText = mix ? PlanRange.describe(ranges, lower) : Integer.toString(lower.get(0));
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
