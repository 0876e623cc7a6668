package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.serving.ClientSpec;
import io.capsim.engine.serving.ContinuousBatching;
import io.capsim.engine.serving.FixedSlots;
import io.capsim.engine.serving.LlmSpec;
import io.capsim.engine.serving.ProcessorSharing;
import io.capsim.engine.serving.ReplicaEngines;
import io.capsim.engine.serving.Routers;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.TokenWork;
import io.capsim.engine.serving.Usage;
import io.capsim.engine.spi.Names;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.builtin.TraceFormats;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a serving scenario's {@code services} (Deployments: replicas, a pod template, the replica
 * engine, routing, queue, demand and usage) and checks that each can get its demand.
 */
final class ServiceReader {

    /** Most requests one replica may serve at once. */
    static final int MAX_CONCURRENCY = 1_000_000;

    private ServiceReader() {}

    static ServiceSpec readService(String name, Fields f, PodTemplateReader templates) {
        int before = f.problemCount();
        int replicas = (int) f.integer("replicas", true, 1, 0, ScenarioReader.MAX_COUNT);
        String engine = f.choice("engine", false, FixedSlots.NAME, new LinkedHashSet<>(ReplicaEngines.REGISTRY.names()));
        boolean sharing = ProcessorSharing.NAME.equals(engine);
        boolean batching = ContinuousBatching.NAME.equals(engine);
        // Processor sharing has no slots: by default every request routed to a replica is in service.
        int concurrency = (int) f.integer("concurrency", false,
                sharing ? MAX_CONCURRENCY : batching ? LlmReader.DEFAULT_MAX_BATCH : 1, 1, MAX_CONCURRENCY);
        long queueCapacity = f.integer("queueCapacity", false, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        String routing = f.choice("routing", false,
                sharing || batching ? Routers.LEAST_OUTSTANDING : Routers.SHARED_QUEUE,
                new LinkedHashSet<>(Routers.REGISTRY.names()));
        if (sharing && Routers.SHARED_QUEUE.equals(routing) && !f.has("concurrency")) {
            f.problem("routing", "shared-queue with engine processor-sharing needs a concurrency cap (a replica "
                    + "with unlimited room would take every request); set concurrency, or use a per-replica routing "
                    + "such as least-outstanding (the default for processor-sharing)");
        }
        String loss = f.choice("onReplicaLoss", false, "retry", Names.ordered("retry", "fail"));
        double startAt = f.seconds("startAt", false, 0, 0, false, ScenarioReader.MAX_SECONDS);
        PodSpec template = templates.read(name, f, Map.of("app", name));
        Resources req = template == null ? Resources.NONE : template.requests();
        if (sharing && template != null && req.cpuMillis() == 0 && template.limits().cpuMillis() == 0) {
            f.problem("resources", "engine processor-sharing shares the replica's CPU among its requests: give the "
                    + "replica a CPU request or limit (resources.cpu, or resources.requests.cpu / resources.limits.cpu)");
        }
        long cpu = req.cpuMillis();
        long mem = req.memoryMiB();
        double gpus = req.gpuMilliTotal() / 1000.0;
        double perSlot = 1.0 / Math.max(1, concurrency);
        Usage usage = new Usage(0, cpu * perSlot, mem, 0, 0, gpus * perSlot);
        YamlNode.MapNode u = f.map("usage", false);
        if (u != null) {
            Fields uf = new Fields(u, f.pathOf("usage"), f.problems());
            long idleCpu = uf.cpuMillis("idleCpu", false, 0, 0, 1_000_000_000L);
            // Absent, the default stays exact (requests / concurrency), as without a usage map.
            double cpuPerRequest = uf.has("cpuPerRequest") ? uf.cpuMillis("cpuPerRequest", true, 0, 0, 1_000_000_000L)
                    : usage.cpuMillisPerRequest();
            long idleMem = uf.memoryMiB("idleMemory", false, mem, 0, 1_000_000_000_000L);
            long memPerRequest = uf.memoryMiB("memoryPerRequest", false, 0, 0, 1_000_000_000_000L);
            double idleGpu = uf.number("idleGpu", false, 0, 0, false, 64);
            double gpuPerRequest = uf.number("gpuPerRequest", false, usage.gpusPerRequest(), 0, false, 64);
            uf.finish();
            usage = new Usage(idleCpu, cpuPerRequest, idleMem, memPerRequest, idleGpu, gpuPerRequest);
        }
        ClientSpec client = readClient(f);
        LlmSpec llm = null;
        if (batching) {
            llm = LlmReader.read(f, concurrency);
            for (String unused : List.of("tokenWork", "serviceTime")) {
                if (f.has(unused)) {
                    f.problem(unused, "is not used by engine " + ContinuousBatching.NAME + ", which times each step "
                            + "from llm's cost model and each request's token counts; remove it");
                }
            }
            if (llm != null && llm.coldStartTicks() >= 0) {
                if (f.has("startupTime")) {
                    f.problem("startupTime", "give startupTime or llm.coldStart, not both: coldStart makes the startup "
                            + "of image pull and model load");
                } else if (template != null) {
                    template = template.toBuilder().startupTicks(llm.coldStartTicks()).build();
                }
            }
            if (f.problemCount() > before || template == null || llm == null) {
                return null;
            }
            return new ServiceSpec(name, replicas, template, engine, concurrency, (int) queueCapacity, routing, usage,
                    null, null, loss.equals("retry") ? ServiceSpec.OnReplicaLoss.RETRY : ServiceSpec.OnReplicaLoss.FAIL,
                    io.capsim.engine.kernel.SimTime.ofSeconds(startAt), llm, null, client);
        }
        if (f.has("llm")) {
            f.problem("llm", "applies only to engine " + ContinuousBatching.NAME + " (this service's engine is "
                    + engine + ")");
        }
        TokenWork tokenWork = null;
        YamlNode.MapNode tw = f.map("tokenWork", false);
        if (tw != null) {
            Fields tf = new Fields(tw, f.pathOf("tokenWork"), f.problems());
            double base = tf.seconds("base", false, 0, 0, false, 3600);
            double perIn = tf.seconds("perInputToken", false, 0, 0, false, 60);
            double perOut = tf.seconds("perOutputToken", false, 0, 0, false, 60);
            tf.finish();
            tokenWork = new TokenWork(base * 1e9, perIn * 1e9, perOut * 1e9);
        }
        DistributionSpec serviceTime = null;
        YamlNode.MapNode st = f.map("serviceTime", tokenWork == null);
        if (st != null) {
            serviceTime = DistributionReader.read(st, f.pathOf("serviceTime"), f.problems());
        }
        if (f.problemCount() > before || template == null || (serviceTime == null && tokenWork == null)) {
            return null;
        }
        return new ServiceSpec(name, replicas, template, engine, concurrency, (int) queueCapacity, routing, usage,
                serviceTime, tokenWork, loss.equals("retry") ? ServiceSpec.OnReplicaLoss.RETRY : ServiceSpec.OnReplicaLoss.FAIL,
                io.capsim.engine.kernel.SimTime.ofSeconds(startAt), null, null, client);
    }

    /** Reads {@code services.<name>.client}, or null without it (or after a problem). */
    private static ClientSpec readClient(Fields service) {
        YamlNode.MapNode m = service.map("client", false);
        if (m == null) {
            return null;
        }
        Fields f = new Fields(m, service.pathOf("client"), service.problems());
        int before = f.problemCount();
        double timeout = f.seconds("timeout", false, 0, 0, false, ScenarioReader.MAX_SECONDS);
        String onTimeout = f.choice("onTimeout", false, "cancel", Names.ordered("cancel", "continue"));
        int maxAttempts = (int) f.integer("maxAttempts", false, 1, 1, 100);
        double backoff = f.seconds("backoff", false, 0.1, 0, false, 3600);
        double multiplier = f.number("backoffMultiplier", false, 2, 1, false, 100);
        double maxBackoff = f.seconds("maxBackoff", false, Math.max(10, backoff), 0, false, 3600);
        String jitter = f.choice("jitter", false, "full", Names.ordered("full", "equal", "none"));
        if (f.has("onTimeout") && !f.has("timeout")) {
            f.problem("onTimeout", "applies only with a timeout; give client.timeout");
        }
        if (maxBackoff < backoff && f.problemCount() == before) {
            f.problem("maxBackoff", "is below backoff (" + backoff + " s): the cap must be at least the first delay");
        }
        f.finish();
        if (f.problemCount() > before) {
            return null;
        }
        return new ClientSpec(io.capsim.engine.kernel.SimTime.ofSeconds(timeout),
                onTimeout.equals("cancel") ? ClientSpec.OnTimeout.CANCEL : ClientSpec.OnTimeout.CONTINUE, maxAttempts,
                io.capsim.engine.kernel.SimTime.ofSeconds(backoff), multiplier,
                io.capsim.engine.kernel.SimTime.ofSeconds(maxBackoff),
                ClientSpec.Jitter.valueOf(jitter.toUpperCase(java.util.Locale.ROOT)));
    }


    /**
     * A service without {@code serviceTime} must be fed only by arrivals that carry their demand
     * (a trace with work or token counts), since it has nothing else to draw from.
     */
    static void checkDemand(List<ServiceSpec> services, List<Scenario.ArrivalSpec> arrivals,
            YamlNode.MapNode arrivalsNode, Problems problems) {
        LlmReader.checkTokens(services, arrivals, arrivalsNode, problems);
        SessionReader.check(services, arrivals, arrivalsNode, problems);
        for (ServiceSpec s : services) {
            if (s.serviceTime() != null || s.llm() != null) {
                continue;
            }
            for (Scenario.ArrivalSpec a : arrivals) {
                if (a.target() != Scenario.Target.SERVICE || !a.targetName().equals(s.name()) || a.session() != null) {
                    continue;
                }
                Scenario.SizeSpec z = a.sizes();
                boolean sized = z != null && (z.work() != null || z.inputTokens() != null || z.outputTokens() != null);
                boolean carries = sized || a.trace() != null && TraceFormats.REGISTRY.find(a.trace().format())
                        .map(tf -> tf.fields(a.trace().options())).orElse(Set.of()).stream()
                        .anyMatch(k -> k == ArrivalField.WORK || k == ArrivalField.INPUT_TOKENS
                                || k == ArrivalField.OUTPUT_TOKENS);
                if (!carries) {
                    YamlNode n = arrivalsNode.get(a.name());
                    problems.add(n == null ? arrivalsNode.location() : n.location(), "arrivals." + a.name(),
                            "feeds service " + s.name() + ", which has no serviceTime, but " + a.describe()
                                    + " carries neither work nor token counts; give services." + s.name()
                                    + ".serviceTime");
                }
            }
        }
    }
}
