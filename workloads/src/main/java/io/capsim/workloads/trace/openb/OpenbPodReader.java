package io.capsim.workloads.trace.openb;

import java.io.Reader;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Cursor over an openb pod list ({@code name,cpu_milli,memory_mib,num_gpu,gpu_milli} and, except
 * in the multigpu files, {@code gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time}).
 * Absent or empty time columns read as -1; an absent {@code gpu_spec} as no constraint.
 */
public final class OpenbPodReader implements AutoCloseable {

    private final CsvCursor csv;
    private final int name;
    private final int cpu;
    private final int mem;
    private final int numGpu;
    private final int gpuMilli;
    private final int gpuSpec;
    private final int qos;
    private final int phase;
    private final int creation;
    private final int deletion;
    private final int scheduled;

    /** @param origin file name for messages */
    public OpenbPodReader(Reader reader, String origin) {
        this(reader, origin, io.capsim.workloads.trace.TraceLimits.DEFAULTS.maxLineBytes());
    }

    /**
     * @param origin file name for messages
     * @param maxLine characters a line may hold (limit {@code trace-line})
     */
    public OpenbPodReader(Reader reader, String origin, int maxLine) {
        csv = new CsvCursor(reader, origin, maxLine);
        name = csv.column("name");
        cpu = csv.column("cpu_milli");
        mem = csv.column("memory_mib");
        numGpu = csv.column("num_gpu");
        gpuMilli = csv.column("gpu_milli");
        gpuSpec = csv.optionalColumn("gpu_spec");
        qos = csv.optionalColumn("qos");
        phase = csv.optionalColumn("pod_phase");
        creation = csv.optionalColumn("creation_time");
        deletion = csv.optionalColumn("deletion_time");
        scheduled = csv.optionalColumn("scheduled_time");
    }

    /** Moves to the next row; false at the end. */
    public boolean nextRow() {
        return csv.nextRow();
    }

    /** Pod name. */
    public String name() {
        return csv.string(name);
    }

    /** CPU request, millicores. */
    public long cpuMillis() {
        return csv.longValue(cpu);
    }

    /** Memory request, MiB. */
    public long memoryMiB() {
        return csv.longValue(mem);
    }

    /** GPUs requested. */
    public int numGpu() {
        return (int) csv.longValue(numGpu);
    }

    /** Share of each GPU, milli-GPU (0 without GPUs). */
    public int gpuMilli() {
        return (int) csv.longValue(gpuMilli);
    }

    /** Accepted GPU models (the {@code gpu_spec} column as a set); empty accepts all. */
    public Set<String> gpuSpec() {
        return new LinkedHashSet<>(csv.split(gpuSpec, "|"));
    }

    /** QoS label ({@code LS}, {@code BE}, {@code Burstable}, {@code Guaranteed}), or empty. */
    public String qos() {
        return csv.string(qos);
    }

    /** Final recorded phase, or empty. */
    public String podPhase() {
        return csv.string(phase);
    }

    /** Creation time, seconds, or -1. */
    public long creationTime() {
        return csv.longOr(creation, -1);
    }

    /** Deletion time, seconds, or -1. */
    public long deletionTime() {
        return csv.longOr(deletion, -1);
    }

    /** Bind time in the trace, seconds, or -1 if never scheduled. */
    public long scheduledTime() {
        return csv.longOr(scheduled, -1);
    }

    /** {@code file:line} of the current row. */
    public String origin() {
        return csv.origin();
    }

    IllegalStateException error(String message) {
        return csv.error(message);
    }

    @Override
    public void close() {
        csv.close();
    }
}
