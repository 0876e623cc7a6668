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
 * @param gpuMemoryMiB memory of each GPU device, MiB, at least 0 (0 when unknown or without GPUs)
 * @param speed how fast the node runs work relative to a reference node (1.0), greater than 0:
 *     a replica on a node of speed 2 serves a request in half the time
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
        double costPerNodeHour,
        long gpuMemoryMiB,
        double speed) {

    /** Most GPU devices a node can have (devices are tracked in a 64-bit mask). */
    public static final int MAX_GPUS = 64;

    /** Label every node carries with its pool name. */
    public static final String POOL_LABEL = "capsim.io/pool";

    /** Label every GPU node carries with its GPU model. */
    public static final String GPU_MODEL_LABEL = "capsim.io/gpu-model";

    /** Kubernetes' well-known label with the node's name. */
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    /** Kubernetes' well-known zone label. */
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    /** NVIDIA GPU feature discovery's product label (the GPU model). */
    public static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";

    /** NVIDIA GPU feature discovery's per-device memory label, MiB. */
    public static final String GPU_MEMORY_LABEL = "nvidia.com/gpu.memory";

    /** NVIDIA GPU feature discovery's device count label. */
    public static final String GPU_COUNT_LABEL = "nvidia.com/gpu.count";

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
        if (gpuMemoryMiB < 0) {
            throw new IllegalArgumentException("node " + name + ": gpuMemoryMiB " + gpuMemoryMiB + " < 0");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("node " + name + ": speed " + speed + " is not a finite value > 0");
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
        return new NodeSpec(name, "", cpuMillis, memoryMiB, gpus, gpuModel, Map.of(), List.of(), Map.of(), 0, 0, 1.0);
    }

    /** The same node with other labels. */
    public NodeSpec withLabels(Map<String, String> newLabels) {
        return new NodeSpec(name, pool, cpuMillis, memoryMiB, gpus, gpuModel, newLabels, taints, extended, costPerNodeHour, gpuMemoryMiB, speed);
    }

    /** The same node with other taints. */
    public NodeSpec withTaints(List<Taint> newTaints) {
        return new NodeSpec(name, pool, cpuMillis, memoryMiB, gpus, gpuModel, labels, newTaints, extended, costPerNodeHour, gpuMemoryMiB, speed);
    }

    /** The same node with other extended resources. */
    public NodeSpec withExtended(Map<String, Long> newExtended) {
        return new NodeSpec(name, pool, cpuMillis, memoryMiB, gpus, gpuModel, labels, taints, newExtended, costPerNodeHour, gpuMemoryMiB, speed);
    }

    /** The same node with another speed. */
    public NodeSpec withSpeed(double newSpeed) {
        return new NodeSpec(name, pool, cpuMillis, memoryMiB, gpus, gpuModel, labels, taints, extended, costPerNodeHour,
                gpuMemoryMiB, newSpeed);
    }

    /** The same node with another pool name and cost. */
    public NodeSpec inPool(String newPool, double newCostPerNodeHour) {
        return new NodeSpec(name, newPool, cpuMillis, memoryMiB, gpus, gpuModel, labels, taints, extended,
                newCostPerNodeHour, gpuMemoryMiB, speed);
    }
}
