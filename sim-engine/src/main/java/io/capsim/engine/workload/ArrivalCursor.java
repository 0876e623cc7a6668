package io.capsim.engine.workload;

/**
 * A time-ordered stream of arrivals, pulled one at a time, like a trace reader's row cursor.
 * The engine keeps only the current arrival, so memory does not depend on the stream's length.
 *
 * <p>Protocol: call {@link #advance()}; when it returns true, the accessors describe the new
 * current arrival until the next call. Times never decrease.
 *
 * <p>Besides its time, an arrival may carry sizes: a request's service demand, an LLM request's
 * prompt and output token counts, or a job's or pod's resource request. Each is a primitive getter
 * returning {@link #NO_VALUE} (or {@link #NO_WORK}) when the source does not provide it, so no
 * object is created per arrival.
 */
public interface ArrivalCursor extends AutoCloseable {

    /** Value of {@link #workTicks()} when the arrival does not carry its own service demand. */
    long NO_WORK = -1;

    /** Value of a size getter (tokens, resources) when the arrival does not carry that size. */
    long NO_VALUE = -1;

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

    /** Prompt (input, context) tokens of an LLM request, at least 0, or {@link #NO_VALUE}. */
    default long inputTokens() {
        return NO_VALUE;
    }

    /** Output (generated) tokens of an LLM request, at least 0, or {@link #NO_VALUE}. */
    default long outputTokens() {
        return NO_VALUE;
    }

    /** CPU requested by a job or pod, in millicores (1000 = one core), or {@link #NO_VALUE}. */
    default long cpuMillis() {
        return NO_VALUE;
    }

    /** Memory requested by a job or pod, in MiB, or {@link #NO_VALUE}. */
    default long memoryMiB() {
        return NO_VALUE;
    }

    /** GPUs requested by a job or pod, in thousandths of a GPU (1000 = one GPU), or {@link #NO_VALUE}. */
    default long gpuMillis() {
        return NO_VALUE;
    }

    /** How long a job or pod runs once started, in ticks, or {@link #NO_VALUE}. */
    default long durationTicks() {
        return NO_VALUE;
    }

    /**
     * GPU models a job or pod accepts, as one string with models separated by {@code |} (the openb
     * {@code gpu_spec} form), or null when any model will do. Implementations return shared
     * (interned) strings, so reading it allocates nothing.
     */
    default String gpuModels() {
        return null;
    }

    /**
     * Prefix-cache blocks of an LLM request's prompt (for example the Mooncake trace's {@code
     * hash_ids}, one id per 512-token block, equal ids meaning an equal prompt up to the end of that
     * block), or -1 when the source does not carry them.
     */
    default int prefixBlocks() {
        return -1;
    }

    /** The id of prefix block {@code i}, {@code 0 <= i < prefixBlocks()}. */
    default long prefixBlock(int i) {
        throw new IndexOutOfBoundsException("no prefix block " + i);
    }

    /** Where the current arrival came from, for messages: {@code trace.csv:1042}, or a process name. */
    String origin();

    /** Releases files or other resources; idempotent. */
    @Override
    default void close() {}
}
