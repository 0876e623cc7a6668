package io.capsim.workloads;

import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.engine.spi.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * The values an arrival carries, by their scenario key, each read from an {@link ArrivalCursor}
 * getter in its canonical integer unit. Used by field filters, generic CSV mappings, the CSV
 * writer and trace statistics.
 */
public enum ArrivalField {
    /** Arrival time, ticks from the start ({@link ArrivalCursor#timeTicks()}). */
    TIME("time", "ns"),
    /** Service demand, ticks, or -1 ({@link ArrivalCursor#workTicks()}). */
    WORK("work", "ns"),
    /** Prompt tokens, or -1. */
    INPUT_TOKENS("inputTokens", "tokens"),
    /** Output tokens, or -1. */
    OUTPUT_TOKENS("outputTokens", "tokens"),
    /** CPU request, millicores, or -1. */
    CPU_MILLIS("cpuMillis", "millicores"),
    /** Memory request, MiB, or -1. */
    MEMORY_MIB("memoryMiB", "MiB"),
    /** GPU request, thousandths of a GPU, or -1. */
    GPU_MILLIS("gpuMillis", "milli-GPUs"),
    /** How long a job or pod runs once started, ticks, or -1. */
    DURATION("duration", "ns");

    private final String key;
    private final String unit;

    ArrivalField(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** The scenario key, for example {@code inputTokens}. */
    public String key() {
        return key;
    }

    /** The canonical unit of {@link #of}. */
    public String unit() {
        return unit;
    }

    /** The field's value for the cursor's current arrival; -1 when absent (except {@link #TIME}). */
    public long of(ArrivalCursor c) {
        switch (this) {
            case TIME:
                return c.timeTicks();
            case WORK:
                return c.workTicks();
            case INPUT_TOKENS:
                return c.inputTokens();
            case OUTPUT_TOKENS:
                return c.outputTokens();
            case CPU_MILLIS:
                return c.cpuMillis();
            case MEMORY_MIB:
                return c.memoryMiB();
            case GPU_MILLIS:
                return c.gpuMillis();
            case DURATION:
                return c.durationTicks();
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * The field with scenario key {@code key}, exactly.
     *
     * @throws IllegalArgumentException naming the allowed keys and the nearest one
     */
    public static ArrivalField ofKey(String key) {
        List<String> keys = new ArrayList<>();
        for (ArrivalField f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
            keys.add(f.key);
        }
        throw new IllegalArgumentException(Names.unknown("arrival field", key, keys));
    }
}
