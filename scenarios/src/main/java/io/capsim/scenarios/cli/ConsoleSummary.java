package io.capsim.scenarios.cli;

import io.capsim.engine.results.ClusterResult;
import io.capsim.engine.results.JobResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.SchedulerResult;
import io.capsim.engine.results.SessionResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.results.TimeSeries;
import io.capsim.engine.results.WarmupDetection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What {@code capsim run} prints after a serving run: one line per service, per job and per
 * session stream, the scheduler's figures, every owner whose pods found no node with the reason (the first {@value
 * #MAX_OWNERS}; summary.json has them all), and the cluster's allocation.
 */
final class ConsoleSummary {

    /** Owners of unschedulable pods listed on the console. */
    static final int MAX_OWNERS = 10;

    private ConsoleSummary() {}

    static void print(PrintWriter w, String name, long seed, RunResult result, double wallSeconds, Path report) {
        w.printf(Locale.ROOT, "%s: seed %d, %.0f s simulated (%.0f s measured) in %.2f s wall, %d events%n",
                name, seed, result.simulatedSeconds(), result.measuredSeconds(), wallSeconds, result.eventsExecuted());
        if (!result.services().isEmpty()) {
            w.printf(Locale.ROOT, "%-20s %10s %10s %9s %10s %10s %10s%n",
                    "service", "completed", "rejected", "util", "p50 ms", "p99 ms", "p99.9 ms");
            for (ServiceResult r : result.services()) {
                w.printf(Locale.ROOT, "%-20s %10d %10d %8.1f%% %10s %10s %10s%n", r.name(), r.completed(), r.rejected(),
                        100 * r.slotUtilization(), ms(r.responseMicros(), 50), ms(r.responseMicros(), 99),
                        ms(r.responseMicros(), 99.9));
            }
        }
        if (!result.jobs().isEmpty()) {
            w.printf(Locale.ROOT, "%-20s %10s %10s %10s %12s %12s%n",
                    "job", "submitted", "completed", "failed", "queue p50 s", "queue p99 s");
            for (JobResult j : result.jobs()) {
                w.printf(Locale.ROOT, "%-20s %10d %10d %10d %12s %12s%n", j.name(), j.submitted(), j.completed(),
                        j.failed(), seconds(j.queueingDelayMicros(), 50), seconds(j.queueingDelayMicros(), 99));
            }
        }
        if (!result.sessions().isEmpty()) {
            w.printf(Locale.ROOT, "%-20s %10s %10s %10s %12s %12s %10s%n",
                    "sessions", "started", "completed", "failed", "time p50 s", "time p99 s", "calls");
            for (SessionResult x : result.sessions()) {
                w.printf(Locale.ROOT, "%-20s %10d %10d %10d %12s %12s %10.1f%n", x.name(), x.started(), x.completed(),
                        x.failed(), seconds(x.completionMicros(), 50), seconds(x.completionMicros(), 99), x.meanCalls());
            }
        }
        SchedulerResult s = result.scheduler();
        w.printf(Locale.ROOT, "scheduler (after warm-up): %d binds, creation to bind p50 %s ms, p99 %s ms; pending pods mean %.1f, max %d;"
                        + " %d unschedulable attempts, %d preemptions (%d victims)%n",
                s.binds(), ms(s.creationToBindMicros(), 50), ms(s.creationToBindMicros(), 99), s.pendingPodsMean(),
                s.pendingPodsMax(), s.unschedulableAttempts(), s.preemptions(), s.victims());
        List<SchedulerResult.Unschedulable> u = s.unschedulable();
        for (int k = 0; k < Math.min(u.size(), MAX_OWNERS); k++) {
            SchedulerResult.Unschedulable x = u.get(k);
            w.printf(Locale.ROOT, "  %s: %d pod%s %s since %.0f s: %s%n", x.owner(), x.pods(), x.pods() == 1 ? "" : "s",
                    x.neverSchedulable() ? "can never be scheduled" : "still pending at the end", x.firstSeconds(),
                    x.reason());
        }
        if (u.size() > MAX_OWNERS) {
            w.printf(Locale.ROOT, "  ... and %d more owners with pods that found no node (see summary.json)%n",
                    u.size() - MAX_OWNERS);
        }
        ClusterResult c = result.cluster();
        w.printf(Locale.ROOT, "cpu allocated %.1f%%, used %.1f%%; memory allocated %.1f%%, used %.1f%%%n",
                100 * c.cpuAllocated(), 100 * c.cpuUsed(), 100 * c.memoryAllocated(), 100 * c.memoryUsed());
        if (c.gpus() > 0) {
            w.printf(Locale.ROOT, "gpu allocated %.1f%%, used %.1f%% of %d%n", 100 * c.gpuAllocated(),
                    100 * c.gpuUsed(), c.gpus());
        }
        if (c.cost() > 0) {
            w.printf(Locale.ROOT, "%.1f node-hours, cost %.2f%n", c.nodeHours(), c.cost());
        }
        w.printf("report: %s%n", report);
        w.flush();
    }

    /**
     * The warm-up MSER-5 detects in each time series of the run (seconds, null if not detected),
     * beside the configured one, for run-info.json.
     */
    static Map<String, Object> warmup(RunResult result, double configuredSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configuredSeconds", configuredSeconds);
        Map<String, Object> bySeries = new LinkedHashMap<>();
        for (TimeSeries t : result.timeSeries()) {
            double d = WarmupDetection.seconds(t);
            bySeries.put(t.name(), Double.isNaN(d) ? null : d);
        }
        m.put("mser5Seconds", bySeries);
        return m;
    }

    /** One line: the configured warm-up and the longest MSER-5 detects, with its series. */
    @SuppressWarnings("unchecked")
    static void printWarmup(PrintWriter w, Map<String, Object> warmup) {
        String worst = null;
        double longest = -1;
        List<String> undetected = new ArrayList<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) warmup.get("mser5Seconds")).entrySet()) {
            if (e.getValue() == null) {
                undetected.add(e.getKey());
            } else if ((Double) e.getValue() > longest) {
                longest = (Double) e.getValue();
                worst = e.getKey();
            }
        }
        w.printf(Locale.ROOT, "warm-up: configured %.0f s; MSER-5 (whole run, per time series) at most %s%s%n",
                (Double) warmup.get("configuredSeconds"),
                worst == null ? "-" : String.format(Locale.ROOT, "%.0f s (%s)", longest, Terminal.safe(worst)),
                undetected.isEmpty() ? "" : "; still moving half-way, run longer: "
                        + Terminal.safe(String.join(", ", undetected)));
        w.flush();
    }

    private static String ms(Histogram h, double p) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", h.getValueAtPercentile(p) / 1000.0);
    }

    private static String seconds(Histogram h, double p) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(p) / 1e6);
    }
}
