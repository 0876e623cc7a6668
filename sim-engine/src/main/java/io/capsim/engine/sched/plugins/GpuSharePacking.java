package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.DeviceSelector;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.ScorePlugin;

/**
 * GPU-share packing: a fractional request goes to the device it fits best (least milli-GPU left
 * over; lowest index on ties), and nodes are scored by that fit: {@code 100 * (1000 - leftover) /
 * 1000}, so a device filled exactly scores 100 and an empty one {@code 100 * share / 1000}.
 * Whole-GPU requests score the node's GPU allocation after placement ({@code 100 * used / total}),
 * packing them onto busy nodes; pods without GPUs score 0 everywhere.
 */
public final class GpuSharePacking implements ScorePlugin, DeviceSelector {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.GPU_SHARE_PACKING, c -> new GpuSharePacking(c.handle().cluster()));

    private final ClusterView cluster;

    private GpuSharePacking(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return BuiltInPlugins.GPU_SHARE_PACKING;
    }

    /** Pure: the score of a share request of {@code milli} on a device with {@code free} milli-GPU free. */
    public static long shareScore(int free, int milli) {
        int leftover = free - milli;
        return leftover < 0 ? 0 : ScorePlugin.MAX_SCORE * (Resources.GPU_MILLI - leftover) / Resources.GPU_MILLI;
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        Resources r = pod.requests();
        if (r.gpus() == 0) {
            return 0;
        }
        if (r.isGpuShare()) {
            long mask = cluster.defaultDevices(node, r);
            if (mask <= 0) {
                return 0;
            }
            return shareScore(cluster.gpuFree(node, Long.numberOfTrailingZeros(mask)), r.gpuMilliPerGpu());
        }
        long total = (long) cluster.gpuCount(node) * Resources.GPU_MILLI;
        return total == 0 ? 0 : ScorePlugin.MAX_SCORE * Math.min(total, cluster.gpuMilliUsed(node) + r.gpuMilliTotal()) / total;
    }

    @Override
    public long selectDevices(CycleState state, Pod pod, int node) {
        return cluster.defaultDevices(node, pod.requests());
    }
}
