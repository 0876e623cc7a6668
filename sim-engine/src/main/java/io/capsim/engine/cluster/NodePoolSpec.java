package io.capsim.engine.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A pool of identical nodes (a node group), expanded into {@link NodeSpec}s named {@code
 * <name>-<index>}. Every node carries, besides {@code labels}: {@link NodeSpec#POOL_LABEL}{@code
 * =<name>}, {@link NodeSpec#HOSTNAME_LABEL}{@code =<node name>}, {@link NodeSpec#ZONE_LABEL} when the
 * pool has zones (nodes are spread over them in turn: node {@code i} is in zone {@code i mod
 * zones}), and, with GPUs, {@link NodeSpec#GPU_MODEL_LABEL} and GPU feature discovery's {@code
 * nvidia.com/gpu.product}, {@code nvidia.com/gpu.count} and (when known) {@code nvidia.com/gpu.memory}.
 *
 * @param name pool name, non-empty
 * @param count number of nodes, at least 0
 * @param cpuMillis allocatable CPU per node, millicores, at least 0
 * @param memoryMiB allocatable memory per node, MiB, at least 0
 * @param gpus GPU devices per node, in [0, 64]
 * @param gpuModel GPU model, empty when {@code gpus == 0}
 * @param gpuMemoryMiB memory per GPU device, MiB (0: not given)
 * @param labels labels of every node; copied
 * @param taints taints of every node; copied
 * @param extended extended resources per node (ephemeral storage included); copied
 * @param zones zones the nodes are spread over, in turn; empty for no zone label; copied
 * @param costPerNodeHour price of one node for one hour, at least 0
 * @param speed relative speed of the pool's nodes, greater than 0 (1.0 is the reference)
 */
public record NodePoolSpec(
        String name,
        int count,
        long cpuMillis,
        long memoryMiB,
        int gpus,
        String gpuModel,
        long gpuMemoryMiB,
        Map<String, String> labels,
        List<Taint> taints,
        Map<String, Long> extended,
        List<String> zones,
        double costPerNodeHour,
        double speed) {

    public NodePoolSpec {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("pool name must not be empty");
        }
        if (count < 0) {
            throw new IllegalArgumentException("pool " + name + ": count " + count + " < 0");
        }
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        taints = List.copyOf(taints);
        extended = java.util.Collections.unmodifiableMap(new TreeMap<>(extended));
        zones = List.copyOf(zones);
        // Validates the shared fields once (the record's fields are not assigned yet).
        new NodeSpec(name + "-0", name, cpuMillis, memoryMiB, gpus, gpuModel, labels, taints, extended, costPerNodeHour,
                gpus > 0 ? gpuMemoryMiB : 0, speed);
    }

    /** A pool of CPU-only nodes with no labels, taints, zones or cost, speed 1. */
    public static NodePoolSpec cpu(String name, int count, long cpuMillis, long memoryMiB) {
        return new NodePoolSpec(name, count, cpuMillis, memoryMiB, 0, "", 0, Map.of(), List.of(), Map.of(), List.of(),
                0, 1.0);
    }

    /** The pool's nodes, in index order. */
    public List<NodeSpec> nodes() {
        List<NodeSpec> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(node(i));
        }
        return out;
    }

    /** Node {@code i} of the pool. */
    public NodeSpec node(int i) {
        String nodeName = name + "-" + i;
        TreeMap<String, String> l = new TreeMap<>(labels);
        l.put(NodeSpec.POOL_LABEL, name);
        l.put(NodeSpec.HOSTNAME_LABEL, nodeName);
        if (!zones.isEmpty()) {
            l.put(NodeSpec.ZONE_LABEL, zones.get(i % zones.size()));
        }
        if (gpus > 0) {
            l.put(NodeSpec.GPU_MODEL_LABEL, gpuModel);
            l.put(NodeSpec.GPU_PRODUCT_LABEL, gpuModel);
            l.put(NodeSpec.GPU_COUNT_LABEL, Integer.toString(gpus));
            if (gpuMemoryMiB > 0) {
                l.put(NodeSpec.GPU_MEMORY_LABEL, Long.toString(gpuMemoryMiB));
            }
        }
        return new NodeSpec(nodeName, name, cpuMillis, memoryMiB, gpus, gpuModel, l, taints, extended, costPerNodeHour,
                gpus > 0 ? gpuMemoryMiB : 0, speed);
    }
}
