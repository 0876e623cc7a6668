package io.capsim.engine.serving;

import io.capsim.engine.random.Counts;
import io.capsim.engine.random.DistributionSpec;
import java.util.Objects;

/**
 * Agent sessions (closed loop): each arrival of a stream starts a session, a chain of calls to a
 * service where each next call is sent once the previous one has been answered plus a tool or think
 * time; after any call but the last, the session may fan out to sub-agents (each a chain of calls of
 * its own, possibly to another service) and wait for all of them before its next call
 * (supervisor/sub-agent). See {@link Sessions}.
 *
 * @param name the arrival stream's name; random streams are {@code sessions/<name>/...}
 * @param main the supervisor's chain
 * @param fanOut sub-agents after a supervisor call, or null for none
 */
public record SessionSpec(String name, Chain main, FanOut fanOut) {

    public SessionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(main, "main");
    }

    /**
     * A chain of calls to one service.
     *
     * @param service the service every call goes to
     * @param calls calls in the chain (at least 1 is made even if a draw gives 0)
     * @param thinkTime time between an answer and the next call (seconds), or null for none
     * @param work each call's demand at speed 1 (seconds), or null (the service's own model)
     * @param inputTokens each call's prompt tokens, or null (none: the service's serviceTime applies)
     * @param outputTokens each call's output tokens, or null
     */
    public record Chain(String service, Counts.Spec calls, DistributionSpec thinkTime, DistributionSpec work,
            Counts.Spec inputTokens, Counts.Spec outputTokens) {
        public Chain {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(calls, "calls");
        }
    }

    /**
     * Sub-agents started when a supervisor call (not its last) is answered: each runs its own chain,
     * all at once; the supervisor's next call waits for the last of them (the join), then its think
     * time.
     *
     * @param agent each sub-agent's chain
     * @param width sub-agents per fan-out (0 means no fan-out that time)
     * @param probability chance that a supervisor call fans out, in [0, 1]
     */
    public record FanOut(Chain agent, Counts.Spec width, double probability) {
        public FanOut {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(width, "width");
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("fan-out probability " + probability + " is not in [0, 1]");
            }
        }
    }
}
