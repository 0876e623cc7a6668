package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.ScorePlugin;

/**
 * The BestFit baseline of the FGD paper (Weng et al., USENIX ATC'23, Sec. 6.1), as its simulator
 * scores it ({@code pkg/simulator/plugin/best_fit_score.go} of hkust-adsl/kubernetes-scheduler-simulator):
 * the leftover after placement in absolute units, normalised by a fixed largest node (128 cores,
 * 8 GPUs), not by the node's own size as Kubernetes' MostAllocated does.
 *
 * <ol>
 *   <li>leftover = 0.5 * (free CPU - pod CPU) / 128000 + 0.5 * (free milli-GPU - pod milli-GPU) /
 *       8000, in double precision; free CPU is allocatable minus requested, the pod's CPU its
 *       request or 100m if it sets none;
 *   <li>raw score = {@code (long) ((1 - leftover) * 100)} (truncated toward zero; negative on a
 *       node with more than 128 cores free);
 *   <li>NormalizeScore: {@code (s - lowest) * 100 / (highest - lowest)} over the feasible nodes,
 *       all 0 when they are equal (the simulator's {@code NormalizeScore}).
 * </ol>
 */
public final class FgdPaperBestFit implements ScorePlugin {

    /** Largest node the simulator normalises by: CPU, millicores ({@code MaxSpecCpu}). */
    static final double MAX_SPEC_CPU = 128_000;
    /** Largest node the simulator normalises by: GPU, milli-GPU ({@code MaxSpecGpu}). */
    static final double MAX_SPEC_GPU = 8_000;

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.FGD_PAPER_BEST_FIT, c -> new FgdPaperBestFit(c.handle().cluster()));

    private final ClusterView cluster;

    private FgdPaperBestFit(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return BuiltInPlugins.FGD_PAPER_BEST_FIT;
    }

    /**
     * Pure: the raw score of a placement.
     *
     * @param cpuFree free CPU of the node, millicores
     * @param gpuFree free milli-GPU of the node
     * @param cpuReq CPU the pod counts, millicores
     * @param gpuReq milli-GPU the pod requests
     * @return the raw score, or 0 if the pod does not fit (the simulator's error case)
     */
    public static long rawScore(long cpuFree, long gpuFree, long cpuReq, long gpuReq) {
        if (cpuFree < cpuReq || gpuFree < gpuReq) {
            return 0;
        }
        double leftover = 0;
        leftover += (double) (cpuFree - cpuReq) / MAX_SPEC_CPU * 0.5;
        leftover += (double) (gpuFree - gpuReq) / MAX_SPEC_GPU * 0.5;
        return (long) ((1.0 - leftover) * MAX_SCORE);
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        ClusterView c = cluster;
        return rawScore(c.cpuCapacity(node) - c.cpuUsed(node), c.gpuMilliFree(node), pod.nonZeroCpuMillis(),
                pod.requests().gpuMilliTotal());
    }

    @Override
    public void normalize(CycleState state, Pod pod, int[] nodes, long[] scores, int count) {
        minMaxNormalize(scores, count);
    }

    /** The simulator's {@code NormalizeScore}: min-max onto [0, 100], integer arithmetic; all 0 if equal. */
    static void minMaxNormalize(long[] scores, int count) {
        long highest = Long.MIN_VALUE;
        long lowest = Long.MAX_VALUE;
        for (int k = 0; k < count; k++) {
            highest = Math.max(highest, scores[k]);
            lowest = Math.min(lowest, scores[k]);
        }
        long range = highest - lowest;
        for (int k = 0; k < count; k++) {
            scores[k] = range == 0 ? 0 : (scores[k] - lowest) * MAX_SCORE / range;
        }
    }
}
