package io.capsim.engine.workload;

/**
 * A time-ordered stream of arrivals, pulled one at a time, like a trace reader's row cursor.
 * The engine keeps only the current arrival, so memory does not depend on the stream's length.
 *
 * <p>Protocol: call {@link #advance()}; when it returns true, the accessors describe the new
 * current arrival until the next call. Times never decrease.
 */
public interface ArrivalCursor extends AutoCloseable {

    /** Value of {@link #workTicks()} when the arrival does not carry its own service demand. */
    long NO_WORK = -1;

    /**
     * Moves to the next arrival.
     *
     * @return false when the stream is exhausted
     * @throws IllegalStateException if the source is malformed (message names its origin)
     */
    boolean advance();

    /** Arrival time of the current arrival, in ticks from the start of the run. */
    long timeTicks();

    /**
     * Service demand carried by the arrival (for example a measured service time in a trace), in
     * ticks, or {@link #NO_WORK} when the target service draws it from its own distribution.
     */
    default long workTicks() {
        return NO_WORK;
    }

    /** Where the current arrival came from, for messages: {@code trace.csv:1042}, or a process name. */
    String origin();

    /** Releases files or other resources; idempotent. */
    @Override
    default void close() {}
}
