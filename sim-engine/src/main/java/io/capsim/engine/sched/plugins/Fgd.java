package io.capsim.engine.sched.plugins;

import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.DeviceSelector;
import io.capsim.engine.cluster.Fragmentation;
import io.capsim.engine.sched.api.PluginArgs;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.ScorePlugin;
import io.capsim.engine.cluster.TargetWorkload;
import java.util.Arrays;

/**
 * Fragmentation Gradient Descent (Weng et al., "Beware of Fragmentation: Scheduling GPU-Sharing
 * Workloads with Fragmentation Gradient Descent", USENIX ATC'23, Sec. 4): place the pod where
 * the expected GPU fragmentation ({@link Fragmentation}, measured against the target workload)
 * grows least.
 *
 * <ol>
 *   <li>F0 = the node's fragmentation now (cached per node until its allocation changes).
 *   <li>F1 = its fragmentation after the placement: for a share, on each device it fits
 *       (devices with equal free share are tried once); whole GPUs take the lowest-indexed free
 *       devices; CPU-only pods change only free CPU.
 *   <li>score = {@code floor(100 * sigmoid((F0 - F1) / 1000))}, F in milli-GPU, as the paper's
 *       simulator scores it; a share goes to the lowest-indexed device with the highest score, as
 *       the simulator's {@code calculateGpuShareFragExtendScore} picks it (so two devices whose F1
 *       differ by less than the score's resolution count as equal), and that is the device the pod
 *       takes.
 * </ol>
 *
 * <p>The target workload comes from {@link io.capsim.engine.sched.PluginContext#workload()}; with
 * an empty workload every node scores 50.
 */
public final class Fgd implements ScorePlugin, DeviceSelector {

    /** The factory. */
    public static final PluginFactory<PluginArgs.None> FACTORY = BuiltInPlugins.noArgs(
            BuiltInPlugins.FGD, c -> new Fgd(c.handle().cluster(), c.workload(), true));

    /** A factory of FGD without the per-cycle memo of identical node states (for tests: same results, slower). */
    public static final PluginFactory<PluginArgs.None> FACTORY_WITHOUT_MEMO = BuiltInPlugins.noArgs(
            BuiltInPlugins.FGD, c -> new Fgd(c.handle().cluster(), c.workload(), false));

    private final ClusterView cluster;
    private final Fragmentation frag;
    private double[] cachedFrag = new double[0];
    private int[] cachedVersion = new int[0];
    private long[] choiceCycle = new long[0];
    private long[] choiceMask = new long[0];
    private final int[] seen = new int[64];

    // Per-cycle memo of scores by node state (GPU model, free CPU, multiset of free device shares):
    // nodes in the same state score the same, so each state is evaluated once per cycle.
    private final boolean memo;
    private long[] memoKey = new long[0];
    private int[] memoNode = new int[0];
    private long[] memoScore = new long[0];
    private long[] memoCycle = new long[0]; // epoch the slot was filled in
    private int[] memoVersion = new int[0]; // version of the representative node when filled
    private long epoch;
    private long epochCycle = Long.MIN_VALUE;
    private long epochPod = -1;
    // Per node, cached until its allocation changes: the state's hash and its free shares sorted
    // (flattened like ClusterView's device array).
    private long[] sigHash = new long[0];
    private int[] sigVersion = new int[0];
    private int[] sigSorted = new int[0];

    /** FGD over {@code cluster} against {@code workload}. */
    public Fgd(ClusterView cluster, TargetWorkload workload) {
        this(cluster, workload, true);
    }

    Fgd(ClusterView cluster, TargetWorkload workload, boolean memo) {
        this.cluster = cluster;
        this.frag = new Fragmentation(workload, cluster);
        this.memo = memo;
    }

    @Override
    public String name() {
        return BuiltInPlugins.FGD;
    }

    private void ensure(int node) {
        if (node >= cachedFrag.length) {
            int m = Math.max(cluster.size(), node + 1) * 2;
            cachedFrag = Arrays.copyOf(cachedFrag, m);
            int old = cachedVersion.length;
            cachedVersion = Arrays.copyOf(cachedVersion, m);
            Arrays.fill(cachedVersion, old, m, -1);
            choiceCycle = Arrays.copyOf(choiceCycle, m);
            Arrays.fill(choiceCycle, old, m, -1);
            choiceMask = Arrays.copyOf(choiceMask, m);
        }
    }

    private double fragNow(int node) {
        int v = cluster.version(node);
        if (cachedVersion[node] != v) {
            cachedFrag[node] = frag.nodeFragMilli(node);
            cachedVersion[node] = v;
        }
        return cachedFrag[node];
    }

    /** Pure: the FGD score of a fragmentation change, F in milli-GPU. */
    public static long scoreOf(double fragBeforeMilli, double fragAfterMilli) {
        double x = (fragBeforeMilli - fragAfterMilli) / 1000.0;
        return (long) (MAX_SCORE / (1 + Math.exp(-x)));
    }

    @Override
    public long score(CycleState state, Pod pod, int node) {
        ensure(node);
        if (!memo) {
            return scoreAndChoose(state, pod, node);
        }
        if (state.cycle() != epochCycle || pod.id() != epochPod) {
            epoch++; // a new pod or cycle: forget every memoised score
            epochCycle = state.cycle();
            epochPod = pod.id();
        }
        int slot = memoSlot(epoch, node);
        if (memoNode[slot] >= 0) {
            return memoScore[slot]; // the device is chosen later, for the selected node only
        }
        long s = scoreAndChoose(state, pod, node);
        memoNode[slot] = node;
        memoVersion[slot] = cluster.version(node);
        memoScore[slot] = s;
        return s;
    }

    /**
     * The memo slot of node's state in this cycle: either a slot already holding an identical
     * state this cycle, or a free one (linear probing; verified by comparing states exactly).
     */
    private int memoSlot(long cycle, int node) {
        int n = cluster.size();
        if (memoKey.length < 2 * n) {
            int m = Integer.highestOneBit(Math.max(16, 4 * n - 1)) << 1;
            memoKey = new long[m];
            memoNode = new int[m];
            memoScore = new long[m];
            memoCycle = new long[m];
            memoVersion = new int[m];
        }
        long h = signature(node);
        int mask = memoKey.length - 1;
        int slot = (int) h & mask;
        while (true) {
            if (memoCycle[slot] != cycle) {
                memoCycle[slot] = cycle;
                memoKey[slot] = h;
                memoNode[slot] = -1;
                return slot;
            }
            if (memoKey[slot] == h && sameState(slot, node)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The hash of node's state (GPU model, free CPU, sorted free shares), cached by version. */
    private long signature(int node) {
        int n = cluster.size();
        if (sigHash.length < n) {
            int m = Math.max(16, n * 2);
            int old = sigVersion.length;
            sigHash = Arrays.copyOf(sigHash, m);
            sigVersion = Arrays.copyOf(sigVersion, m);
            Arrays.fill(sigVersion, old, m, -1);
        }
        int[] free = cluster.gpuFreeArray();
        if (sigSorted.length < free.length) {
            sigSorted = new int[free.length];
            Arrays.fill(sigVersion, -1);
        }
        int v = cluster.version(node);
        if (sigVersion[node] == v) {
            return sigHash[node];
        }
        int off = cluster.gpuOffset(node);
        int count = cluster.gpuCount(node);
        for (int d = 0; d < count; d++) {
            int x = free[off + d];
            int k = d - 1;
            while (k >= 0 && sigSorted[off + k] > x) {
                sigSorted[off + k + 1] = sigSorted[off + k];
                k--;
            }
            sigSorted[off + k + 1] = x;
        }
        long h = cluster.gpuModelId(node) * 0x9E3779B97F4A7C15L + (cluster.cpuCapacity(node) - cluster.cpuUsed(node));
        for (int d = 0; d < count; d++) {
            h = (h ^ sigSorted[off + d]) * 0xBF58476D1CE4E5B9L;
        }
        h ^= h >>> 31;
        sigHash[node] = h;
        sigVersion[node] = v;
        return h;
    }

    /** True if the node memoised in {@code slot} is unchanged since and in the same state as {@code b}. */
    private boolean sameState(int slot, int b) {
        int a = memoNode[slot];
        if (a < 0 || cluster.version(a) != memoVersion[slot] || cluster.gpuModelId(a) != cluster.gpuModelId(b)
                || cluster.gpuCount(a) != cluster.gpuCount(b)
                || cluster.cpuCapacity(a) - cluster.cpuUsed(a) != cluster.cpuCapacity(b) - cluster.cpuUsed(b)) {
            return false;
        }
        signature(a); // brings a's sorted shares up to date (b's are, from memoSlot)
        int oa = cluster.gpuOffset(a);
        int ob = cluster.gpuOffset(b);
        for (int d = 0; d < cluster.gpuCount(b); d++) {
            if (sigSorted[oa + d] != sigSorted[ob + d]) {
                return false;
            }
        }
        return true;
    }

    private long scoreAndChoose(CycleState state, Pod pod, int node) {
        double before = fragNow(node);
        Resources r = pod.requests();
        long bestMask;
        if (r.isGpuShare()) {
            int milli = r.gpuMilliPerGpu();
            int count = cluster.gpuCount(node);
            int distinct = 0;
            long best = -1;
            bestMask = -1;
            for (int d = 0; d < count; d++) {
                int f = cluster.gpuFree(node, d);
                if (f < milli) {
                    continue;
                }
                boolean dup = false;
                for (int k = 0; k < distinct; k++) {
                    if (seen[k] == f) {
                        dup = true;
                        break;
                    }
                }
                if (dup) {
                    continue;
                }
                seen[distinct++] = f;
                long sc = scoreOf(before, frag.nodeFragMilliAfter(node, r.cpuMillis(), 1L << d, milli));
                if (sc > best) {
                    best = sc;
                    bestMask = 1L << d;
                }
            }
            if (bestMask == -1) {
                return 0;
            }
            choiceCycle[node] = state.cycle();
            choiceMask[node] = bestMask;
            return best;
        } else {
            bestMask = cluster.defaultDevices(node, r);
            if (bestMask == -1) {
                return 0;
            }
            choiceCycle[node] = state.cycle();
            choiceMask[node] = bestMask;
            return scoreOf(before, frag.nodeFragMilliAfter(node, r.cpuMillis(), bestMask, r.gpuMilliPerGpu()));
        }
    }

    @Override
    public long selectDevices(CycleState state, Pod pod, int node) {
        ensure(node);
        if (choiceCycle[node] != state.cycle()) {
            scoreAndChoose(state, pod, node);
        }
        return choiceCycle[node] == state.cycle() ? choiceMask[node] : -1;
    }
}
