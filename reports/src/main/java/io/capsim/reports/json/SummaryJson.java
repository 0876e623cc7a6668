package io.capsim.reports.json;

import static io.capsim.reports.json.DeterministicJson.NODES;
import static io.capsim.reports.json.DeterministicJson.decimal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.engine.results.ClusterResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.ArrivalReport;
import io.capsim.reports.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import org.HdrHistogram.Histogram;

/**
 * {@code summary.json}: the machine-readable result of a run, compared by CI against baselines.
 *
 * <p>Deterministic: keys in a fixed order, numbers rounded to fixed decimals (milliseconds to
 * 3 decimals, fractions to 6), no wall-clock values. The same run gives the same bytes.
 * Latency percentiles come from the HdrHistogram (highest value equivalent to the percentile's
 * bucket, relative error at most 0.1%); means are exact. Absent values (no request completed)
 * are {@code null}.
 */
public final class SummaryJson {

    /** Version of the layout; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;


    private SummaryJson() {}

    /** The summary as a JSON tree. */
    public static ObjectNode toTree(RunReport report) {
        RunResult r = report.result();
        ObjectNode root = NODES.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("scenario", report.scenario());
        root.put("seed", report.seed());
        root.set("simulatedSeconds", decimal(r.simulatedSeconds(), 6));
        root.set("measuredSeconds", decimal(r.measuredSeconds(), 6));
        root.put("events", r.eventsExecuted());
        ObjectNode services = root.putObject("services");
        for (ServiceResult s : r.services()) {
            ObjectNode n = services.putObject(s.name());
            ObjectNode replicas = n.putObject("replicas");
            replicas.put("requested", s.replicasRequested());
            replicas.put("placed", s.replicasPlaced());
            replicas.put("concurrency", s.concurrency());
            ObjectNode req = n.putObject("requests");
            req.put("arrived", s.arrived());
            req.put("completed", s.completed());
            req.put("rejected", s.rejected());
            req.put("unfinished", s.unfinished());
            n.set("throughputPerSecond", decimal(r.measuredSeconds() > 0 ? s.completed() / r.measuredSeconds() : 0, 6));
            n.set("latencyMs", latency(s.responseMicros(), s.meanResponseMs()));
            n.set("waitMs", latency(s.waitMicros(), s.meanWaitMs()));
            n.set("slotUtilization", decimal(s.slotUtilization(), 6));
            n.set("meanQueueLength", decimal(s.meanQueueLength(), 6));
            n.set("meanInService", decimal(s.meanInService(), 6));
        }
        ObjectNode arrivals = root.putObject("arrivals");
        for (ArrivalReport a : report.arrivals()) {
            ObjectNode n = arrivals.putObject(a.name());
            n.put("service", a.service());
            n.put("source", a.source());
            if (a.traceRows() >= 0) {
                n.put("traceRows", a.traceRows());
                n.put("skippedRows", a.skippedRows());
                n.put("filteredRows", a.filteredRows());
            }
        }
        ClusterResult c = r.cluster();
        ObjectNode util = root.putObject("utilization");
        ObjectNode cpu = util.putObject("cpu");
        cpu.set("allocated", decimal(c.cpuAllocated(), 6));
        cpu.set("used", decimal(c.cpuUsed(), 6));
        ObjectNode mem = util.putObject("memory");
        mem.set("allocated", decimal(c.memoryAllocated(), 6));
        mem.set("used", decimal(c.memoryUsed(), 6));
        ObjectNode gpu = util.putObject("gpu");
        gpu.set("allocated", decimal(c.gpuAllocated(), 6));
        gpu.set("used", decimal(c.gpuUsed(), 6));
        ObjectNode cluster = root.putObject("cluster");
        cluster.put("nodes", c.nodes());
        cluster.put("cpuMillis", c.cpuCapacityMillis());
        cluster.put("memoryMiB", c.memoryCapacityMiB());
        cluster.put("gpus", c.gpus());
        return root;
    }

    /** Writes the summary, ending with a newline. */
    public static void write(RunReport report, OutputStream out) throws IOException {
        DeterministicJson.write(toTree(report), out);
    }

    private static ObjectNode latency(Histogram h, double meanMs) {
        ObjectNode n = NODES.objectNode();
        n.put("count", h.getTotalCount());
        boolean empty = h.getTotalCount() == 0;
        n.set("mean", empty ? NODES.nullNode() : decimal(meanMs, 3));
        putPercentile(n, "p50", h, 50);
        putPercentile(n, "p90", h, 90);
        putPercentile(n, "p95", h, 95);
        putPercentile(n, "p99", h, 99);
        putPercentile(n, "p999", h, 99.9);
        n.set("max", empty ? NODES.nullNode() : decimal(h.getMaxValue() / 1000.0, 3));
        return n;
    }

    private static void putPercentile(ObjectNode n, String key, Histogram h, double p) {
        n.set(key, h.getTotalCount() == 0 ? NODES.nullNode() : decimal(h.getValueAtPercentile(p) / 1000.0, 3));
    }
}
