package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.api.ScorePlugin;
import java.util.Arrays;
import java.util.List;

/**
 * The GpuClustering baseline of the FGD paper (Weng et al., USENIX ATC'23, Sec. 6.1), as its
 * simulator scores it ({@code pkg/simulator/plugin/gpu_clustering_score.go}): pods of one GPU
 * "affinity" (a share, or a count of whole GPUs) are kept together on nodes.
 *
 * <ol>
 *   <li>A pod without GPUs scores 0 everywhere. Otherwise its affinity is {@code share} (one
 *       device, less than 1000 milli-GPU) or {@code n} whole GPUs.
 *   <li>The node's affinities are those of the GPU pods placed on it.
 *   <li>base = {@code 25 * (8000 - free milli-GPU) / 8000} (integer; 8000 is the simulator's
 *       largest node), plus 75 if the node holds only the pod's affinity, 50 if it holds it among
 *       others, 25 if it holds no GPU pod, 0 if it holds only other affinities.
 * </ol>
 */
public final class FgdPaperGpuClustering implements ScorePlugin {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.FGD_PAPER_GPU_CLUSTERING, c -> new FgdPaperGpuClustering(c.handle().cluster()));

    private static final long MAX_SPEC_GPU = 8_000;
    private static final int SHARE = 0;

    private final ClusterView cluster;
    private int[] cachedVersion = new int[0];
    private long[] cachedBits = new long[0];
    private boolean[] cachedAbove63 = new boolean[0];

    private FgdPaperGpuClustering(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return BuiltInPlugins.FGD_PAPER_GPU_CLUSTERING;
    }

    /** The affinity of a request: -1 without GPUs, {@link #SHARE} for a share, else the GPU count. */
    static int affinity(Resources r) {
        return r.gpus() == 0 ? -1 : r.isGpuShare() ? SHARE : r.gpus();
    }

    /**
     * Pure: the score from the node's free milli-GPU and its affinities.
     *
     * @param gpuFree free milli-GPU of the node
     * @param distinct number of distinct affinities among the node's GPU pods
     * @param holdsOwn whether one of them is the pod's
     */
    public static long scoreOf(long gpuFree, int distinct, boolean holdsOwn) {
        long base = MAX_SCORE / 4 * (MAX_SPEC_GPU - gpuFree) / MAX_SPEC_GPU;
        if (holdsOwn) {
            return base + (distinct == 1 ? MAX_SCORE * 3 / 4 : MAX_SCORE * 2 / 4);
        }
        return base + (distinct == 0 ? MAX_SCORE / 4 : 0);
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        int own = affinity(pod.requests());
        if (own < 0) {
            return 0;
        }
        refresh(node);
        long seen = cachedBits[node];
        boolean seen64 = cachedAbove63[node];
        int distinct = Long.bitCount(seen) + (seen64 ? 1 : 0);
        boolean holdsOwn = own >= 64 ? seen64 : (seen & (1L << own)) != 0;
        return scoreOf(cluster.gpuMilliFree(node), distinct, holdsOwn);
    }

    /**
     * The distinct affinities of the node's GPU pods: as bits (a share is bit 0, n whole GPUs bit
     * n, n < 64), and whether any pod has 64 or more GPUs (such counts, beyond any real node, count
     * as one affinity). Cached per node until its allocation changes ({@link ClusterView#version}).
     */
    private void refresh(int node) {
        if (node >= cachedVersion.length) {
            int m = Math.max(cluster.size(), node + 1);
            int old = cachedVersion.length;
            cachedVersion = Arrays.copyOf(cachedVersion, m);
            cachedBits = Arrays.copyOf(cachedBits, m);
            cachedAbove63 = Arrays.copyOf(cachedAbove63, m);
            for (int i = old; i < m; i++) {
                cachedVersion[i] = cluster.version(i) - 1; // stale until computed
            }
        }
        int v = cluster.version(node);
        if (cachedVersion[node] == v) {
            return;
        }
        long seen = 0;
        boolean seen64 = false;
        List<Pod> pods = cluster.podsOn(node);
        for (int k = 0; k < pods.size(); k++) {
            int a = affinity(pods.get(k).requests());
            if (a >= 64) {
                seen64 = true;
            } else if (a >= 0) {
                seen |= 1L << a;
            }
        }
        cachedVersion[node] = v;
        cachedBits[node] = seen;
        cachedAbove63[node] = seen64;
    }
}
