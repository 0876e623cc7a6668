package io.capsim.reports.json;

import static io.capsim.reports.json.DeterministicJson.NODES;
import static io.capsim.reports.json.DeterministicJson.decimal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.engine.results.AutoscalingResult;
import io.capsim.engine.results.ClusterAutoscalerResult;
import io.capsim.engine.results.ClusterResult;
import io.capsim.engine.results.JobResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.Slo;
import io.capsim.engine.results.SchedulerResult;
import io.capsim.engine.results.LlmResult;
import io.capsim.engine.results.ResizeResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.results.SessionResult;
import io.capsim.reports.model.ArrivalReport;
import io.capsim.reports.model.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code summary.json}: the machine-readable result of a run, compared by CI against baselines. Its
 * fields are documented in {@code docs/SCENARIOS.md} (section "Output").
 *
 * <p>Deterministic: keys in a fixed order, numbers rounded to fixed decimals (milliseconds to
 * 3 decimals, fractions to 6), no wall-clock values. The same run gives the same bytes.
 * Latency percentiles come from the HdrHistogram (highest value equivalent to the percentile's
 * bucket, relative error at most 0.1%); means are exact. Absent values (no request completed)
 * are {@code null}.
 */
public final class SummaryJson {

    /** Version of the layout; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 2;

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
            services.set(s.name(), service(s, r.measuredSeconds()));
        }
        ObjectNode jobs = root.putObject("jobs");
        for (JobResult j : r.jobs()) {
            jobs.set(j.name(), job(j));
        }
        if (!r.sessions().isEmpty()) { // only with agent sessions
            ObjectNode sessions = root.putObject("sessions");
            for (SessionResult x : r.sessions()) {
                sessions.set(x.name(), session(x));
            }
        }
        root.set("scheduler", scheduler(r.scheduler()));
        root.set("cluster", cluster(r.cluster()));
        ObjectNode arrivals = root.putObject("arrivals");
        for (ArrivalReport a : report.arrivals()) {
            ObjectNode n = arrivals.putObject(a.name());
            n.put(a.kind(), a.target());
            n.put("source", a.source());
            if (a.traceRows() >= 0) {
                n.put("traceRows", a.traceRows());
                n.put("skippedRows", a.skippedRows());
                n.put("filteredRows", a.filteredRows());
            }
        }
        root.set("slo", slo(report));
        return root;
    }

    /** The scenario's objectives judged on the run: {@code met} (all held) and each objective. */
    private static ObjectNode slo(RunReport report) {
        ObjectNode n = NODES.objectNode();
        n.put("met", report.sloMet());
        ArrayNode list = n.putArray("objectives");
        for (Slo.Judgement j : report.slo()) {
            Slo s = j.slo();
            ObjectNode o = list.addObject();
            o.put("path", s.path());
            o.put("owner", s.owner());
            boolean attainment = s.figure() == Slo.Figure.ATTAINMENT;
            boolean job = s.figure() == Slo.Figure.QUEUEING_DELAY_PERCENTILE
                    || s.figure() == Slo.Figure.COMPLETION_TIME_PERCENTILE;
            // The figure as summary.json names it, and the unit of limit and actual: that figure's.
            o.put("figure", switch (s.figure()) {
                case LATENCY_PERCENTILE -> "latencyMs";
                case TTFT_PERCENTILE -> "ttftMs";
                case TPOT_PERCENTILE -> "tpotMs";
                case ATTAINMENT -> "attainment";
                case QUEUEING_DELAY_PERCENTILE -> "queueingDelaySeconds";
                case COMPLETION_TIME_PERCENTILE -> "completionSeconds";
            });
            o.set("percentile", attainment ? NODES.nullNode() : decimal(s.percentile(), 3));
            double scale = job ? 1000 : 1;
            o.set("limit", decimal(s.limitMillis() / scale, 3));
            o.set("target", attainment ? decimal(s.target(), 6) : NODES.nullNode());
            o.set("actual", decimal(attainment ? j.actual() : j.actual() / scale, attainment ? 6 : 3));
            o.put("met", j.met());
        }
        return n;
    }

    private static ObjectNode service(ServiceResult s, double measuredSeconds) {
        ObjectNode n = NODES.objectNode();
        n.put("engine", s.engine());
        n.put("routing", s.routing());
        ObjectNode replicas = n.putObject("replicas");
        replicas.put("desired", s.replicasDesired());
        replicas.set("readyMean", decimal(s.replicasReadyMean(), 6));
        replicas.put("readyAtEnd", s.replicasReadyAtEnd());
        ObjectNode byPool = replicas.putObject("readyByPool");
        s.readyByPool().forEach((k, v) -> byPool.set(k, decimal(v, 6)));
        replicas.put("podsCreated", s.podsCreated());
        replicas.put("preempted", s.replicasPreempted());
        replicas.put("evicted", s.replicasEvicted());
        replicas.put("concurrency", s.concurrency());
        ObjectNode req = n.putObject("requests");
        req.put("arrived", s.arrived());
        req.put("completed", s.completed());
        req.put("rejected", s.rejected());
        req.put("failed", s.failed());
        req.put("unfinished", s.unfinished());
        req.put("retried", s.retried());
        n.set("throughputPerSecond", decimal(measuredSeconds > 0 ? s.completed() / measuredSeconds : 0, 6));
        n.set("latencyMs", latency(s.responseMicros(), s.meanResponseMs(), 1000.0, 3));
        n.set("waitMs", latency(s.waitMicros(), s.meanWaitMs(), 1000.0, 3));
        n.set("slotUtilization", decimal(s.slotUtilization(), 6));
        n.set("meanQueueLength", decimal(s.meanQueueLength(), 6));
        n.set("meanInService", decimal(s.meanInService(), 6));
        AutoscalingResult a = s.autoscaling();
        if (a != null) { // only for a service with an HPA
            ObjectNode hpa = n.putObject("autoscaling");
            hpa.put("desiredMin", a.desiredMin());
            hpa.put("desiredMax", a.desiredMax());
            hpa.put("desiredAtEnd", a.desiredAtEnd());
            hpa.put("scaleUps", a.events().stream().filter(e -> e.to() > e.from()).count());
            hpa.put("scaleDowns", a.events().stream().filter(e -> e.to() < e.from()).count());
            ArrayNode events = hpa.putArray("events");
            for (AutoscalingResult.ScaleEvent e : a.events().subList(0, Math.min(a.events().size(), MAX_SCALE_EVENTS))) {
                ObjectNode ev = events.addObject();
                ev.set("atSeconds", decimal(e.atTicks() / 1e9, 3));
                ev.put("from", e.from());
                ev.put("to", e.to());
            }
            hpa.put("eventsNotListed", Math.max(0, a.events().size() - MAX_SCALE_EVENTS));
        }
        if (s.llm() != null) {
            n.set("llm", llm(s.llm()));
        }
        if (s.resize() != null) {
            n.set("resize", resize(s.resize()));
        }
        if (s.client() != null) {
            ObjectNode c = n.putObject("client");
            c.put("timeouts", s.client().timeouts());
            c.put("retries", s.client().retries());
            c.put("abandoned", s.client().abandoned());
            c.put("cancelled", s.client().cancelled());
            c.put("wasted", s.client().wasted());
        }
        return n;
    }

    /** What in-place resizing and vertical sizing did (only for a service with {@code sizing}). */
    private static ObjectNode resize(ResizeResult r) {
        ObjectNode n = NODES.objectNode();
        n.put("requested", r.requested());
        n.put("completed", r.completed());
        n.put("deferred", r.deferred());
        n.put("infeasible", r.infeasible());
        n.put("errored", r.errored());
        n.put("refused", r.refused());
        n.put("restarts", r.restarts());
        n.put("evictions", r.evictions());
        ObjectNode wait = n.putObject("deferredSeconds");
        wait.put("count", r.deferredWaitSeconds().length);
        for (double p : new double[] {50, 90, 99}) {
            wait.set("p" + (int) p, decimal(r.deferredWaitPercentile(p), 3));
        }
        wait.set("max", decimal(r.deferredWaitPercentile(100), 3));
        n.set("allocatedCoreHours", decimal(r.allocatedCoreHours(), 6));
        n.set("usedCoreHours", decimal(r.usedCoreHours(), 6));
        return n;
    }

    /** The LLM figures of a continuous-batching service (absent for other engines). */
    private static ObjectNode llm(LlmResult l) {
        ObjectNode n = NODES.objectNode();
        n.put("profile", l.profile());
        n.put("kvCacheTokens", l.kvCacheTokens());
        n.set("ttftMs", latency(l.ttftMicros(), l.meanTtftMs(), 1000.0, 3));
        n.set("tpotMs", latency(l.tpotMicros(), l.meanTpotMs(), 1000.0, 3));
        n.set("itlMs", latency(l.itlMicros(), l.meanItlMs(), 1000.0, 3));
        n.put("outputTokens", l.outputTokens());
        n.set("outputTokensPerSecond", decimal(l.outputTokensPerSecond(), 6));
        n.put("prefillTokens", l.prefillTokens());
        n.put("steps", l.steps());
        n.put("preemptions", l.preemptions());
        n.put("recomputedTokens", l.recomputedTokens());
        n.put("refused", l.refused());
        n.set("meanBatch", decimal(l.meanBatch(), 6));
        n.set("meanKvCacheUse", decimal(l.meanKvCacheUse(), 6));
        LlmResult.PrefixCache p = l.prefixCache();
        if (p != null) {
            ObjectNode c = n.putObject("prefixCache");
            c.put("lookups", p.lookups());
            c.put("hits", p.hits());
            c.set("requestHitRate", decimal(p.requestHitRate(), 6));
            c.put("promptTokens", p.promptTokens());
            c.set("tokenHitRate", decimal(p.tokenHitRate(), 6));
            c.put("prefillTokensSaved", p.hitTokens());
            c.put("evictedBlocks", p.evictedBlocks());
        }
        return n;
    }

    /** The agent sessions of one arrival stream. */
    private static ObjectNode session(SessionResult x) {
        ObjectNode n = NODES.objectNode();
        n.put("service", x.service());
        if (x.agentService() == null) {
            n.putNull("agentService");
        } else {
            n.put("agentService", x.agentService());
        }
        ObjectNode c = n.putObject("sessions");
        c.put("started", x.started());
        c.put("completed", x.completed());
        c.put("failed", x.failed());
        c.put("unfinished", x.unfinished());
        n.set("completionSeconds", latency(x.completionMicros(), x.meanCompletionMs() / 1000, 1e6, 3));
        n.set("callsPerSession", latency(x.callsPerSession(), x.meanCalls(), 1, 3));
        n.put("calls", x.calls());
        n.put("agentCalls", x.agentCalls());
        n.put("fanOuts", x.fanOuts());
        return n;
    }

    /** Scale events listed per service; the rest are counted (a long run may scale every 15 s). */
    static final int MAX_SCALE_EVENTS = 500;

    private static ObjectNode job(JobResult j) {
        ObjectNode n = NODES.objectNode();
        n.put("parallelism", j.parallelism());
        n.put("gang", j.gang());
        ObjectNode in = n.putObject("instances");
        in.put("submitted", j.submitted());
        in.put("completed", j.completed());
        in.put("failed", j.failed());
        in.put("running", j.running());
        in.put("waiting", j.waiting());
        n.set("queueingDelaySeconds", latency(j.queueingDelayMicros(), j.meanQueueingDelayMs() / 1000, 1e6, 3));
        n.set("completionSeconds", latency(j.completionMicros(), j.meanCompletionMs() / 1000, 1e6, 3));
        n.put("podFailures", j.podFailures());
        n.put("gangRestarts", j.gangRestarts());
        n.set("partialGangSeconds", decimal(j.partialGangSeconds(), 6));
        Histogram sd = j.slowdownMilli();
        n.set("slowdown", latency(sd, sd.getTotalCount() == 0 ? Double.NaN : sd.getMean() / 1000, 1000.0, 3));
        ObjectNode gpu = n.putObject("gpuHours");
        gpu.set("allocated", decimal(j.gpuHoursAllocated(), 6));
        gpu.set("useful", decimal(j.gpuHoursUseful(), 6));
        gpu.set("lost", decimal(j.gpuHoursLost(), 6));
        return n;
    }

    private static ObjectNode scheduler(SchedulerResult s) {
        ObjectNode n = NODES.objectNode();
        ArrayNode profiles = n.putArray("profiles");
        s.profiles().forEach(profiles::add);
        n.set("creationToBindMs", latency(s.creationToBindMicros(), s.meanCreationToBindMs(), 1000.0, 3));
        ObjectNode pending = n.putObject("pendingPods");
        pending.set("mean", decimal(s.pendingPodsMean(), 6));
        pending.put("max", s.pendingPodsMax());
        n.put("cycles", s.cycles());
        n.put("attempts", s.attempts());
        ObjectNode unsched = n.putObject("unschedulableAttempts");
        unsched.put("total", s.unschedulableAttempts());
        ObjectNode byPlugin = unsched.putObject("byPlugin");
        for (Map.Entry<String, Long> e : s.unschedulableByPlugin().entrySet()) {
            byPlugin.put(e.getKey(), e.getValue());
        }
        n.put("binds", s.binds());
        n.put("preemptions", s.preemptions());
        n.put("victims", s.victims());
        n.set("lostPodSeconds", decimal(s.lostPodSeconds(), 3));
        n.put("gangRejections", s.gangRejections());
        ArrayNode u = n.putArray("unschedulable");
        for (SchedulerResult.Unschedulable x : s.unschedulable()) {
            ObjectNode o = u.addObject();
            o.put("owner", x.owner());
            o.put("kind", x.neverSchedulable() ? "neverSchedulable" : "pendingAtEnd");
            o.put("pods", x.pods());
            o.set("firstSeconds", decimal(x.firstSeconds(), 6));
            o.put("reason", x.reason());
        }
        return n;
    }

    private static ObjectNode cluster(ClusterResult c) {
        ObjectNode n = NODES.objectNode();
        n.put("nodes", c.nodes());
        ObjectNode pools = n.putObject("pools");
        for (ClusterResult.Pool p : c.pools()) {
            ObjectNode o = pools.putObject(p.name());
            o.put("nodes", p.nodes());
            o.put("cpuMillis", p.cpuMillis());
            o.put("memoryMiB", p.memoryMiB());
            o.put("gpus", p.gpus());
            o.put("gpuModel", p.gpuModel());
            o.set("speed", decimal(p.speed(), 6));
            o.set("costPerNodeHour", decimal(p.costPerNodeHour(), 6));
        }
        ObjectNode cap = n.putObject("capacity");
        cap.put("cpuMillis", c.cpuCapacityMillis());
        cap.put("memoryMiB", c.memoryCapacityMiB());
        cap.put("gpus", c.gpus());
        ObjectNode cpu = n.putObject("cpu");
        cpu.set("allocated", decimal(c.cpuAllocated(), 6));
        cpu.set("used", decimal(c.cpuUsed(), 6));
        ObjectNode mem = n.putObject("memory");
        mem.set("allocated", decimal(c.memoryAllocated(), 6));
        mem.set("used", decimal(c.memoryUsed(), 6));
        ObjectNode gpu = n.putObject("gpu");
        gpu.set("allocated", decimal(c.gpuAllocated(), 6));
        gpu.set("used", decimal(c.gpuUsed(), 6));
        ObjectNode frag = n.putObject("gpuFragmentation");
        frag.set("mean", decimal(c.gpuFragmentationMean(), 6));
        frag.set("max", decimal(c.gpuFragmentationMax(), 6));
        n.set("nodeHours", decimal(c.nodeHours(), 6));
        n.set("cost", decimal(c.cost(), 6));
        ObjectNode coreHours = n.putObject("coreHours");
        coreHours.set("allocated", decimal(c.coreHoursAllocated(), 6));
        coreHours.set("used", decimal(c.coreHoursUsed(), 6));
        ObjectNode gpuHours = n.putObject("gpuHours");
        gpuHours.set("allocated", decimal(c.gpuHoursAllocated(), 6));
        gpuHours.set("used", decimal(c.gpuHoursUsed(), 6));
        if (c.autoscaler() != null) {
            n.set("autoscaler", autoscaler(c.autoscaler()));
        }
        return n;
    }

    /** The cluster autoscaler's figures per pool and its events. */
    private static ObjectNode autoscaler(ClusterAutoscalerResult a) {
        ObjectNode n = NODES.objectNode();
        n.put("expander", a.expander());
        ObjectNode pools = n.putObject("pools");
        for (ClusterAutoscalerResult.Pool p : a.pools()) {
            ObjectNode o = pools.putObject(p.name());
            o.put("minCount", p.minCount());
            o.put("maxCount", p.maxCount());
            o.put("nodesAtStart", p.nodesAtStart());
            o.put("nodesAtEnd", p.nodesAtEnd());
            o.put("nodesLeast", p.nodesLeast());
            o.put("nodesMost", p.nodesMost());
            o.set("nodesMean", decimal(p.nodesMean(), 6));
            o.put("scaleUps", p.scaleUps());
            o.put("nodesAdded", p.nodesAdded());
            o.put("scaleDowns", p.scaleDowns());
            o.put("failedScaleUps", p.failedScaleUps());
            o.set("nodeHours", decimal(p.nodeHours(), 6));
            o.set("costPerNodeHour", decimal(p.costPerNodeHour(), 6));
            o.set("cost", decimal(p.cost(), 6));
        }
        ArrayNode events = n.putArray("events");
        for (ClusterAutoscalerResult.Event e : a.events().subList(0, Math.min(a.events().size(), MAX_SCALE_EVENTS))) {
            ObjectNode ev = events.addObject();
            ev.set("atSeconds", decimal(e.atTicks() / 1e9, 3));
            ev.put("pool", e.pool());
            ev.put("kind", switch (e.kind()) {
                case SCALE_UP -> "scaleUp";
                case JOINED -> "joined";
                case REMOVED -> "removed";
                case TIMED_OUT -> "timedOut";
            });
            ev.put("nodes", e.nodes());
            ev.put("poolNodes", e.poolNodes());
        }
        n.put("eventsNotListed", Math.max(0, a.events().size() - MAX_SCALE_EVENTS));
        return n;
    }

    /** Writes the summary, ending with a newline. */
    public static void write(RunReport report, OutputStream out) throws IOException {
        DeterministicJson.write(toTree(report), out);
    }

    /**
     * Count, mean and percentiles of a histogram recorded in microseconds.
     *
     * @param meanInUnit the exact mean in the output unit
     * @param microsPerUnit microseconds per output unit (1000 for ms, 1e6 for s)
     */
    private static ObjectNode latency(Histogram h, double meanInUnit, double microsPerUnit, int scale) {
        ObjectNode n = NODES.objectNode();
        n.put("count", h.getTotalCount());
        boolean empty = h.getTotalCount() == 0;
        n.set("mean", empty ? NODES.nullNode() : decimal(meanInUnit, scale));
        putPercentile(n, "p50", h, 50, microsPerUnit, scale);
        putPercentile(n, "p90", h, 90, microsPerUnit, scale);
        putPercentile(n, "p95", h, 95, microsPerUnit, scale);
        putPercentile(n, "p99", h, 99, microsPerUnit, scale);
        putPercentile(n, "p999", h, 99.9, microsPerUnit, scale);
        n.set("max", empty ? NODES.nullNode() : decimal(h.getMaxValue() / microsPerUnit, scale));
        return n;
    }

    private static void putPercentile(ObjectNode n, String key, Histogram h, double p, double microsPerUnit, int scale) {
        n.set(key, h.getTotalCount() == 0 ? NODES.nullNode() : decimal(h.getValueAtPercentile(p) / microsPerUnit, scale));
    }
}
