package io.capsim.engine.cluster;

import java.util.Objects;

/**
 * A set of identical nodes.
 *
 * @param name pool name, used to name its nodes {@code <name>-<index>}
 * @param count number of nodes, at least 0
 * @param cpuMillis allocatable CPU per node, in millicores, at least 1
 * @param memoryMiB allocatable memory per node, in MiB, at least 1
 * @param gpus whole GPUs per node, at least 0
 */
public record NodePool(String name, int count, long cpuMillis, long memoryMiB, int gpus) {

    public NodePool {
        Objects.requireNonNull(name, "name");
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " < 0");
        }
        if (cpuMillis < 1 || memoryMiB < 1 || gpus < 0) {
            throw new IllegalArgumentException("node capacity must be positive");
        }
    }

    /** A pool of CPU-only nodes. */
    public NodePool(String name, int count, long cpuMillis, long memoryMiB) {
        this(name, count, cpuMillis, memoryMiB, 0);
    }
}
