package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.ScorePlugin;

/**
 * The DotProd baseline of the FGD paper (Weng et al., USENIX ATC'23, Sec. 6.1; Tetris' alignment
 * heuristic, Grandl et al., SIGCOMM'14), as the paper's simulator runs it ({@code
 * pkg/simulator/plugin/dot_product_score.go} with {@code dimExtMethod: merge}, {@code normMethod:
 * max}): the node's free resources and the pod's request as two-dimensional vectors (CPU; all GPUs
 * merged), each divided by the largest node (128 cores, 8 GPUs); the smaller their dot product,
 * the higher the score.
 *
 * <ol>
 *   <li>free CPU below the pod's CPU: 0 (no vector to match);
 *   <li>d = (free CPU / 128000) * (pod CPU / 128000) + (free milli-GPU / 8000) * (pod milli-GPU /
 *       8000), in double precision;
 *   <li>score = {@code (long) (100 * (1 - d / 2))}.
 * </ol>
 * The pod's CPU is its request, or 100m if it sets none.
 */
public final class FgdPaperDotProduct implements ScorePlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.FGD_PAPER_DOT_PRODUCT, c -> new FgdPaperDotProduct(c.handle().cluster()));

    private final ClusterView cluster;

    private FgdPaperDotProduct(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return BuiltInPlugins.FGD_PAPER_DOT_PRODUCT;
    }

    /**
     * Pure: the score of a node for a pod.
     *
     * @param cpuFree free CPU, millicores
     * @param gpuFree free milli-GPU
     * @param cpuReq the pod's CPU, millicores
     * @param gpuReq the pod's milli-GPU
     */
    public static long scoreOf(long cpuFree, long gpuFree, long cpuReq, long gpuReq) {
        if (cpuFree < cpuReq) {
            return 0;
        }
        double d = 0;
        d += cpuFree / FgdPaperBestFit.MAX_SPEC_CPU * (cpuReq / FgdPaperBestFit.MAX_SPEC_CPU);
        d += gpuFree / FgdPaperBestFit.MAX_SPEC_GPU * (gpuReq / FgdPaperBestFit.MAX_SPEC_GPU);
        d /= 2;
        return (long) (MAX_SCORE * (1 - d));
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        ClusterView c = cluster;
        return scoreOf(c.cpuCapacity(node) - c.cpuUsed(node), c.gpuMilliFree(node), pod.nonZeroCpuMillis(),
                pod.requests().gpuMilliTotal());
    }
}
