package io.capsim.engine.serving;

import io.capsim.engine.kernel.Simulator;

/** What a {@link ReplicaEngine} reports to and asks of its service. */
public interface ReplicaHost {

    /** The clock. */
    Simulator sim();

    /** The service's requests in flight. */
    RequestTable requests();

    /**
     * The demand of a request in reference ticks (at speed 1): its own demand if it carries one,
     * else the service's token-work model applied to its token counts, else a draw from the
     * service time distribution.
     */
    long demandTicks(int request);

    /** A request starts service now on {@code replica}. */
    void started(int request, ReplicaEngine replica);

    /** A request finished now on {@code replica}; it leaves the service. */
    default void completed(int request, ReplicaEngine replica) {
        completed(request, replica, 0);
    }

    /**
     * A request finished now on {@code replica}, and its client sees the end {@code extraTicks}
     * later (streaming, detokenization: delays outside the engine that hold nothing); it leaves the
     * service.
     */
    void completed(int request, ReplicaEngine replica, long extraTicks);

    /** {@code replica} refuses a request it was given with {@link ReplicaEngine#start}: it is counted rejected. */
    void refused(int request, ReplicaEngine replica);

    /** The LLM measurements engines of LLM services report to; null for other services. */
    LlmMeter llm();

    /** Requests waiting at replicas changed by {@code delta}. */
    void queuedAtReplica(int delta);

    /** The next request of the service queue for {@code replica}, or -1 if none waits there. */
    int nextShared(ReplicaEngine replica);

    /** {@code replica} has one more unit of free capacity and nothing to run. */
    void freed(ReplicaEngine replica);

    /**
     * Wakes {@code replica} ({@link ReplicaEngine#wake}) for {@code request} after {@code delayTicks}:
     * a request's timer (its completion, for example), one kernel event whose handler is the
     * replica ({@code kind} = the request, or -1 for an engine's own timer).
     *
     * @return a handle for {@link #cancel}
     */
    long schedule(long delayTicks, int request, ReplicaEngine replica);

    /** Cancels a timer set with {@link #schedule} that has not fired yet. */
    void cancel(long timer);

    /**
     * Cores in use by {@code replica}'s requests changed by {@code deltaCores} (engines whose
     * factory {@link ReplicaEngineFactory#sharesCpu() shares the CPU} report it; it is their CPU use).
     */
    void cpuInUse(double deltaCores);
}
