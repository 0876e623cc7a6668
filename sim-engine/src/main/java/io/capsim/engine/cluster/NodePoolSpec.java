package io.capsim.engine.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A pool of identical nodes (a node group), expanded into {@link NodeSpec}s named {@code
 * <name>-<index>}. Every node carries the label {@link NodeSpec#POOL_LABEL}{@code =<name>} and, when
 * it has GPUs, {@link NodeSpec#GPU_MODEL_LABEL}{@code =<gpuModel>}, besides {@code labels}.
 *
 * @param name pool name, non-empty
 * @param count number of nodes, at least 0
 * @param cpuMillis allocatable CPU per node, millicores, at least 0
 * @param memoryMiB allocatable memory per node, MiB, at least 0
 * @param gpus GPU devices per node, in [0, 64]
 * @param gpuModel GPU model, empty when {@code gpus == 0}
 * @param labels labels of every node; copied
 * @param taints taints of every node; copied
 * @param extended extended resources per node; copied
 * @param costPerNodeHour price of one node for one hour, at least 0
 */
public record NodePoolSpec(
        String name,
        int count,
        long cpuMillis,
        long memoryMiB,
        int gpus,
        String gpuModel,
        Map<String, String> labels,
        List<Taint> taints,
        Map<String, Long> extended,
        double costPerNodeHour) {

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
        // Validates the shared fields once.
        template(name, 0, cpuMillis, memoryMiB, gpus, gpuModel, labels, taints, extended, costPerNodeHour);
    }

    /** The pool's nodes, in index order. */
    public List<NodeSpec> nodes() {
        List<NodeSpec> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(template(name, i, cpuMillis, memoryMiB, gpus, gpuModel, labels, taints, extended, costPerNodeHour));
        }
        return out;
    }

    private static NodeSpec template(String pool, int i, long cpu, long mem, int gpus, String model,
            Map<String, String> labels, List<Taint> taints, Map<String, Long> ext, double cost) {
        TreeMap<String, String> l = new TreeMap<>(labels);
        l.put(NodeSpec.POOL_LABEL, pool);
        if (gpus > 0) {
            l.put(NodeSpec.GPU_MODEL_LABEL, model);
        }
        return new NodeSpec(pool + "-" + i, pool, cpu, mem, gpus, model, l, taints, ext, cost);
    }
}
