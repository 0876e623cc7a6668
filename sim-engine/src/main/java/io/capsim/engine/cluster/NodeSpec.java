package io.capsim.engine.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One node: allocatable capacity, GPU devices, labels and taints.
 *
 * @param name unique node name, non-empty
 * @param pool name of the pool the node belongs to (empty when none)
 * @param cpuMillis allocatable CPU in millicores, at least 0
 * @param memoryMiB allocatable memory in MiB, at least 0
 * @param gpus number of GPU devices, each 1000 milli-GPU, in [0, 64]
 * @param gpuModel GPU model (for example {@code T4}); empty when {@code gpus == 0}
 * @param labels node labels; copied
 * @param taints node taints; copied
 * @param extended allocatable extended resources by name, each at least 0; copied
 * @param costPerNodeHour price of running the node for an hour, in the scenario's currency, at least 0
 */
public record NodeSpec(
        String name,
        String pool,
        long cpuMillis,
        long memoryMiB,
        int gpus,
        String gpuModel,
        Map<String, String> labels,
        List<Taint> taints,
        Map<String, Long> extended,
        double costPerNodeHour) {

    /** Most GPU devices a node can have (devices are tracked in a 64-bit mask). */
    public static final int MAX_GPUS = 64;

    /** Label every node carries with its pool name. */
    public static final String POOL_LABEL = "capsim.io/pool";

    /** Label every GPU node carries with its GPU model. */
    public static final String GPU_MODEL_LABEL = "capsim.io/gpu-model";

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(gpuModel, "gpuModel");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("node name must not be empty");
        }
        if (cpuMillis < 0 || memoryMiB < 0) {
            throw new IllegalArgumentException("node " + name + ": negative capacity");
        }
        if (gpus < 0 || gpus > MAX_GPUS) {
            throw new IllegalArgumentException("node " + name + ": gpus " + gpus + " is not in [0, " + MAX_GPUS + "]");
        }
        if (gpus == 0 && !gpuModel.isEmpty()) {
            throw new IllegalArgumentException("node " + name + ": GPU model " + gpuModel + " given without GPUs");
        }
        if (!(costPerNodeHour >= 0) || Double.isInfinite(costPerNodeHour)) {
            throw new IllegalArgumentException("node " + name + ": costPerNodeHour " + costPerNodeHour + " is not a finite value >= 0");
        }
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        taints = List.copyOf(taints);
        TreeMap<String, Long> ext = new TreeMap<>(extended);
        for (Map.Entry<String, Long> e : ext.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("node " + name + ": extended resource " + e.getKey() + " < 0");
            }
        }
        extended = java.util.Collections.unmodifiableMap(ext);
    }

    /** A node with CPU, memory and GPUs, no labels, taints or cost. */
    public static NodeSpec of(String name, long cpuMillis, long memoryMiB, int gpus, String gpuModel) {
        return new NodeSpec(name, "", cpuMillis, memoryMiB, gpus, gpuModel, Map.of(), List.of(), Map.of(), 0);
    }

    /** The same node with other labels. */
    public NodeSpec withLabels(Map<String, String> newLabels) {
        return new NodeSpec(name, pool, cpuMillis, memoryMiB, gpus, gpuModel, newLabels, taints, extended, costPerNodeHour);
    }

    /** The same node with other taints. */
    public NodeSpec withTaints(List<Taint> newTaints) {
        return new NodeSpec(name, pool, cpuMillis, memoryMiB, gpus, gpuModel, labels, newTaints, extended, costPerNodeHour);
    }

    /** The same node with other extended resources. */
    public NodeSpec withExtended(Map<String, Long> newExtended) {
        return new NodeSpec(name, pool, cpuMillis, memoryMiB, gpus, gpuModel, labels, taints, newExtended, costPerNodeHour);
    }
}
