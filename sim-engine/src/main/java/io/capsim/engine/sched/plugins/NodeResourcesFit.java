package io.capsim.engine.sched.plugins;

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
        @Override public List<String> validate(Args a) { return a.scoringStrategy().validate(); }
        @Override public NodeResourcesFit create(Args a, PluginContext c) { return new NodeResourcesFit(a, c.handle().cluster()); }
    };

    private final ClusterView cluster;
    private final ScoringStrategy.Type type;
    private final ResourceVector vector;
    private final int[] shapeUtil;
    private final int[] shapeScore;

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
        return c.fits(pod, node) ? Code.SUCCESS : Code.UNSCHEDULABLE;
    }

    @Override
    public Rejection explain(CycleState state, Pod pod, int node) {
        Resources r = pod.requests();
        ClusterView c = cluster;
        String n = c.node(node).name();
        if (pod.unknownExtendedResource() != null) {
            return new Rejection(name(), n, "Insufficient " + pod.unknownExtendedResource(),
                    pod.unknownExtendedResource(), r.extended(pod.unknownExtendedResource()), 0, 0);
        }
        if (r.cpuMillis() + c.cpuUsed(node) > c.cpuCapacity(node)) {
            return new Rejection(name(), n, "Insufficient cpu", "cpu", r.cpuMillis(), c.cpuUsed(node), c.cpuCapacity(node));
        }
        if (r.memoryMiB() + c.memoryUsed(node) > c.memoryCapacity(node)) {
            return new Rejection(name(), n, "Insufficient memory", "memory", r.memoryMiB(), c.memoryUsed(node),
                    c.memoryCapacity(node));
        }
        for (int k = 0, m = c.extendedCount(); k < m; k++) {
            if (pod.extendedRequest(k) + c.extendedUsed(node, k) > c.extendedCapacity(node, k)) {
                String ext = c.extendedNames()[k];
                return new Rejection(name(), n, "Insufficient " + ext, ext, pod.extendedRequest(k),
                        c.extendedUsed(node, k), c.extendedCapacity(node, k));
            }
        }
        if (r.gpus() > 0 && c.gpuCount(node) > 0 && (pod.gpuModelMask() & (1L << c.gpuModelId(node))) == 0) {
            return Rejection.of(name(), n, "GPU model " + c.node(node).gpuModel() + " not accepted " + pod.spec().gpuModels());
        }
        if (r.gpus() > 0) {
            return new Rejection(name(), n, "Insufficient " + ResourceWeight.GPU, ResourceWeight.GPU + " (milli-GPU)",
                    r.gpuMilliTotal(), c.gpuMilliUsed(node), (long) c.gpuCount(node) * Resources.GPU_MILLI);
        }
        return Rejection.of(name(), n, "fits");
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
