package io.capsim.scenarios.validate;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.serving.ContinuousBatching;
import io.capsim.engine.serving.LlmCostModel;
import io.capsim.engine.serving.LlmProfiles;
import io.capsim.engine.serving.LlmSpec;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.builtin.TraceFormats;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code services.<name>.llm}, how a {@code continuous-batching} replica serves LLM requests:
 * the cost model (a named profile, each parameter overridable, or every parameter given), the KV
 * cache, the batch's token budget and the delays outside the engine; and checks that the streams
 * feeding such a service carry token counts that can fit.
 */
final class LlmReader {

    /** Default {@code maxBatchedTokens}, as vLLM's {@code max_num_batched_tokens} for online serving. */
    static final int DEFAULT_MAX_BATCHED_TOKENS = 8192;
    /** Default batch cap ({@code concurrency}), as vLLM's {@code max_num_seqs}. */
    static final int DEFAULT_MAX_BATCH = 256;

    private static final double MIB = 1024.0 * 1024;

    private LlmReader() {}

    /** Reads the {@code llm} map of a service whose engine is continuous-batching; null after a problem. */
    static LlmSpec read(Fields service, int concurrency) {
        YamlNode.MapNode m = service.map("llm", true);
        if (m == null) {
            return null;
        }
        Fields f = new Fields(m, service.pathOf("llm"), service.problems());
        int before = f.problemCount();
        String profileName = f.has("profile") ? f.choice("profile", false, null,
                new LinkedHashSet<>(LlmProfiles.REGISTRY.names())) : null;
        LlmProfiles.Profile p = profileName == null ? null : LlmProfiles.REGISTRY.find(profileName).orElse(null);
        boolean need = !f.has("profile"); // without a profile every model parameter is required
        LlmCostModel d = p == null ? null : p.cost();
        double fixed = f.seconds("fixed", false, d == null ? 0 : d.fixedSeconds(), 0, false, 60);
        double perRequest = f.seconds("perRequest", false, d == null ? 0 : d.perRequestSeconds(), 0, false, 60);
        double weightBytes = f.memoryMiB("weightBytes", need, d == null ? 0 : (long) Math.ceil(d.weightBytes() / MIB),
                1, 1L << 40) * MIB;
        if (d != null && !f.has("weightBytes")) {
            weightBytes = d.weightBytes();
        }
        double weightBw = f.number("weightBandwidthGBps", need, d == null ? 1 : d.weightBandwidth() / 1e9, 0, true, 1e6)
                * 1e9;
        double flopsPerToken = f.number("flopsPerToken", need, d == null ? 1 : d.flopsPerToken(), 0, true, 1e16);
        double flops = f.number("teraflops", need, d == null ? 1 : d.flops() / 1e12, 0, true, 1e6) * 1e12;
        int layers = (int) f.integer("layers", need, d == null ? 1 : d.layers(), 1, 10_000);
        int hidden = (int) f.integer("hidden", need, d == null ? 1 : d.hidden(), 1, 1_000_000);
        double kvPerToken = f.integer("kvBytesPerToken", need, d == null ? 1 : (long) d.kvBytesPerToken(), 1,
                1L << 30);
        double attnBw = f.number("attentionBandwidthGBps", need, d == null ? 1 : d.attentionBandwidth() / 1e9, 0, true,
                1e6) * 1e9;
        double attnFloor = f.seconds("attentionFloor", false, d == null ? 0 : d.attentionFloorSeconds(), 0, false, 1);
        double gpuMemory = f.memoryMiB("gpuMemory", false, p == null ? 0 : (long) (p.gpuMemoryBytes() / MIB), 1,
                1L << 30) * MIB;
        if (p != null && !f.has("gpuMemory")) {
            gpuMemory = p.gpuMemoryBytes();
        }
        int tp = (int) f.integer("tensorParallel", false, 1, 1, 64);
        double comm = f.seconds("commPerLayer", false, 0, 0, false, 1);
        int blockTokens = (int) f.integer("blockSize", false, 16, 1, 1024);
        int maxBatched = (int) f.integer("maxBatchedTokens", false, Math.max(DEFAULT_MAX_BATCHED_TOKENS, concurrency),
                1, 100_000_000);
        boolean chunked = f.bool("chunkedPrefill", false, true);
        double tokenize = f.seconds("tokenize", false, 0, 0, false, 3600);
        double stream = f.seconds("stream", false, 0, 0, false, 3600);
        double detokenize = f.seconds("detokenize", false, 0, 0, false, 3600);
        boolean prefixCaching = f.bool("prefixCaching", false, false);
        int prefixBlock = (int) f.integer("prefixBlockSize", false, LlmSpec.DEFAULT_PREFIX_BLOCK_TOKENS, 1, 1 << 20);
        if (prefixBlock % blockTokens != 0 && f.problemCount() == before) {
            f.problem("prefixBlockSize", prefixBlock + " is not a multiple of blockSize " + blockTokens
                    + ": a cached prefix block must be whole KV blocks");
        }
        long coldStart = readColdStart(f, weightBytes);
        double kvBytes;
        if (f.has("kvCache") && f.has("gpuMemoryUtilization")) {
            f.problem("kvCache", "give kvCache or gpuMemoryUtilization, not both");
            kvBytes = -1;
        } else if (f.has("kvCache")) {
            kvBytes = f.memoryMiB("kvCache", true, 0, 1, 1L << 40) * MIB;
        } else {
            double util = f.number("gpuMemoryUtilization", false, 0.9, 0, true, 1);
            if (!(gpuMemory > 0)) {
                f.problem("gpuMemory", "is required without a profile, to size the KV cache from gpuMemoryUtilization "
                        + "(or give kvCache)");
                kvBytes = -1;
            } else {
                kvBytes = util * gpuMemory * tp - weightBytes;
                if (kvBytes < kvPerToken * blockTokens && f.problemCount() == before) {
                    f.problem("gpuMemoryUtilization", String.format(java.util.Locale.ROOT,
                            "leaves no room for the KV cache: %.3g x %.4g GB x %d GPU(s) - %.4g GB of weights; raise it, "
                                    + "add tensorParallel GPUs, or give kvCache", util, gpuMemory / 1e9, tp,
                            weightBytes / 1e9));
                }
            }
        }
        if (maxBatched < concurrency && f.problemCount() == before) {
            f.problem("maxBatchedTokens", maxBatched + " is below the batch cap (concurrency " + concurrency
                    + "): every running request decodes one token per step");
        }
        if (tp == 1 && f.has("commPerLayer")) {
            f.problem("commPerLayer", "applies only with tensorParallel above 1");
        }
        f.finish();
        if (f.problemCount() > before) {
            return null;
        }
        LlmCostModel cost = new LlmCostModel(fixed, weightBytes, weightBw, flopsPerToken, flops, perRequest, layers,
                hidden, kvPerToken, attnBw, attnFloor, tp, comm);
        long blocks = (long) Math.floor(kvBytes / (kvPerToken * blockTokens));
        return new LlmSpec(profileName == null ? "custom" : profileName, cost, Math.max(1, blocks), blockTokens,
                maxBatched, chunked, SimTime.ofSeconds(tokenize), SimTime.ofSeconds(stream),
                SimTime.ofSeconds(detokenize), prefixCaching, prefixBlock, coldStart);
    }

    /**
     * Reads {@code llm.coldStart}: a replica's startup as image pull plus model load, the load
     * given or derived as {@code weightBytes / loadBandwidthGBps}; -1 without it (or after a problem).
     */
    private static long readColdStart(Fields llm, double weightBytes) {
        YamlNode.MapNode m = llm.map("coldStart", false);
        if (m == null) {
            return -1;
        }
        Fields f = new Fields(m, llm.pathOf("coldStart"), llm.problems());
        int before = f.problemCount();
        double pull = f.seconds("imagePull", false, 0, 0, false, ScenarioReader.MAX_SECONDS);
        double load = 0;
        if (f.has("modelLoad") && f.has("loadBandwidthGBps")) {
            f.problem("modelLoad", "give modelLoad or loadBandwidthGBps, not both");
        } else if (f.has("modelLoad")) {
            load = f.seconds("modelLoad", true, 0, 0, false, ScenarioReader.MAX_SECONDS);
        } else {
            double bw = f.number("loadBandwidthGBps", true, 1, 0, true, 1e6);
            load = weightBytes / (bw * 1e9);
        }
        f.finish();
        return f.problemCount() > before ? -1 : SimTime.ofSeconds(pull + load);
    }

    /** The largest count {@code d} can draw, within {@code max}: a constant's value, a bounded Pareto's upper bound. */
    static long largest(io.capsim.engine.random.DistributionSpec d, long max) {
        double top = switch (d.type()) {
            case "constant" -> d.get("value");
            case "bounded-pareto" -> d.get("upper");
            default -> Double.NaN;
        };
        return Double.isNaN(top) ? max : Math.min(max, (long) Math.ceil(top));
    }

    /**
     * Each stream feeding a continuous-batching service must carry prompt and output token counts,
     * and a process's {@code sizes} must not draw a request that could never fit the KV cache.
     */
    static void checkTokens(List<ServiceSpec> services, List<Scenario.ArrivalSpec> arrivals,
            YamlNode.MapNode arrivalsNode, Problems problems) {
        for (ServiceSpec s : services) {
            if (s.llm() == null) {
                continue;
            }
            for (Scenario.ArrivalSpec a : arrivals) {
                if (a.target() != Scenario.Target.SERVICE || !a.targetName().equals(s.name()) || a.session() != null) {
                    continue; // a session's calls are checked by SessionReader
                }
                YamlNode n = arrivalsNode == null ? null : arrivalsNode.get(a.name());
                Location at = n == null ? (arrivalsNode == null ? null : arrivalsNode.location()) : n.location();
                Scenario.SizeSpec z = a.sizes();
                if (z != null && z.inputTokens() != null && z.outputTokens() != null) {
                    long kv = s.llm().kvCacheTokens();
                    long in = largest(z.inputTokens(), z.inputMax());
                    long out = largest(z.outputTokens(), z.outputMax());
                    if (!s.llm().fits(in, out)) {
                        problems.add(at, "arrivals." + a.name() + ".sizes.inputTokens.max", "a prompt of up to "
                                + in + " tokens with up to " + out + " output tokens may never fit "
                                + "the KV cache of service " + s.name() + " (" + kv + " tokens per replica); lower "
                                + "sizes.inputTokens.max / sizes.outputTokens.max or enlarge services." + s.name()
                                + ".llm.kvCache");
                    }
                    continue;
                }
                Set<ArrivalField> fields = a.trace() == null ? Set.of() : TraceFormats.REGISTRY.find(a.trace().format())
                        .map(tf -> tf.fields(a.trace().options())).orElse(Set.of());
                if (z != null || !fields.contains(ArrivalField.INPUT_TOKENS)
                        || !fields.contains(ArrivalField.OUTPUT_TOKENS)) {
                    problems.add(at, "arrivals." + a.name(), "feeds service " + s.name() + " (engine "
                            + ContinuousBatching.NAME + "), but " + a.describe() + " does not carry both prompt and "
                            + "output token counts; give sizes.inputTokens and sizes.outputTokens, or a trace with "
                            + "inputTokens and outputTokens (azure-llm-2023, mooncake, a csv with both fields)");
                }
            }
        }
    }
}
