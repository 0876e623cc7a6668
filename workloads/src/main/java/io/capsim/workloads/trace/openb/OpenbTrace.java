package io.capsim.workloads.trace.openb;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.workload.PodArrival;
import io.capsim.workloads.trace.TraceLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the Alibaba GPU cluster trace 2023 ("openb", Weng et al., USENIX ATC'23) into engine
 * value types. The default pod list and the 1,213-node GPU node list ship as resources under
 * {@code traces/alibaba-gpu-v2023/} (see the README there for origin and licence).
 *
 * <p>Mapping: a node becomes a {@link NodeSpec} with its CPU, memory, GPUs and model, labelled
 * {@link NodeSpec#GPU_MODEL_LABEL}. A pod requests {@code cpu_milli}, {@code memory_mib} and {@code
 * num_gpu} devices of {@code gpu_milli} each; {@code gpu_spec} becomes its accepted GPU models;
 * {@code qos} and {@code pod_phase} become the labels {@code alibaba.com/qos} and {@code
 * alibaba.com/pod-phase}. The trace has no limits or priorities: limits are unset, priority 0.
 * Its duration is {@code deletion_time - scheduled_time} (or {@code - creation_time} if never
 * scheduled) seconds.
 */
public final class OpenbTrace {

    /** Classpath folder of the shipped files. */
    public static final String RESOURCE_DIR = "/traces/alibaba-gpu-v2023/";
    /** The default pod list (8,152 pods). */
    public static final String DEFAULT_PODS = "openb_pod_list_default.csv";
    /** The GPU node list (1,213 nodes, 6,212 GPUs). */
    public static final String GPU_NODES = "openb_node_list_gpu_node.csv";

    private OpenbTrace() {}

    /** Reads a node list with the default line limit. */
    public static List<NodeSpec> readNodes(Reader reader, String origin) {
        return readNodes(reader, origin, TraceLimits.DEFAULTS);
    }

    /** Reads a node list; lines are bounded by {@link TraceLimits#maxLineBytes()} characters. */
    public static List<NodeSpec> readNodes(Reader reader, String origin, TraceLimits limits) {
        List<NodeSpec> out = new ArrayList<>();
        try (OpenbNodeReader r = new OpenbNodeReader(reader, origin, limits.maxLineBytes())) {
            while (r.nextRow()) {
                try {
                    NodeSpec n = NodeSpec.of(r.name(), r.cpuMillis(), r.memoryMiB(), r.gpus(), r.gpus() > 0 ? r.model() : "");
                    if (r.gpus() > 0) {
                        n = n.withLabels(Map.of(NodeSpec.GPU_MODEL_LABEL, r.model()));
                    }
                    out.add(n);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(r.origin() + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** Reads a pod list with creation times (0 where the file has none), with the default line limit. */
    public static List<PodArrival> readPods(Reader reader, String origin) {
        return readPods(reader, origin, TraceLimits.DEFAULTS);
    }

    /**
     * Reads a pod list with creation times (0 where the file has none); lines are bounded by
     * {@link TraceLimits#maxLineBytes()} characters.
     */
    public static List<PodArrival> readPods(Reader reader, String origin, TraceLimits limits) {
        List<PodArrival> out = new ArrayList<>();
        try (OpenbPodReader r = new OpenbPodReader(reader, origin, limits.maxLineBytes())) {
            while (r.nextRow()) {
                try {
                    int gpus = r.numGpu();
                    Resources req = Resources.of(r.cpuMillis(), r.memoryMiB(), gpus, gpus == 0 ? 0 : r.gpuMilli());
                    long created = r.creationTime();
                    long deleted = r.deletionTime();
                    long scheduled = r.scheduledTime();
                    long start = scheduled >= 0 ? scheduled : created;
                    long durationTicks = deleted >= 0 && start >= 0 ? SimTime.ofSeconds(Math.max(0, deleted - start)) : -1;
                    java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
                    if (!r.qos().isEmpty()) {
                        labels.put("alibaba.com/qos", r.qos());
                    }
                    if (!r.podPhase().isEmpty()) {
                        labels.put("alibaba.com/pod-phase", r.podPhase());
                    }
                    PodSpec spec = PodSpec.builder(r.name()).requests(req).labels(labels).gpuModels(r.gpuSpec())
                            .durationTicks(durationTicks).build();
                    out.add(new PodArrival(spec, created < 0 ? 0 : SimTime.ofSeconds(created)));
                } catch (IllegalArgumentException e) {
                    throw r.error(e.getMessage());
                }
            }
        }
        return out;
    }

    /** The shipped GPU node list. */
    public static List<NodeSpec> gpuNodes() {
        try (Reader r = resource(GPU_NODES)) {
            return readNodes(r, GPU_NODES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped default pod list, in file order (sorted by creation time). */
    public static List<PodArrival> defaultPods() {
        try (Reader r = resource(DEFAULT_PODS)) {
            return readPods(r, DEFAULT_PODS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pod specs of a timed pod list. */
    public static List<PodSpec> specs(List<PodArrival> pods) {
        return pods.stream().map(PodArrival::spec).toList();
    }

    private static Reader resource(String name) {
        InputStream in = OpenbTrace.class.getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IllegalStateException("resource " + RESOURCE_DIR + name + " is missing from the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
