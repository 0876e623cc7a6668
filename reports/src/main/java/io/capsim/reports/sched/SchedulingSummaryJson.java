package io.capsim.reports.sched;

import static io.capsim.reports.json.DeterministicJson.NODES;
import static io.capsim.reports.json.DeterministicJson.decimal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.engine.results.InflationResult;
import io.capsim.reports.json.DeterministicJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.ToDoubleFunction;

/**
 * {@code summary.json} of a scheduling experiment. Deterministic: keys in a fixed order, numbers
 * rounded to fixed decimals (GPUs to 3, shares to 6), no wall-clock values; the same scenario and
 * seeds give the same bytes.
 *
 * <p>Per policy and arrival point: unallocated GPUs, fragmented GPUs (FGD's measure), GPU
 * allocation ratio and failed pods when the arrived GPU requests first reached that share of
 * capacity, each as mean, min and max over seeds and a 95% confidence interval for the mean
 * ({@code ci95Low}, {@code ci95High}: Student's t; null with one seed); and, as the FGD paper's
 * artifact measures them ({@link PaperMeasures}), unallocated GPU in percent of capacity and the
 * fragmentation ratio in percent; per policy, arrivals, bound and failed pods at the end of the
 * run, summarized the same way.
 */
public final class SchedulingSummaryJson {

    /** Version of the layout; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;


    private SchedulingSummaryJson() {}

    /** The summary as a JSON tree. */
    public static ObjectNode toTree(SchedulingReport report) {
        ObjectNode root = NODES.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("kind", "schedulingExperiment");
        root.put("experiment", "inflation");
        root.put("scenario", report.scenario());
        ArrayNode seeds = root.putArray("seeds");
        for (long s : report.seeds()) {
            seeds.add(s);
        }
        root.set("targetShare", decimal(report.targetShare(), 6));
        root.put("tieBreak", report.tieBreak());
        root.put("sampling", report.sampling());
        ObjectNode cluster = root.putObject("cluster");
        cluster.put("nodes", report.nodes());
        cluster.set("gpus", decimal(report.gpuCapacity(), 3));
        root.put("podList", report.pods());
        ArrayNode points = root.putArray("arrivalPoints");
        for (double a : report.arrivalPoints()) {
            points.add(decimal(a, 6));
        }
        ObjectNode policies = root.putObject("policies");
        for (SchedulingReport.PolicyRuns p : report.policies()) {
            ObjectNode n = policies.putObject(p.name());
            n.put("source", p.source());
            n.put("runs", p.runs().size());
            n.set("arrivals", stat(p, r -> r.arrivals(), 3));
            n.set("podsBound", stat(p, r -> r.arrivals() - r.failedPods()[r.arrivals() - 1], 3));
            n.set("podsFailed", stat(p, r -> r.failedPods()[r.arrivals() - 1], 3));
            ArrayNode at = n.putArray("atArrivalPoints");
            for (double a : report.arrivalPoints()) {
                ObjectNode pt = at.addObject();
                pt.set("arrivedShare", decimal(a, 6));
                pt.set("unallocatedGpus", stat(p, r -> r.unallocatedGpusAt(a), 3));
                pt.set("fragmentedGpus", stat(p, r -> r.fragmentedGpusAt(a), 3));
                pt.set("gpuAllocation", stat(p, r -> r.gpuAllocationAt(a), 6));
                pt.set("failedPods", stat(p, r -> r.failedPodsAt(a), 3));
                pt.set("unallocatedGpuPercent", stat(p, r -> PaperMeasures.unallocatedPercent(r, a), 3));
                pt.set("fragmentationRatioPercent", stat(p, r -> PaperMeasures.fragmentationRatio(r, a), 3));
            }
        }
        return root;
    }

    /** Writes the summary, ending with a newline. */
    public static void write(SchedulingReport report, OutputStream out) throws IOException {
        DeterministicJson.write(toTree(report), out);
    }

    private static ObjectNode stat(SchedulingReport.PolicyRuns p, ToDoubleFunction<InflationResult> f, int scale) {
        SchedulingReport.Stat s = SchedulingReport.stat(p, f);
        ObjectNode n = NODES.objectNode();
        n.set("mean", decimal(s.mean(), scale));
        n.set("min", decimal(s.min(), scale));
        n.set("max", decimal(s.max(), scale));
        n.set("ci95Low", decimal(s.ci95Low(), scale));
        n.set("ci95High", decimal(s.ci95High(), scale));
        return n;
    }
}
