package io.capsim.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsim.engine.results.ServiceResult;
import io.capsim.reports.ReportWriter;
import io.capsim.reports.compare.ReplicationStats;
import io.capsim.reports.compare.SummaryLeaves;
import io.capsim.reports.io.OutputFolder;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.model.SchedulingScenario;
import io.capsim.scenarios.run.Replications;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code capsim run --replications R}: the checks, the outputs and the console lines. */
final class ReplicationRun {

    private ReplicationRun() {}

    /** Refuses a replication count or thread count out of range (exit 2). */
    static void check(CommandSpec spec, int replications, Integer threads) {
        if (replications < 1 || replications > Replications.MAX) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--replications: " + replications
                    + " is not in [1, " + Replications.MAX + "]");
        }
        if (threads != null && (threads < 1 || threads > 1024)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads: " + threads
                    + " is not in [1, 1024]");
        }
    }

    /** A scheduling experiment with {@code --replications R} runs R seeds; anything else is as read. */
    static ScenarioDocument withSeedCount(ScenarioDocument doc, int replications) {
        if (doc instanceof SchedulingScenario s && replications > 1) {
            return new SchedulingScenario(s.name(), s.seed(), replications, s.nodesFile(), s.podsFile(), s.nodes(),
                    s.pods(), s.targetShare(), s.tieBreak(), s.sampling(), s.arrivalPoints(), s.policies(), s.plugins());
        }
        return doc;
    }

    /** The name of replication {@code k}'s (0-based) summary: {@code r01.summary.json} ... */
    static String summaryName(int k, int count) {
        int width = Math.max(2, String.valueOf(count).length());
        return String.format(Locale.ROOT, "r%0" + width + "d.summary.json", k + 1);
    }

    /** Writes the outputs of the replications; returns the combined summary. */
    static JsonNode write(OutputFolder folder, Replications.Result rep, Map<String, Object> info, double wall,
            String scenarioText) throws IOException {
        Map<String, ObjectNode> each = new LinkedHashMap<>();
        for (int k = 0; k < rep.runs().size(); k++) {
            each.put(summaryName(k, rep.runs().size()), rep.replicationSummary(k));
        }
        long events = rep.pooled().result().eventsExecuted();
        info.put("replications", rep.runs().size());
        info.put("replicationSeeds", rep.seeds());
        info.put("events", events);
        info.put("eventsPerSecond", wall > 0 ? events / wall : null);
        ObjectNode summary = rep.summary();
        ReportWriter.write(folder, rep.pooled(), summary, each, info, scenarioText);
        return summary;
    }

    static void print(PrintWriter w, Replications.Result rep, JsonNode summary, double wall, Path report) {
        long[] seeds = rep.seeds();
        w.printf(Locale.ROOT, "%s: %d replications (seeds %d .. %d) in %.2f s wall; pooled:%n", rep.scenario().name(),
                seeds.length, seeds[0], seeds[seeds.length - 1], wall);
        ConsoleSummary.print(w, rep.scenario().name() + " (pooled)", rep.scenario().seed(), rep.pooled().result(),
                wall, report);
        ReplicationStats.Read read = ReplicationStats.read(summary);
        if (read == null) {
            return;
        }
        w.printf("mean over replications [95%% confidence interval]:%n");
        for (ServiceResult s : rep.pooled().result().services()) {
            for (String leaf : new String[] {"latencyMs/p50", "latencyMs/p99", "throughputPerSecond"}) {
                String pointer = "/services/" + SummaryLeaves.escape(s.name()) + "/" + leaf;
                ReplicationStats.Metric m = read.metrics().get(pointer);
                if (m != null) {
                    w.printf(Locale.ROOT, "  %s: %.3f [%.3f, %.3f]%n", Terminal.safe(pointer), m.mean(), m.ci95Low(),
                            m.ci95High());
                }
            }
        }
        w.flush();
    }
}
