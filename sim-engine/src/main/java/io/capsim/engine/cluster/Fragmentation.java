package io.capsim.engine.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GPU fragmentation as defined by FGD (Weng et al., "Beware of Fragmentation: Scheduling
 * GPU-Sharing Workloads with Fragmentation Gradient Descent", USENIX ATC'23, Sec. 3.2): the
 * expected amount of a node's free GPU that a pod drawn from the target workload cannot use.
 *
 * <p>For one pod shape m and a node with free CPU c and free device shares g_1..g_k:
 * <ol>
 *   <li>if m requests no GPU, or the node's GPU model is not accepted, all free GPU is fragment;
 *   <li>else if fewer than {@code gpus(m)} devices have at least {@code share(m)} free, or c is
 *       below {@code cpu(m)}, all free GPU is fragment;
 *   <li>else the fragment is the free GPU of devices with less than {@code share(m)} free.
 * </ol>
 * The node's fragmentation is the popularity-weighted sum over shapes; the cluster's is the sum
 * over nodes. Units are milli-GPU.
 *
 * <p>Shapes are grouped by (GPU count, share, accepted models), each group's CPU requests sorted
 * with cumulative probabilities, so evaluating a node costs O(groups x (devices + log shapes)) and
 * allocates nothing.
 */
public final class Fragmentation {

    private final ClusterView cluster;
    private final double cpuOnlyProbability;
    private final int[] groupGpus;
    private final int[] groupMilli;
    private final long[] groupModelMask;
    private final double[] groupProbability;
    private final long[][] groupCpu; // ascending
    private final double[][] groupCumProb; // cumulative, aligned with groupCpu
    private final int[] scratch = new int[64];

    /** The measure of {@code workload} on {@code cluster} (model names resolved to its ids). */
    public Fragmentation(TargetWorkload workload, ClusterView cluster) {
        this.cluster = cluster;
        double cpuOnly = 0;
        record Key(int gpus, int milli, long mask) {}
        Map<Key, List<TargetWorkload.Shape>> groups = new LinkedHashMap<>();
        for (TargetWorkload.Shape s : workload.shapes()) {
            if (s.gpus() == 0) {
                cpuOnly += s.probability();
            } else {
                groups.computeIfAbsent(new Key(s.gpus(), s.gpuMilliPerGpu(), cluster.modelMask(s.gpuModels())),
                        k -> new ArrayList<>()).add(s);
            }
        }
        cpuOnlyProbability = cpuOnly;
        int n = groups.size();
        groupGpus = new int[n];
        groupMilli = new int[n];
        groupModelMask = new long[n];
        groupProbability = new double[n];
        groupCpu = new long[n][];
        groupCumProb = new double[n][];
        int g = 0;
        for (Map.Entry<Key, List<TargetWorkload.Shape>> e : groups.entrySet()) {
            List<TargetWorkload.Shape> list = new ArrayList<>(e.getValue());
            list.sort((a, b) -> Long.compare(a.cpuMillis(), b.cpuMillis()));
            groupGpus[g] = e.getKey().gpus();
            groupMilli[g] = e.getKey().milli();
            groupModelMask[g] = e.getKey().mask();
            groupCpu[g] = new long[list.size()];
            groupCumProb[g] = new double[list.size()];
            double acc = 0;
            for (int k = 0; k < list.size(); k++) {
                acc += list.get(k).probability();
                groupCpu[g][k] = list.get(k).cpuMillis();
                groupCumProb[g][k] = acc;
            }
            groupProbability[g] = acc;
            g++;
        }
    }

    /**
     * Fragmentation of a node state, milli-GPU.
     *
     * @param cpuFreeMillis free CPU
     * @param free free milli-GPU per device; devices {@code off .. off+count-1} are read
     * @param modelId the node's GPU model id (-1 without GPUs)
     */
    public double fragMilli(long cpuFreeMillis, int[] free, int off, int count, int modelId) {
        long total = 0;
        for (int d = 0; d < count; d++) {
            total += free[off + d];
        }
        if (total == 0) {
            return 0;
        }
        double frag = cpuOnlyProbability * total;
        long modelBit = modelId < 0 ? 0 : 1L << modelId;
        for (int g = 0; g < groupGpus.length; g++) {
            double pg = groupProbability[g];
            if ((groupModelMask[g] & modelBit) == 0) {
                frag += pg * total;
                continue;
            }
            int milli = groupMilli[g];
            int fitting = 0;
            long below = 0;
            for (int d = 0; d < count; d++) {
                int f = free[off + d];
                if (f >= milli) {
                    fitting++;
                } else {
                    below += f;
                }
            }
            if (fitting < groupGpus[g]) {
                frag += pg * total;
                continue;
            }
            double pfit = cumulativeUpTo(groupCpu[g], groupCumProb[g], cpuFreeMillis);
            frag += pfit * below + (pg - pfit) * total;
        }
        return frag;
    }

    private static double cumulativeUpTo(long[] cpu, double[] cum, long limit) {
        int lo = 0;
        int hi = cpu.length; // first index with cpu > limit
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cpu[mid] <= limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? 0 : cum[lo - 1];
    }

    /** Fragmentation of node {@code i} as it is now, milli-GPU. */
    public double nodeFragMilli(int i) {
        if (cluster.nodeRemoved(i)) {
            return 0;
        }
        return fragMilli(cluster.cpuCapacity(i) - cluster.cpuUsed(i), cluster.gpuFreeArray(), cluster.gpuOffset(i),
                cluster.gpuCount(i), cluster.gpuModelId(i));
    }

    /**
     * Fragmentation of node {@code i} if a pod took {@code cpuMillis} and {@code milliPerGpu} from
     * each device in {@code deviceMask}, milli-GPU.
     */
    public double nodeFragMilliAfter(int i, long cpuMillis, long deviceMask, int milliPerGpu) {
        int count = cluster.gpuCount(i);
        System.arraycopy(cluster.gpuFreeArray(), cluster.gpuOffset(i), scratch, 0, count);
        for (long m = deviceMask; m != 0; m &= m - 1) {
            scratch[Long.numberOfTrailingZeros(m)] -= milliPerGpu;
        }
        return fragMilli(cluster.cpuCapacity(i) - cluster.cpuUsed(i) - cpuMillis, scratch, 0, count, cluster.gpuModelId(i));
    }

    /** Fragmentation summed over the cluster, milli-GPU. */
    public double clusterFragMilli() {
        double s = 0;
        for (int i = 0; i < cluster.size(); i++) {
            s += nodeFragMilli(i);
        }
        return s;
    }

    /**
     * A running total of the cluster's fragmentation that recomputes only nodes whose allocation
     * changed since the last call ({@link ClusterView#version}).
     */
    public Tracker tracker() {
        return new Tracker();
    }

    /** See {@link #tracker()}. */
    public final class Tracker {
        private double[] byNode = new double[0];
        private int[] version = new int[0];
        private double total;

        private Tracker() {}

        /** The cluster's fragmentation now, milli-GPU. */
        public double totalMilli() {
            int n = cluster.size();
            if (byNode.length < n) {
                int old = version.length;
                byNode = java.util.Arrays.copyOf(byNode, n);
                version = java.util.Arrays.copyOf(version, n);
                java.util.Arrays.fill(version, old, n, -1);
            }
            for (int i = 0; i < n; i++) {
                int v = cluster.version(i);
                if (version[i] != v) {
                    double f = nodeFragMilli(i);
                    total += f - byNode[i];
                    byNode[i] = f;
                    version[i] = v;
                }
            }
            return total;
        }
    }

    @Override
    public String toString() {
        return "Fragmentation[cpuOnly=" + cpuOnlyProbability + ", groups=" + groupGpus.length + ", milli="
                + Arrays.toString(groupMilli) + "]";
    }
}
