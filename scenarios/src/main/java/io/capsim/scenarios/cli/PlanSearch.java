package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.reports.json.SummaryJson;
import io.capsim.reports.model.RunReport;
import io.capsim.reports.sched.SchedulingReport.Stat;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.sweep.CandidateReplications;
import io.capsim.scenarios.sweep.CapacitySearch;
import io.capsim.scenarios.sweep.Slo;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ReadSettings;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.scenarios.validate.ScenarioReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.function.IntFunction;

/**
 * The search of {@code capsim plan} over candidate capacities: each candidate (one value per
 * {@code --vary}) is the scenario with those values and a derived seed, run for its replications
 * with common random numbers; the least value of the last range is binary-searched for every
 * combination of the others, and the best candidate is confirmed with fresh replications. Every
 * evaluation of the search is kept, in lexicographic order of the values, for the plan's outputs.
 */
final class PlanSearch {

    /** One candidate's evaluation over one set of seeds; {@code at} holds one value per --vary. */
    record Evaluation(List<Integer> at, boolean confirmation, List<Stat> fields, Stat cost, Stat nodeHours,
            int unstable, boolean meets) {}

    /**
     * What the search found.
     *
     * @param searchAnswer the best candidate of the search, or null if none meets every objective
     * @param answer the candidate that passed its confirmation, or null
     * @param confirmations the confirmation runs, in the order they ran (the last is the answer's)
     */
    record Outcome(List<Integer> searchAnswer, List<Integer> answer, List<Evaluation> confirmations) {}

    /** Candidates in lexicographic order of their values. */
    private static final Comparator<List<Integer>> LEXICOGRAPHIC = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    @FunctionalInterface
    private interface Evaluator {
        Evaluation at(List<Integer> values, int firstReplication);
    }

    private final Path file;
    private final ReadSettings settings;
    private final List<String> baseOverrides;
    private final List<PlanRange> ranges;
    private final List<Slo> objectives;
    private final int replications;
    private final long master;
    private final Map<List<Integer>, Evaluation> searched = new TreeMap<>(LEXICOGRAPHIC);

    /**
     * @param file the scenario file
     * @param settings the limits and allowed folders it is read with
     * @param baseOverrides the {@code --set} overrides, applied before the candidate's values
     * @param master the master seed that the replications' seeds derive from
     */
    PlanSearch(Path file, ReadSettings settings, List<String> baseOverrides, List<PlanRange> ranges,
            List<Slo> objectives, int replications, long master) {
        this.file = file;
        this.settings = settings;
        this.baseOverrides = baseOverrides;
        this.ranges = ranges;
        this.objectives = objectives;
        this.replications = replications;
        this.master = master;
    }

    /** Every evaluation of the search (not the confirmations), in lexicographic order of the values. */
    Map<List<Integer>, Evaluation> searched() {
        return searched;
    }

    /**
     * Searches, then confirms: with one --vary, the search's answer, stepping up while the
     * confirmation fails; with a mix, the cheapest candidate that passes its confirmation.
     */
    Outcome run(ExecutorService pool, long waitingLimit) {
        Evaluator eval = (c, from) -> evaluate(c, from, from > 0, pool, waitingLimit);
        List<List<Integer>> candidates = search(eval);
        List<Evaluation> confirmations = new ArrayList<>();
        List<Integer> answer = candidates.isEmpty() ? null : candidates.get(0);
        List<Integer> confirmed = null;
        if (ranges.size() == 1 && answer != null) { // step up while the confirmation fails
            PlanRange r = ranges.get(0);
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
        return new Outcome(answer, confirmed, confirmations);
    }

    /**
     * The candidates that meet every objective in the search, best first. One --vary: the least
     * value by binary search. Several: for every combination of the values of the ranges before the
     * last (lexicographic order), the least value of the last by binary search; those combinations,
     * cheapest first (mean cost of the run, then fewer units in all, then lexicographic).
     */
    private List<List<Integer>> search(Evaluator eval) {
        PlanRange last = ranges.get(ranges.size() - 1);
        List<List<Integer>> found = new ArrayList<>();
        List<List<Integer>> prefixes = new ArrayList<>(List.of(List.of()));
        for (PlanRange r : ranges.subList(0, ranges.size() - 1)) {
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
            IntFunction<List<Integer>> at = c -> {
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
        found.sort(Comparator.<List<Integer>>comparingDouble(c -> searched.get(c).cost().mean())
                .thenComparingInt(c -> c.stream().mapToInt(Integer::intValue).sum()).thenComparing(LEXICOGRAPHIC));
        return found;
    }

    /**
     * The scenario of one candidate: the base overrides, one value per --vary, then {@code seed}.
     *
     * @throws ScenarioException if it is bad; a problem from a candidate's value names its --vary
     */
    Scenario candidate(List<Integer> values, long seed) {
        return candidate(baseOverrides, values, seed);
    }

    private Scenario candidate(List<String> overrides, List<Integer> values, long seed) {
        List<String> all = new ArrayList<>(overrides);
        for (int i = 0; i < ranges.size(); i++) {
            all.add(ranges.get(i).path() + "=" + values.get(i));
        }
        all.add("seed=" + seed);
        try {
            return (Scenario) ScenarioReader.load(file, all, settings).document();
        } catch (ScenarioException e) {
            // A candidate's override is reported as the --vary it came from.
            throw new ScenarioException(e.problems().stream().map(p -> {
                for (int i = 0; i < ranges.size(); i++) {
                    PlanRange r = ranges.get(i);
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
     *
     * @return the short run's summary, or null if the scenario could not be cut short
     */
    JsonNode checkObjectives(List<Integer> values) {
        List<String> shortRun = new ArrayList<>(baseOverrides);
        shortRun.addAll(List.of("warmup=0", "duration=1s"));
        ObjectNode summary;
        try {
            Scenario s = candidate(shortRun, values, master);
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
            long waitingLimit) {
        List<ObjectNode> runs = CandidateReplications.run(seed -> candidate(c, seed),
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
    String monotoneViolation() {
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
                        PlanRange.value(ranges, lastMet.at()), PlanRange.value(ranges, e.at()));
            }
        }
        return null;
    }
}
