package io.capsim.reports.html;

import static io.capsim.reports.html.Page.cell;
import static io.capsim.reports.html.Page.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.capsim.reports.chart.RunCharts;
import io.capsim.reports.saved.SavedRun;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code report.html}: one self-contained page (see {@link Page}) drawn from a run's saved results:
 * provenance, key figures, the run's tables, the charts embedded, the scenario as run, and links to
 * the raw files. Every figure in a table is copied from {@code summary.json} and names its JSON
 * pointer in {@code data-json}; every string from the scenario, a trace or the command line is
 * escaped.
 */
public final class HtmlReport {

    private static final String[] LATENCY = {"count", "mean", "p50", "p90", "p95", "p99", "p999", "max"};

    private HtmlReport() {}

    /** The page. */
    public static String render(SavedRun run, List<RunCharts.Chart> charts) {
        JsonNode s = run.summary();
        String name = s.path("scenario").asText(run.label());
        StringBuilder h = Page.start("capsim: " + name);
        h.append("<p class=\"muted\">seed ").append(Page.value(s.path("seed"))).append(" &middot; simulated ")
                .append(Page.value(s.path("simulatedSeconds"))).append(" s, measured ")
                .append(Page.value(s.path("measuredSeconds"))).append(" s after warm-up &middot; ")
                .append(Page.value(s.path("events"))).append(" events</p>\n");
        Page.provenance(h, run.runInfo(), run.summary().path("seed").asText());
        h.append("<p class=\"muted\">Figures are copied from summary.json; latencies are in ms (jobs' in s), "
                + "fractions in [0, 1].</p>\n");
        List<String> services = names(s.path("services"));
        List<String> jobs = names(s.path("jobs"));
        slo(h, s);
        replications(h, s);
        keyFigures(h, s, services);
        if (!services.isEmpty()) {
            h.append("<h2>Services</h2>\n");
            table(h, s, "Requests and replicas", services, "/services/", new String[][] {
                {"replicas desired", "replicas/desired"}, {"replicas ready (mean)", "replicas/readyMean"},
                {"ready at end", "replicas/readyAtEnd"}, {"pods created", "replicas/podsCreated"},
                {"preempted", "replicas/preempted"}, {"evicted", "replicas/evicted"},
                {"arrived", "requests/arrived"}, {"completed", "requests/completed"},
                {"rejected", "requests/rejected"}, {"failed", "requests/failed"},
                {"unfinished", "requests/unfinished"}, {"retried", "requests/retried"},
                {"throughput /s", "throughputPerSecond"}, {"slot utilization", "slotUtilization"},
                {"mean queue", "meanQueueLength"}, {"mean in service", "meanInService"}});
            java.util.Set<String> pools = new java.util.LinkedHashSet<>();
            for (String n : services) {
                pools.addAll(names(s.path("services").path(n).path("replicas").path("readyByPool")));
            }
            if (!pools.isEmpty()) {
                String[][] cols = new String[pools.size()][];
                int k = 0;
                for (String p : pools) {
                    cols[k++] = new String[] {p, "replicas/readyByPool/" + token(p)};
                }
                table(h, s, "Ready replicas by node pool (time-average)", services, "/services/", cols);
            }
            latency(h, s, "Response time (ms): wait + service, requests arriving after warm-up", services,
                    "/services/", "latencyMs");
            latency(h, s, "Waiting time before service (ms)", services, "/services/", "waitMs");
            List<String> scaled = services.stream().filter(n -> s.path("services").path(n).has("autoscaling")).toList();
            if (!scaled.isEmpty()) {
                table(h, s, "HorizontalPodAutoscaler", scaled, "/services/", new String[][] {
                    {"fewest asked", "autoscaling/desiredMin"}, {"most asked", "autoscaling/desiredMax"},
                    {"asked at end", "autoscaling/desiredAtEnd"}, {"scale-ups", "autoscaling/scaleUps"},
                    {"scale-downs", "autoscaling/scaleDowns"}});
            }
            List<String> sized = services.stream().filter(n -> s.path("services").path(n).has("resize")).toList();
            if (!sized.isEmpty()) {
                table(h, s, "Vertical sizing and in-place resize", sized, "/services/", new String[][] {
                    {"resizes requested", "resize/requested"}, {"completed", "resize/completed"},
                    {"deferred", "resize/deferred"}, {"infeasible", "resize/infeasible"},
                    {"errored", "resize/errored"}, {"refused", "resize/refused"},
                    {"restarts", "resize/restarts"}, {"evictions", "resize/evictions"},
                    {"deferred p50 s", "resize/deferredSeconds/p50"}, {"deferred p99 s", "resize/deferredSeconds/p99"},
                    {"deferred max s", "resize/deferredSeconds/max"},
                    {"allocated core-hours", "resize/allocatedCoreHours"}, {"used core-hours", "resize/usedCoreHours"}});
            }
            List<String> withClients = services.stream().filter(n -> s.path("services").path(n).has("client"))
                    .toList();
            if (!withClients.isEmpty()) {
                table(h, s, "Clients: timeouts and retries", withClients, "/services/", new String[][] {
                    {"timeouts", "client/timeouts"}, {"retries", "client/retries"},
                    {"abandoned", "client/abandoned"}, {"cancelled by the server", "client/cancelled"},
                    {"wasted attempts", "client/wasted"}});
            }
            List<String> llm = services.stream().filter(n -> s.path("services").path(n).has("llm")).toList();
            if (!llm.isEmpty()) {
                table(h, s, "LLM serving (continuous batching)", llm, "/services/", new String[][] {
                    {"profile", "llm/profile"}, {"KV cache tokens", "llm/kvCacheTokens"},
                    {"output tokens /s", "llm/outputTokensPerSecond"}, {"steps", "llm/steps"},
                    {"preemptions", "llm/preemptions"}, {"recomputed tokens", "llm/recomputedTokens"},
                    {"refused", "llm/refused"}, {"mean batch", "llm/meanBatch"},
                    {"KV cache use", "llm/meanKvCacheUse"}});
                List<String> cached = llm.stream().filter(n -> s.path("services").path(n).path("llm").has("prefixCache"))
                        .toList();
                if (!cached.isEmpty()) {
                    table(h, s, "Prefix cache", cached, "/services/", new String[][] {
                        {"lookups", "llm/prefixCache/lookups"}, {"hits", "llm/prefixCache/hits"},
                        {"request hit rate", "llm/prefixCache/requestHitRate"},
                        {"prompt tokens", "llm/prefixCache/promptTokens"},
                        {"prefill tokens saved", "llm/prefixCache/prefillTokensSaved"},
                        {"token hit rate", "llm/prefixCache/tokenHitRate"},
                        {"evicted blocks", "llm/prefixCache/evictedBlocks"}});
                }
                latency(h, s, "Time to first token (ms)", llm, "/services/", "llm/ttftMs");
                latency(h, s, "Time per output token after the first (ms)", llm, "/services/", "llm/tpotMs");
                latency(h, s, "Inter-token latency (ms), one value per decoded token", llm, "/services/", "llm/itlMs");
            }
        }
        if (!jobs.isEmpty()) {
            h.append("<h2>Jobs</h2>\n");
            table(h, s, "Instances", jobs, "/jobs/", new String[][] {
                {"pods each", "parallelism"}, {"gang", "gang"}, {"submitted", "instances/submitted"},
                {"completed", "instances/completed"}, {"failed", "instances/failed"},
                {"running", "instances/running"}, {"waiting", "instances/waiting"},
                {"pod failures", "podFailures"}, {"gang restarts", "gangRestarts"},
                {"partial gang s", "partialGangSeconds"}});
            latency(h, s, "Queueing delay, submission to start (s)", jobs, "/jobs/", "queueingDelaySeconds");
            latency(h, s, "Completion time, submission to end (s)", jobs, "/jobs/", "completionSeconds");
            latency(h, s, "Slowdown: completion time / runtime", jobs, "/jobs/", "slowdown");
            table(h, s, "GPU-hours", jobs, "/jobs/", new String[][] {
                {"allocated", "gpuHours/allocated"}, {"useful", "gpuHours/useful"},
                {"lost to failures", "gpuHours/lost"}});
        }
        List<String> sessions = names(s.path("sessions"));
        if (!sessions.isEmpty()) {
            h.append("<h2>Agent sessions</h2>\n");
            table(h, s, "Sessions (started after warm-up)", sessions, "/sessions/", new String[][] {
                {"service", "service"}, {"sub-agent service", "agentService"}, {"started", "sessions/started"},
                {"completed", "sessions/completed"}, {"failed", "sessions/failed"},
                {"unfinished", "sessions/unfinished"}, {"calls", "calls"}, {"sub-agent calls", "agentCalls"},
                {"fan-outs", "fanOuts"}});
            latency(h, s, "Session completion time, start to last answer (s)", sessions, "/sessions/",
                    "completionSeconds");
            latency(h, s, "Calls per completed session", sessions, "/sessions/", "callsPerSession");
        }
        scheduler(h, s);
        cluster(h, s);
        arrivals(h, s);
        if (!charts.isEmpty()) {
            h.append("<h2>Charts</h2>\n");
            for (RunCharts.Chart c : charts) {
                Page.figure(h, c);
            }
        }
        Page.echo(h, run.scenarioText());
        Page.files(h, run.files());
        return Page.end(h);
    }

    private static void keyFigures(StringBuilder h, JsonNode s, List<String> services) {
        h.append("<h2>Key figures</h2>\n<table class=\"figures\">\n<thead><tr><th></th>");
        String[][] cols = {{"arrived", "requests/arrived"}, {"completed", "requests/completed"},
            {"rejected", "requests/rejected"}, {"failed", "requests/failed"}, {"throughput /s", "throughputPerSecond"},
            {"p50 ms", "latencyMs/p50"}, {"p99 ms", "latencyMs/p99"}, {"p99.9 ms", "latencyMs/p999"},
            {"slot utilization", "slotUtilization"}};
        for (String[] c : cols) {
            h.append("<th>").append(c[0]).append("</th>");
        }
        h.append("</tr></thead>\n");
        for (String name : services) {
            h.append("<tr><th scope=\"row\">").append(Html.escape(name)).append("</th>");
            for (String[] c : cols) {
                cell(h, s, "/services/" + token(name) + "/" + c[1]);
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<table class=\"figures\">\n<thead><tr><th></th><th>CPU</th><th>memory</th><th>GPU</th>"
                + "</tr></thead>\n");
        for (String k : new String[] {"allocated", "used"}) {
            h.append("<tr><th scope=\"row\">").append(k).append(" (time-weighted fraction)</th>");
            for (String r : new String[] {"cpu", "memory", "gpu"}) {
                cell(h, s, "/cluster/" + r + "/" + k);
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<table class=\"figures\">\n<thead><tr><th>nodes</th><th>node-hours</th><th>cost</th>"
                + "<th>pending pods (mean)</th><th>creation to bind p99 ms</th><th>preemptions</th></tr></thead>\n<tr>");
        for (String p : new String[] {"/cluster/nodes", "/cluster/nodeHours", "/cluster/cost", "/scheduler/pendingPods/mean",
            "/scheduler/creationToBindMs/p99", "/scheduler/preemptions"}) {
            cell(h, s, p);
        }
        h.append("</tr>\n</table>\n");
    }

    /** A table with one row per name and one column per (header, path below the name). */
    private static void table(StringBuilder h, JsonNode s, String caption, List<String> names, String base,
            String[][] cols) {
        h.append("<h3>").append(Html.escape(caption)).append("</h3>\n<table class=\"figures\">\n<thead><tr><th></th>");
        for (String[] c : cols) {
            h.append("<th>").append(Html.escape(c[0])).append("</th>");
        }
        h.append("</tr></thead>\n");
        for (String n : names) {
            h.append("<tr><th scope=\"row\">").append(Html.escape(n)).append("</th>");
            for (String[] c : cols) {
                cell(h, s, base + token(n) + "/" + c[1]);
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void latency(StringBuilder h, JsonNode s, String caption, List<String> names, String base,
            String field) {
        String[][] cols = new String[LATENCY.length][];
        for (int i = 0; i < LATENCY.length; i++) {
            cols[i] = new String[] {LATENCY[i].equals("p999") ? "p99.9" : LATENCY[i], field + "/" + LATENCY[i]};
        }
        table(h, s, caption, names, base, cols);
    }

    private static void scheduler(StringBuilder h, JsonNode s) {
        h.append("<h2>Scheduler</h2>\n<p>profiles: ");
        List<String> profiles = new ArrayList<>();
        s.path("scheduler").path("profiles").forEach(p -> profiles.add(p.asText()));
        h.append(Html.escape(String.join(", ", profiles))).append("</p>\n<table class=\"figures\">\n<thead><tr>");
        String[][] cols = {{"cycles", "cycles"}, {"attempts", "attempts"},
            {"unschedulable attempts", "unschedulableAttempts/total"}, {"binds", "binds"},
            {"preemptions", "preemptions"}, {"victims", "victims"}, {"lost pod-seconds", "lostPodSeconds"},
            {"gang rejections", "gangRejections"}, {"pending pods mean", "pendingPods/mean"},
            {"pending pods max", "pendingPods/max"}};
        for (String[] c : cols) {
            h.append("<th>").append(c[0]).append("</th>");
        }
        h.append("</tr></thead>\n<tr>");
        for (String[] c : cols) {
            cell(h, s, "/scheduler/" + c[1]);
        }
        h.append("</tr>\n</table>\n");
        h.append("<h3>Pod creation to bind (ms)</h3>\n<table class=\"figures\">\n<thead><tr><th></th>");
        for (String k : LATENCY) {
            h.append("<th>").append(k.equals("p999") ? "p99.9" : k).append("</th>");
        }
        h.append("</tr></thead>\n<tr><th scope=\"row\">all pods</th>");
        for (String k : LATENCY) {
            cell(h, s, "/scheduler/creationToBindMs/" + k);
        }
        h.append("</tr>\n</table>\n");
        List<String> plugins = names(s.path("scheduler").path("unschedulableAttempts").path("byPlugin"));
        if (!plugins.isEmpty()) {
            h.append("<h3>Unschedulable attempts by plugin</h3>\n<table class=\"figures\">\n"
                    + "<thead><tr><th>plugin</th><th>attempts</th></tr></thead>\n");
            for (String p : plugins) {
                h.append("<tr><th scope=\"row\">").append(Html.escape(p)).append("</th>");
                cell(h, s, "/scheduler/unschedulableAttempts/byPlugin/" + token(p));
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        JsonNode u = s.path("scheduler").path("unschedulable");
        if (u.size() > 0) {
            h.append("<h3>Pods that found no node</h3>\n<table class=\"figures\">\n<thead><tr><th>#</th><th>owner</th>"
                    + "<th>kind</th><th>pods</th><th>first at (s)</th><th>reason</th></tr></thead>\n");
            for (int i = 0; i < u.size(); i++) {
                h.append("<tr><th scope=\"row\">").append(i + 1).append("</th>");
                for (String f : new String[] {"owner", "kind", "pods", "firstSeconds", "reason"}) {
                    cell(h, s, "/scheduler/unschedulable/" + i + "/" + f);
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private static void cluster(StringBuilder h, JsonNode s) {
        List<String> pools = names(s.path("cluster").path("pools"));
        h.append("<h2>Cluster</h2>\n");
        table(h, s, "Node pools", pools, "/cluster/pools/", new String[][] {{"nodes", "nodes"},
            {"CPU millicores / node", "cpuMillis"}, {"memory MiB / node", "memoryMiB"}, {"GPUs / node", "gpus"},
            {"GPU model", "gpuModel"}, {"speed", "speed"}, {"cost / node-hour", "costPerNodeHour"}});
        h.append("<table class=\"figures\">\n<thead><tr><th>capacity CPU millicores</th><th>capacity memory MiB</th>"
                + "<th>GPUs</th><th>GPU fragmentation mean</th><th>GPU fragmentation max</th>"
                + "<th>core-hours allocated</th><th>core-hours used</th><th>GPU-hours allocated</th>"
                + "<th>GPU-hours used</th></tr></thead>\n<tr>");
        for (String p : new String[] {"/cluster/capacity/cpuMillis", "/cluster/capacity/memoryMiB",
            "/cluster/capacity/gpus", "/cluster/gpuFragmentation/mean", "/cluster/gpuFragmentation/max",
            "/cluster/coreHours/allocated", "/cluster/coreHours/used", "/cluster/gpuHours/allocated",
            "/cluster/gpuHours/used"}) {
            cell(h, s, p);
        }
        h.append("</tr>\n</table>\n");
        JsonNode ca = s.path("cluster").path("autoscaler");
        if (ca.isObject()) {
            h.append("<p>Cluster autoscaler, expander ").append(Html.escape(ca.path("expander").asText()))
                    .append(": node-hours and cost of the measured window (already in the cluster's totals).</p>\n");
            table(h, s, "Cluster autoscaler by node pool", names(ca.path("pools")), "/cluster/autoscaler/pools/",
                    new String[][] {{"min", "minCount"}, {"max", "maxCount"}, {"at start", "nodesAtStart"},
                        {"at end", "nodesAtEnd"}, {"fewest", "nodesLeast"}, {"most", "nodesMost"},
                        {"mean", "nodesMean"}, {"scale-ups", "scaleUps"}, {"nodes added", "nodesAdded"},
                        {"nodes removed", "scaleDowns"}, {"failed to join", "failedScaleUps"},
                        {"node-hours", "nodeHours"}, {"cost / node-hour", "costPerNodeHour"}, {"cost", "cost"}});
        }
    }

    /** The scenario's service level objectives, each met or missed, first: what a reviewer looks for. */
    private static void slo(StringBuilder h, JsonNode s) {
        JsonNode objectives = s.path("slo").path("objectives");
        if (objectives.size() == 0) {
            return;
        }
        boolean met = s.path("slo").path("met").asBoolean();
        h.append("<h2>Service level objectives: ").append(met ? "all met" : "<span class=\"missed\">MISSED</span>")
                .append("</h2>\n<table class=\"figures\">\n<thead><tr><th>objective</th><th>figure</th>"
                        + "<th>percentile</th><th>limit</th><th>target share</th><th>actual</th><th>met</th>"
                        + "</tr></thead>\n");
        for (int i = 0; i < objectives.size(); i++) {
            String base = "/slo/objectives/" + i + "/";
            boolean ok = objectives.get(i).path("met").asBoolean();
            h.append(ok ? "<tr>" : "<tr class=\"missed\">").append("<th scope=\"row\">")
                    .append(Html.escape(objectives.get(i).path("path").asText())).append("</th>");
            for (String f : new String[] {"figure", "percentile", "limit", "target", "actual", "met"}) {
                cell(h, s, base + f);
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** Last steps of the metrics the replications table shows (the rest are in summary.json). */
    private static final java.util.regex.Pattern KEY_METRIC = java.util.regex.Pattern.compile(
            "/(services/[^/]+/(latencyMs|waitMs|llm/ttftMs|llm/tpotMs)/(mean|p50|p99|p999)"
                    + "|services/[^/]+/(throughputPerSecond|slotUtilization|requests/rejected|requests/failed)"
                    + "|jobs/[^/]+/(queueingDelaySeconds|completionSeconds)/(mean|p99)"
                    + "|cluster/(cost|nodeHours|[a-z]+/allocated))");
    /** Most rows in the replications table. */
    private static final int REPLICATION_ROWS = 60;

    /**
     * With {@code --replications R}: the key metrics' mean, standard deviation and 95% interval
     * over the replications (the figures above are of the pooled runs).
     */
    private static void replications(StringBuilder h, JsonNode s) {
        JsonNode r = s.path("replications");
        if (!r.isObject()) {
            return;
        }
        List<String> seeds = new ArrayList<>();
        r.path("seeds").forEach(v -> seeds.add(v.asText()));
        h.append("<h2>Replications: ").append(Page.value(r.path("count"))).append(" runs</h2>\n<p class=\"muted\">Seeds ")
                .append(Html.escape(String.join(", ", seeds))).append(". Each metric's mean over the runs, its standard "
                        + "deviation and the ").append(Page.value(r.path("confidenceLevel")))
                .append(" confidence interval of the mean (Student t); the tables below are of the runs pooled (their "
                        + "histograms merged). Every metric is in summary.json's <code>replications</code>.</p>\n")
                .append("<table class=\"figures\">\n<thead><tr><th>metric</th><th>mean</th><th>std dev</th>"
                        + "<th>95% low</th><th>95% high</th></tr></thead>\n");
        int rows = 0;
        for (String ptr : names(r.path("metrics"))) {
            if (!KEY_METRIC.matcher(ptr).matches() || rows++ >= REPLICATION_ROWS) {
                continue;
            }
            String base = "/replications/metrics/" + token(ptr) + "/";
            h.append("<tr><th scope=\"row\">").append(Html.escape(ptr)).append("</th>");
            for (String f : new String[] {"mean", "stdDev", "ci95Low", "ci95High"}) {
                cell(h, s, base + f);
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void arrivals(StringBuilder h, JsonNode s) {
        List<String> streams = names(s.path("arrivals"));
        if (streams.isEmpty()) {
            return;
        }
        h.append("<h2>Arrival streams</h2>\n<table class=\"figures\">\n<thead><tr><th>stream</th><th>feeds</th>"
                + "<th>source</th><th>trace rows read</th><th>bad rows skipped</th><th>rows left out by rule</th>"
                + "</tr></thead>\n");
        for (String a : streams) {
            String base = "/arrivals/" + token(a) + "/";
            h.append("<tr><th scope=\"row\">").append(Html.escape(a)).append("</th>");
            cell(h, s, base + (s.path("arrivals").path(a).has("service") ? "service" : "job"));
            for (String f : new String[] {"source", "traceRows", "skippedRows", "filteredRows"}) {
                cell(h, s, base + f);
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** The field names of an object, in order. */
    static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
