package io.capsim.workloads.transform;

import io.capsim.engine.workload.ArrivalCursor;
import java.util.Objects;

/**
 * A decorator that forwards every getter to the current source; subclasses change
 * {@code advance()} and whichever getters they transform (time, sizes).
 */
public abstract class Delegating implements ArrivalCursor {

    /** The cursor whose current arrival is exposed. */
    protected ArrivalCursor source;

    protected Delegating(ArrivalCursor source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public long timeTicks() {
        return source.timeTicks();
    }

    @Override
    public long workTicks() {
        return source.workTicks();
    }

    @Override
    public long inputTokens() {
        return source.inputTokens();
    }

    @Override
    public long outputTokens() {
        return source.outputTokens();
    }

    @Override
    public long cpuMillis() {
        return source.cpuMillis();
    }

    @Override
    public long memoryMiB() {
        return source.memoryMiB();
    }

    @Override
    public long gpuMillis() {
        return source.gpuMillis();
    }

    @Override
    public long durationTicks() {
        return source.durationTicks();
    }

    @Override
    public String gpuModels() {
        return source.gpuModels();
    }

    @Override
    public int prefixBlocks() {
        return source.prefixBlocks();
    }

    @Override
    public long prefixBlock(int i) {
        return source.prefixBlock(i);
    }

    @Override
    public String origin() {
        return source.origin();
    }

    @Override
    public void close() {
        source.close();
    }
}
