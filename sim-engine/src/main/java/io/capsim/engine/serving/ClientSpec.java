package io.capsim.engine.serving;

import java.util.Objects;

/**
 * How the clients of a service behave ({@code services.<name>.client}): how long they wait for a
 * request, and how they send it again after a timeout or a rejection.
 *
 * @param timeoutTicks time a client waits for one attempt, from sending it to its completion, ns;
 *     0 for no timeout
 * @param onTimeout what the server does with an attempt whose client left
 * @param maxAttempts attempts per request, the first included, at least 1 (1: no retry)
 * @param backoffTicks delay before the second attempt (before jitter), ns, at least 0
 * @param multiplier factor of the delay from one retry to the next, at least 1
 * @param maxBackoffTicks cap of the delay (before jitter), ns, at least {@code backoffTicks}
 * @param jitter how the delay is randomized (stream {@code client-retry/<service>})
 */
public record ClientSpec(
        long timeoutTicks,
        OnTimeout onTimeout,
        int maxAttempts,
        long backoffTicks,
        double multiplier,
        long maxBackoffTicks,
        Jitter jitter) {

    /** What the server does with an attempt whose client timed out. */
    public enum OnTimeout {
        /**
         * The server drops it (a client disconnect aborts the request, as vLLM and SGLang do): at
         * once if it is waiting, and if it is in service with {@code continuous-batching} (its KV
         * freed); a {@code fixed-slots} or {@code processor-sharing} request already in service
         * runs to its end, its work wasted.
         */
        CANCEL,
        /** The server serves it to its end anyway; the work is wasted. */
        CONTINUE
    }

    /** Randomization of the backoff delay {@code d}, as in AWS's "Exponential Backoff and Jitter". */
    public enum Jitter {
        /** {@code d} as is. */
        NONE,
        /** Uniform in [0, d). */
        FULL,
        /** {@code d/2} plus uniform in [0, d/2). */
        EQUAL
    }

    public ClientSpec {
        Objects.requireNonNull(onTimeout, "onTimeout");
        Objects.requireNonNull(jitter, "jitter");
        if (timeoutTicks < 0 || maxAttempts < 1 || backoffTicks < 0 || !(multiplier >= 1)
                || maxBackoffTicks < backoffTicks) {
            throw new IllegalArgumentException("invalid client spec");
        }
    }

    /** The delay before attempt {@code attempt + 1} (after {@code attempt} failed), before jitter, ns. */
    public long backoffTicks(int attempt) {
        double d = backoffTicks * Math.pow(multiplier, attempt - 1);
        return d >= maxBackoffTicks ? maxBackoffTicks : (long) d;
    }
}
