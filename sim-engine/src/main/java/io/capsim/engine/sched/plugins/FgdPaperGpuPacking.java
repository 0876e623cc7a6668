package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.ScorePlugin;

/**
 * The GpuPacking baseline of the FGD paper (Weng et al., USENIX ATC'23, Sec. 6.1), as its simulator
 * scores it ({@code pkg/simulator/plugin/gpu_packing_score.go}): tiers that prefer, in order,
 * sharing an already used GPU, then free GPUs on a used node, then an idle node. Integer
 * arithmetic, {@code 100 / 3 = 33}:
 *
 * <ol>
 *   <li>a pod without GPUs scores 0 everywhere;
 *   <li>every GPU of the node free: {@code max(33 - free GPUs, free GPUs)};
 *   <li>the pod would take a fully free GPU (a whole-GPU request, or a share whose best-fitting
 *       device is free): {@code max(50 - GPUs taken, 33)};
 *   <li>a share on a used GPU with {@code f} milli-GPU free: {@code max(100 - (f * 100 / 1000) /
 *       10, 50)};
 *   <li>the request fits no device: 0 (the simulator's error case; the filter rejects such nodes).
 * </ol>
 * The GPUs taken are the simulator's: devices in ascending order of free milli-GPU (stable), the
 * first that fit, which for a share is the best-fitting device and for whole GPUs the
 * lowest-indexed free ones.
 */
public final class FgdPaperGpuPacking implements ScorePlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.FGD_PAPER_GPU_PACKING, c -> new FgdPaperGpuPacking(c.handle().cluster()));

    private final ClusterView cluster;

    private FgdPaperGpuPacking(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return BuiltInPlugins.FGD_PAPER_GPU_PACKING;
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        Resources r = pod.requests();
        if (r.gpus() == 0) {
            return 0;
        }
        ClusterView c = cluster;
        int count = c.gpuCount(node);
        int fullyFree = c.devicesWithFree(node, Resources.GPU_MILLI);
        if (fullyFree == count) {
            return Math.max(MAX_SCORE / 3 - fullyFree, fullyFree);
        }
        if (!r.isGpuShare()) {
            return fullyFree < r.gpus() ? 0 : Math.max(MAX_SCORE / 2 - r.gpus(), MAX_SCORE / 3);
        }
        long mask = c.defaultDevices(node, r);
        if (mask <= 0) {
            return 0;
        }
        int free = c.gpuFree(node, Long.numberOfTrailingZeros(mask));
        if (free == Resources.GPU_MILLI) {
            return Math.max(MAX_SCORE / 2 - 1, MAX_SCORE / 3);
        }
        long freeRatio = (long) free * 100 / Resources.GPU_MILLI;
        return Math.max(MAX_SCORE - freeRatio / 10, MAX_SCORE / 2);
    }
}
