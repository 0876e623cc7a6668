package io.capsim.engine.cluster;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every node's GPU devices: milli-GPU free per device in one flat array (a node's devices are
 * consecutive, from its offset), and each node's GPU model as a small id (at most 64 models, so a
 * set of models is a bit mask). Part of {@link NodeTable}.
 */
final class GpuDevices {

    private int[] count = new int[0];
    private int[] offset = new int[0];
    private int[] modelId = new int[0]; // -1 for nodes without GPUs
    private int[] free; // milli-GPU free per device, flattened
    // Per node, kept on every change: the most any one device has free, and how many are wholly
    // free; they answer the filters' "does it fit" without walking the devices.
    private int[] maxFree = new int[0];
    private int[] wholeFree = new int[0];
    private int slots;
    private final Map<String, Integer> models = new LinkedHashMap<>();

    GpuDevices(int devices) {
        free = new int[Math.max(8, devices)];
    }

    /** Adds node {@code i} (the next index) with all its devices free. */
    void add(int i, NodeSpec n) {
        if (i >= count.length) {
            int m = Math.max(4, Math.max(i + 1, count.length * 2));
            count = Arrays.copyOf(count, m);
            offset = Arrays.copyOf(offset, m);
            modelId = Arrays.copyOf(modelId, m);
            maxFree = Arrays.copyOf(maxFree, m);
            wholeFree = Arrays.copyOf(wholeFree, m);
        }
        if (slots + n.gpus() > free.length) {
            free = Arrays.copyOf(free, Math.max(free.length * 2, slots + n.gpus()));
        }
        count[i] = n.gpus();
        offset[i] = slots;
        Arrays.fill(free, slots, slots + n.gpus(), Resources.GPU_MILLI);
        slots += n.gpus();
        modelId[i] = n.gpus() > 0 ? modelIdOf(n.gpuModel()) : -1;
        summarize(i);
    }

    private int modelIdOf(String model) {
        Integer id = models.get(model);
        if (id == null) {
            if (models.size() == 64) {
                throw new IllegalArgumentException("more than 64 GPU models");
            }
            id = models.size();
            models.put(model, id);
        }
        return id;
    }

    int count(int i) {
        return count[i];
    }

    int free(int i, int d) {
        return free[offset[i] + d];
    }

    long milliFree(int i) {
        long s = 0;
        int o = offset[i];
        for (int d = 0; d < count[i]; d++) {
            s += free[o + d];
        }
        return s;
    }

    int[] freeArray() {
        return free;
    }

    int offset(int i) {
        return offset[i];
    }

    int modelId(int i) {
        return modelId[i];
    }

    List<String> models() {
        return List.copyOf(models.keySet());
    }

    long modelMask(Collection<String> accepted) {
        if (accepted.isEmpty()) {
            return -1L;
        }
        long m = 0;
        for (String s : accepted) {
            Integer id = models.get(s);
            if (id != null) {
                m |= 1L << id;
            }
        }
        return m;
    }

    /** Recomputes node {@code i}'s most-free device and its count of wholly free devices. */
    private void summarize(int i) {
        int o = offset[i];
        int max = 0;
        int whole = 0;
        for (int d = 0; d < count[i]; d++) {
            int f = free[o + d];
            max = Math.max(max, f);
            if (f == Resources.GPU_MILLI) {
                whole++;
            }
        }
        maxFree[i] = max;
        wholeFree[i] = whole;
    }

    /** True if node {@code i} has {@code gpus} devices with at least {@code milli} free each. */
    boolean has(int i, int gpus, int milli) {
        if (count[i] < gpus) {
            return false;
        }
        if (gpus == 1) {
            return maxFree[i] >= milli;
        }
        if (milli == Resources.GPU_MILLI) {
            return wholeFree[i] >= gpus;
        }
        return maxFree[i] >= milli && devicesWithFree(i, milli) >= gpus;
    }

    int devicesWithFree(int i, int milli) {
        if (milli == Resources.GPU_MILLI) {
            return wholeFree[i];
        }
        if (milli > maxFree[i]) {
            return 0;
        }
        int o = offset[i];
        int c = 0;
        for (int d = 0; d < count[i]; d++) {
            if (free[o + d] >= milli) {
                c++;
            }
        }
        return c;
    }

    /** See {@link ClusterView#defaultDevices}. */
    long defaultDevices(int i, Resources request) {
        if (request.gpus() == 0) {
            return 0;
        }
        int o = offset[i];
        if (request.isGpuShare()) {
            int best = -1;
            int bestFree = Integer.MAX_VALUE;
            for (int d = 0; d < count[i]; d++) {
                int f = free[o + d];
                if (f >= request.gpuMilliPerGpu() && f < bestFree) {
                    best = d;
                    bestFree = f;
                }
            }
            return best < 0 ? -1 : 1L << best;
        }
        long mask = 0;
        int need = request.gpus();
        for (int d = 0; d < count[i] && need > 0; d++) {
            if (free[o + d] == Resources.GPU_MILLI) {
                mask |= 1L << d;
                need--;
            }
        }
        return need > 0 ? -1 : mask;
    }

    /**
     * Takes {@code milliPerGpu} from each device in {@code mask} of node {@code i}.
     *
     * @throws IllegalStateException if the mask does not name {@code gpus} devices of the node, or
     *     a device has too little free
     */
    void take(int i, long mask, int gpus, int milliPerGpu, Object who, String node) {
        if (Long.bitCount(mask) != gpus || (count[i] < 64 && (mask >>> count[i]) != 0)) {
            throw new IllegalStateException(who + ": device mask " + Long.toBinaryString(mask)
                    + " does not name " + gpus + " devices of " + node);
        }
        int o = offset[i];
        for (long m = mask; m != 0; m &= m - 1) {
            int d = Long.numberOfTrailingZeros(m);
            if (free[o + d] < milliPerGpu) {
                throw new IllegalStateException(who + ": device " + d + " of " + node + " has "
                        + free[o + d] + " milli-GPU free, needs " + milliPerGpu);
            }
        }
        for (long m = mask; m != 0; m &= m - 1) {
            free[o + Long.numberOfTrailingZeros(m)] -= milliPerGpu;
        }
        summarize(i);
    }

    /** Gives back what {@link #take} took. */
    void give(int i, long mask, int milliPerGpu) {
        int o = offset[i];
        for (long m = mask; m != 0; m &= m - 1) {
            free[o + Long.numberOfTrailingZeros(m)] += milliPerGpu;
        }
        summarize(i);
    }
}
