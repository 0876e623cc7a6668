package io.capsim.workloads.trace.openb;

import java.io.Reader;

/**
 * Cursor over an openb node list ({@code sn,cpu_milli,memory_mib,gpu,model}). Call {@link
 * #nextRow()}, then read the current row with the getters.
 */
public final class OpenbNodeReader implements AutoCloseable {

    private final CsvCursor csv;
    private final int sn;
    private final int cpu;
    private final int mem;
    private final int gpu;
    private final int model;

    /** @param origin file name for messages */
    public OpenbNodeReader(Reader reader, String origin) {
        this(reader, origin, io.capsim.workloads.trace.TraceLimits.DEFAULTS.maxLineBytes());
    }

    /**
     * @param origin file name for messages
     * @param maxLine characters a line may hold (limit {@code trace-line})
     */
    public OpenbNodeReader(Reader reader, String origin, int maxLine) {
        csv = new CsvCursor(reader, origin, maxLine);
        sn = csv.column("sn");
        cpu = csv.column("cpu_milli");
        mem = csv.column("memory_mib");
        gpu = csv.column("gpu");
        model = csv.column("model");
    }

    /** Moves to the next row; false at the end. */
    public boolean nextRow() {
        return csv.nextRow();
    }

    /** Node name. */
    public String name() {
        return csv.string(sn);
    }

    /** CPU capacity, millicores. */
    public long cpuMillis() {
        return csv.longValue(cpu);
    }

    /** Memory capacity, MiB. */
    public long memoryMiB() {
        return csv.longValue(mem);
    }

    /** GPU devices. */
    public int gpus() {
        return (int) csv.longValue(gpu);
    }

    /** GPU model, empty for CPU-only nodes. */
    public String model() {
        return csv.string(model);
    }

    /** {@code file:line} of the current row. */
    public String origin() {
        return csv.origin();
    }

    @Override
    public void close() {
        csv.close();
    }
}
