package io.capsim.scenarios.validate;

import io.capsim.engine.random.Counts;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.random.Distributions;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.serving.SessionSpec;
import io.capsim.engine.spi.Names;
import io.capsim.scenarios.model.Scenario;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code arrivals.<name>.session}: each arrival of the stream starts an agent session
 * ({@link SessionSpec}) on the stream's service:
 *
 * <pre>
 * session:
 *   calls: 3                 # or a count distribution {type, ..., min, max}
 *   thinkTime: 2s            # or a distribution {type: exponential, mean: 2s}
 *   sizes: {inputTokens: {...}, outputTokens: {...}, work: {...}}
 *   fanOut:
 *     service: worker        # default: the stream's service
 *     width: 4               # sub-agents per fan-out, or a count distribution
 *     probability: 1         # that a supervisor call (not its last) fans out
 *     calls: 1               # each sub-agent's calls
 *     thinkTime: 0s
 *     sizes: {...}           # default: the session's
 * </pre>
 */
final class SessionReader {

    /** Most calls in one chain, and most sub-agents in one fan-out. */
    static final long MAX_CALLS = 10_000;

    private SessionReader() {}

    /**
     * @param stream the arrival stream's name
     * @param service the stream's service (already checked), or null if it was wrong
     * @return the spec, or null if anything was wrong
     */
    static SessionSpec read(String stream, String service, YamlNode.MapNode node, String path, Set<String> services,
            Problems problems) {
        Fields f = new Fields(node, path, problems);
        int before = f.problemCount();
        SessionSpec.Chain main = chain(f, service, null);
        SessionSpec.FanOut fanOut = null;
        YamlNode.MapNode fanNode = f.map("fanOut", false);
        if (fanNode != null) {
            Fields o = new Fields(fanNode, f.pathOf("fanOut"), problems);
            String agentService = service;
            if (o.has("service")) {
                agentService = o.string("service", true, null, null, null);
                if (agentService != null && !services.contains(agentService)) {
                    o.problem("service", Names.unknown("service", agentService, services));
                    agentService = null;
                }
            }
            Counts.Spec width = count(o, "width", true, 1);
            double probability = o.number("probability", false, 1, 0, false, 1);
            SessionSpec.Chain agent = chain(o, agentService, main);
            o.finish();
            if (agent != null && width != null) {
                fanOut = new SessionSpec.FanOut(agent, width, probability);
            }
        }
        f.finish();
        return f.problemCount() > before || main == null ? null : new SessionSpec(stream, main, fanOut);
    }

    /** A chain's fields in {@code f}; sizes default to {@code inherit}'s (the supervisor's, for a sub-agent). */
    private static SessionSpec.Chain chain(Fields f, String service, SessionSpec.Chain inherit) {
        int before = f.problemCount();
        Counts.Spec calls = count(f, "calls", inherit == null, 1);
        DistributionSpec think = duration(f, "thinkTime");
        DistributionSpec work = inherit == null ? null : inherit.work();
        Counts.Spec in = inherit == null ? null : inherit.inputTokens();
        Counts.Spec out = inherit == null ? null : inherit.outputTokens();
        YamlNode.MapNode sizesNode = f.map("sizes", false);
        if (sizesNode != null) {
            Scenario.SizeSpec z = ArrivalReader.readSizes(sizesNode, f.pathOf("sizes"), f.problems());
            if (z != null) {
                work = z.work();
                in = z.inputTokens() == null ? null : new Counts.Spec(z.inputTokens(), z.inputMin(), z.inputMax());
                out = z.outputTokens() == null ? null : new Counts.Spec(z.outputTokens(), z.outputMin(), z.outputMax());
            }
        }
        return f.problemCount() > before || service == null || calls == null ? null
                : new SessionSpec.Chain(service, calls, think, work, in, out);
    }

    /** A count: an integer in [0 or 1, MAX_CALLS], or a count distribution {type, ..., min, max}. */
    private static Counts.Spec count(Fields f, String key, boolean required, long def) {
        long least = key.equals("width") ? 0 : 1;
        if (f.node(key) instanceof YamlNode.MapNode) {
            long[] range = {least, MAX_CALLS};
            DistributionSpec d = ArrivalReader.tokens(f, key, f.problems(), range);
            if (d == null) {
                return null;
            }
            if (range[0] < least || range[1] > MAX_CALLS) {
                f.problem(key, "min and max must lie in [" + least + ", " + MAX_CALLS + "]");
                return null;
            }
            return new Counts.Spec(d, range[0], range[1]);
        }
        int before = f.problemCount();
        long n = f.integer(key, required, def, least, MAX_CALLS);
        return f.problemCount() > before ? null : Counts.Spec.constant(n);
    }

    /** A duration (a constant) or a duration distribution, or null if absent. */
    private static DistributionSpec duration(Fields f, String key) {
        if (f.node(key) instanceof YamlNode.MapNode) {
            return DistributionReader.read(f.map(key, false), f.pathOf(key), f.problems());
        }
        double s = f.seconds(key, false, Double.NaN, 0, false, ScenarioReader.MAX_SECONDS);
        return Double.isNaN(s) || s == 0 ? null : new DistributionSpec(Distributions.CONSTANT, Map.of("value", s));
    }

    /**
     * Every call of a session must be servable: a call to a {@code continuous-batching} service needs
     * prompt and output token counts that can fit its KV cache, a call to a service without a
     * {@code serviceTime} its work or token counts.
     */
    static void check(List<ServiceSpec> services, List<Scenario.ArrivalSpec> arrivals, YamlNode.MapNode arrivalsNode,
            Problems problems) {
        for (Scenario.ArrivalSpec a : arrivals) {
            SessionSpec s = a.session();
            if (s == null) {
                continue;
            }
            YamlNode n = arrivalsNode == null ? null : arrivalsNode.get(a.name());
            Location at = n == null ? (arrivalsNode == null ? Location.of("") : arrivalsNode.location()) : n.location();
            check(s.main(), "arrivals." + a.name() + ".session", services, at, problems);
            if (s.fanOut() != null) {
                check(s.fanOut().agent(), "arrivals." + a.name() + ".session.fanOut", services, at, problems);
            }
        }
    }

    private static void check(SessionSpec.Chain c, String path, List<ServiceSpec> services, Location at,
            Problems problems) {
        ServiceSpec svc = services.stream().filter(x -> x.name().equals(c.service())).findFirst().orElse(null);
        if (svc == null) {
            return; // reported where the service was read
        }
        if (svc.llm() != null) {
            if (c.inputTokens() == null || c.outputTokens() == null) {
                problems.add(at, path + ".sizes", "the calls go to service " + svc.name() + " (engine "
                        + svc.engine() + "), so each needs prompt and output token counts; give sizes.inputTokens "
                        + "and sizes.outputTokens");
            } else {
                long in = LlmReader.largest(c.inputTokens().distribution(), c.inputTokens().max());
                long out = LlmReader.largest(c.outputTokens().distribution(), c.outputTokens().max());
                if (!svc.llm().fits(in, out)) {
                    problems.add(at, path + ".sizes.inputTokens.max", "a prompt of up to " + in + " tokens with up to "
                            + out + " output tokens may never fit the KV cache of service " + svc.name() + " ("
                            + svc.llm().kvCacheTokens() + " tokens per replica); lower sizes.inputTokens.max / "
                            + "sizes.outputTokens.max or enlarge services." + svc.name() + ".llm.kvCache");
                }
            }
        } else if (svc.serviceTime() == null && c.work() == null
                && (svc.tokenWork() == null || c.inputTokens() == null && c.outputTokens() == null)) {
            problems.add(at, path + ".sizes", "the calls go to service " + svc.name() + ", which has no "
                    + "serviceTime, so each needs its work (sizes.work) or token counts; give sizes, or services."
                    + svc.name() + ".serviceTime");
        }
    }
}
