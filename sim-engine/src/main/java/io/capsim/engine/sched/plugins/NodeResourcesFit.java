package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.ArgsReader;
import io.capsim.engine.sched.api.ArgsNode;
import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.FilterPlugin;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginContext;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.Rejection;
import io.capsim.engine.sched.api.ScorePlugin;
import java.util.List;
import java.util.Objects;

/**
 * Kubernetes' NodeResourcesFit: a node fits if CPU, memory, every extended resource and the GPU
 * request fit in what is free ({@code fit.go}); GPUs are counted per device (a share needs one
 * device with enough milli-GPU free, whole GPUs need whole free devices) and the node's GPU model
 * must be one the pod accepts. A request larger than the node's capacity, or an unaccepted GPU
 * model, is unresolvable. Scores by the configured {@link ScoringStrategy} over (requested,
 * allocatable) per resource as {@link ResourceVector} reads them with {@code NonZeroRequested}: a
 * pod that sets no CPU or memory request counts 100m / 200 MiB on both sides, and a GPU or extended
 * resource the incoming pod does not request is left out of the score.
 */
public final class NodeResourcesFit implements FilterPlugin, ScorePlugin {

    /** Arguments. @param scoringStrategy how to score */
    public record Args(ScoringStrategy scoringStrategy) implements PluginArgs {
        public Args {
            Objects.requireNonNull(scoringStrategy, "scoringStrategy");
        }
    }

    /** The factory. */
    public static final PluginFactory<Args> FACTORY = new PluginFactory<>() {
        @Override public String name() { return BuiltInPlugins.NODE_RESOURCES_FIT; }
        @Override public Class<Args> argsType() { return Args.class; }
        @Override public Args defaultArgs() { return new Args(ScoringStrategy.defaults()); }
        @Override public List<ConfigProblem> validate(Args a) { return a.scoringStrategy().validate(); }
        @Override public Args decode(ArgsNode args, List<ConfigProblem> problems) {
            ArgsReader r = ArgsReader.of(args, "", problems);
            int before = r.problemCount();
            for (String k : List.of("ignoredResources", "ignoredResourceGroups")) {
                if (r.has(k)) {
                    r.keyProblem(k, "is not supported by capsim (every resource is counted)");
                }
            }
            ArgsReader s = r.map("scoringStrategy");
            ScoringStrategy strategy = s == null ? ScoringStrategy.defaults() : ScoringStrategy.read(s);
            r.finish();
            return r.problemCount() > before ? null : new Args(strategy);
        }
        @Override public NodeResourcesFit create(Args a, PluginContext c) { return new NodeResourcesFit(a, c.handle().cluster()); }
    };

    private final ClusterView cluster;
    private final ScoringStrategy.Type type;
    private final ResourceVector vector;
    private final int[] shapeUtil;
    private final int[] shapeScore;
    private int[] deviceVersion = new int[0];
    private int[] deviceSummary = new int[0]; // per node: idle devices << 16 | largest free milli-GPU

    /** A plugin over {@code cluster}. */
    public NodeResourcesFit(Args args, ClusterView cluster) {
        this.cluster = cluster;
        this.type = args.scoringStrategy().type();
        this.vector = new ResourceVector(args.scoringStrategy().resources(), cluster, ResourceVector.Requests.NON_ZERO);
        List<ScoringStrategy.ShapePoint> shape = args.scoringStrategy().shape();
        shapeUtil = shape.stream().mapToInt(ScoringStrategy.ShapePoint::utilization).toArray();
        shapeScore = shape.stream().mapToInt(ScoringStrategy.ShapePoint::score).toArray();
    }

    @Override
    public String name() {
        return BuiltInPlugins.NODE_RESOURCES_FIT;
    }

    @Override
    public Code filter(CycleState state, Pod pod, int node) {
        Resources r = pod.requests();
        ClusterView c = cluster;
        if (r.cpuMillis() > c.cpuCapacity(node) || r.memoryMiB() > c.memoryCapacity(node) || r.gpus() > c.gpuCount(node)
                || pod.unknownExtendedResource() != null) {
            return Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
        }
        if (r.gpus() > 0 && (pod.gpuModelMask() & (1L << c.gpuModelId(node))) == 0) {
            return Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
        }
        int e = c.extendedCount();
        for (int k = 0; k < e; k++) {
            if (pod.extendedRequest(k) > c.extendedCapacity(node, k)) {
                return Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
            }
        }
        // What is free, as ClusterView.fits tests it; GPUs from the node's device summary.
        if (r.cpuMillis() + c.cpuUsed(node) > c.cpuCapacity(node)
                || r.memoryMiB() + c.memoryUsed(node) > c.memoryCapacity(node)) {
            return Code.UNSCHEDULABLE;
        }
        for (int k = 0; k < e; k++) {
            if (pod.extendedRequest(k) + c.extendedUsed(node, k) > c.extendedCapacity(node, k)) {
                return Code.UNSCHEDULABLE;
            }
        }
        return r.gpus() == 0 || gpusFit(r, node) ? Code.SUCCESS : Code.UNSCHEDULABLE;
    }

    /**
     * True if the node has {@code r.gpus()} devices with {@code r.gpuMilliPerGpu()} free each
     * ({@link ClusterView#devicesWithFree}): one device from the node's largest free amount, whole
     * GPUs from its count of idle devices, both cached per node version; other requests counted.
     */
    private boolean gpusFit(Resources r, int node) {
        if (node >= deviceVersion.length) {
            int m = Math.max(cluster.size(), node + 1);
            int old = deviceVersion.length;
            deviceVersion = java.util.Arrays.copyOf(deviceVersion, m);
            deviceSummary = java.util.Arrays.copyOf(deviceSummary, m);
            for (int i = old; i < m; i++) {
                deviceVersion[i] = cluster.version(i) - 1; // stale until computed
            }
        }
        int v = cluster.version(node);
        if (deviceVersion[node] != v) {
            int maxFree = 0;
            int idle = 0;
            for (int d = 0, n = cluster.gpuCount(node); d < n; d++) {
                int f = cluster.gpuFree(node, d);
                maxFree = Math.max(maxFree, f);
                if (f == Resources.GPU_MILLI) {
                    idle++;
                }
            }
            deviceVersion[node] = v;
            deviceSummary[node] = (idle << 16) | maxFree;
        }
        int milli = r.gpuMilliPerGpu();
        if (r.gpus() == 1) {
            return (deviceSummary[node] & 0xFFFF) >= milli;
        }
        if (milli == Resources.GPU_MILLI) {
            return deviceSummary[node] >>> 16 >= r.gpus();
        }
        return cluster.devicesWithFree(node, milli) >= r.gpus();
    }

    // What explain reports, in its order of checks: the extended resource no node offers, CPU,
    // memory, extended resource k (EXTENDED + k), the GPU model, GPUs, or nothing.
    private static final int UNKNOWN = 0;
    private static final int CPU = 1;
    private static final int MEMORY = 2;
    private static final int MODEL = 3;
    private static final int GPU = 4;
    private static final int FITS = 5;
    private static final int EXTENDED = 6;

    private int failing(Pod pod, int node) {
        Resources r = pod.requests();
        ClusterView c = cluster;
        if (pod.unknownExtendedResource() != null) {
            return UNKNOWN;
        }
        if (r.cpuMillis() + c.cpuUsed(node) > c.cpuCapacity(node)) {
            return CPU;
        }
        if (r.memoryMiB() + c.memoryUsed(node) > c.memoryCapacity(node)) {
            return MEMORY;
        }
        for (int k = 0, m = c.extendedCount(); k < m; k++) {
            if (pod.extendedRequest(k) + c.extendedUsed(node, k) > c.extendedCapacity(node, k)) {
                return EXTENDED + k;
            }
        }
        if (r.gpus() > 0 && c.gpuCount(node) > 0 && (pod.gpuModelMask() & (1L << c.gpuModelId(node))) == 0) {
            return MODEL;
        }
        return r.gpus() > 0 ? GPU : FITS;
    }

    @Override
    public Rejection explain(CycleState state, Pod pod, int node) {
        Resources r = pod.requests();
        ClusterView c = cluster;
        String n = c.node(node).name();
        int f = failing(pod, node);
        return switch (f) {
            case UNKNOWN -> new Rejection(name(), n, "Insufficient " + pod.unknownExtendedResource(),
                    pod.unknownExtendedResource(), r.extended(pod.unknownExtendedResource()), 0, 0);
            case CPU -> new Rejection(name(), n, "Insufficient cpu", "cpu", r.cpuMillis(), c.cpuUsed(node),
                    c.cpuCapacity(node));
            case MEMORY -> new Rejection(name(), n, "Insufficient memory", "memory", r.memoryMiB(), c.memoryUsed(node),
                    c.memoryCapacity(node));
            case MODEL -> Rejection.of(name(), n, modelReason(pod, node));
            case GPU -> new Rejection(name(), n, "Insufficient " + ResourceWeight.GPU, ResourceWeight.GPU + " (milli-GPU)",
                    r.gpuMilliTotal(), c.gpuMilliUsed(node), (long) c.gpuCount(node) * Resources.GPU_MILLI);
            case FITS -> Rejection.of(name(), n, "fits");
            default -> {
                int k = f - EXTENDED;
                String ext = c.extendedNames()[k];
                yield new Rejection(name(), n, "Insufficient " + ext, ext, pod.extendedRequest(k),
                        c.extendedUsed(node, k), c.extendedCapacity(node, k));
            }
        };
    }

    private String modelReason(Pod pod, int node) {
        return "GPU model " + cluster.node(node).gpuModel() + " not accepted " + pod.spec().gpuModels();
    }


    @Override
    public long score(CycleState state, Pod pod, int node) {
        ResourceVector v = vector;
        v.fill(pod, node);
        int n = v.names.length;
        return switch (type) {
            case LEAST_ALLOCATED -> ResourceScoring.leastAllocated(v.requested, v.capacity, v.weights, n);
            case MOST_ALLOCATED -> ResourceScoring.mostAllocated(v.requested, v.capacity, v.weights, n);
            case REQUESTED_TO_CAPACITY_RATIO -> ResourceScoring.requestedToCapacityRatio(v.requested, v.capacity,
                    v.weights, n, shapeUtil, shapeScore);
        };
    }
}
