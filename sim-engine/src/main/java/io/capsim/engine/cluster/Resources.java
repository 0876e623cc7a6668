package io.capsim.engine.cluster;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An amount of node resources, used both for pod requests/limits.
 *
 * <p>GPUs are requested as {@code gpus} devices with {@code gpuMilliPerGpu} thousandths of each, as
 * GPU-sharing schedulers account them: a fractional request ({@code gpus == 1}, {@code
 * gpuMilliPerGpu < 1000}) shares one device with other pods; a request of more than one GPU takes
 * whole devices ({@code gpuMilliPerGpu == 1000}).
 *
 * @param cpuMillis CPU in millicores, at least 0
 * @param memoryMiB memory in MiB, at least 0
 * @param gpus number of GPU devices, at least 0
 * @param gpuMilliPerGpu share of each device in milli-GPU, in [0, 1000]; 0 exactly when {@code gpus}
 *     is 0; 1000 when {@code gpus > 1}
 * @param extended named extended resources (for example {@code example.com/fpga}) in their integer
 *     unit, each at least 0; copied, sorted by name
 */
public record Resources(long cpuMillis, long memoryMiB, int gpus, int gpuMilliPerGpu, Map<String, Long> extended) {

    /** Milli-GPU in one whole device. */
    public static final int GPU_MILLI = 1000;

    /** Nothing. */
    public static final Resources NONE = new Resources(0, 0, 0, 0, Map.of());

    public Resources {
        if (cpuMillis < 0) {
            throw new IllegalArgumentException("cpuMillis " + cpuMillis + " < 0");
        }
        if (memoryMiB < 0) {
            throw new IllegalArgumentException("memoryMiB " + memoryMiB + " < 0");
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("gpus " + gpus + " < 0");
        }
        if (gpuMilliPerGpu < 0 || gpuMilliPerGpu > GPU_MILLI) {
            throw new IllegalArgumentException("gpuMilliPerGpu " + gpuMilliPerGpu + " is not in [0, 1000]");
        }
        if ((gpus == 0) != (gpuMilliPerGpu == 0)) {
            throw new IllegalArgumentException(
                    "gpus " + gpus + " and gpuMilliPerGpu " + gpuMilliPerGpu + " must both be 0 or both positive");
        }
        if (gpus > 1 && gpuMilliPerGpu != GPU_MILLI) {
            throw new IllegalArgumentException(
                    "a request of " + gpus + " GPUs takes whole devices: gpuMilliPerGpu must be 1000, not " + gpuMilliPerGpu);
        }
        Objects.requireNonNull(extended, "extended");
        TreeMap<String, Long> copy = new TreeMap<>();
        for (Map.Entry<String, Long> e : extended.entrySet()) {
            String k = Objects.requireNonNull(e.getKey(), "extended resource name");
            long v = Objects.requireNonNull(e.getValue(), "extended resource amount");
            if (k.isEmpty()) {
                throw new IllegalArgumentException("extended resource name must not be empty");
            }
            if (v < 0) {
                throw new IllegalArgumentException("extended resource " + k + " amount " + v + " < 0");
            }
            copy.put(k, v);
        }
        extended = java.util.Collections.unmodifiableMap(copy);
    }

    /** CPU and memory only. */
    public static Resources of(long cpuMillis, long memoryMiB) {
        return new Resources(cpuMillis, memoryMiB, 0, 0, Map.of());
    }

    /** CPU, memory and GPUs (see the class comment for the GPU encoding). */
    public static Resources of(long cpuMillis, long memoryMiB, int gpus, int gpuMilliPerGpu) {
        return new Resources(cpuMillis, memoryMiB, gpus, gpuMilliPerGpu, Map.of());
    }

    /** The same with one extended resource added or replaced. */
    public Resources withExtended(String name, long amount) {
        TreeMap<String, Long> m = new TreeMap<>(extended);
        m.put(name, amount);
        return new Resources(cpuMillis, memoryMiB, gpus, gpuMilliPerGpu, m);
    }

    /** Total GPU in milli-GPU: {@code gpus * gpuMilliPerGpu}. */
    public long gpuMilliTotal() {
        return (long) gpus * gpuMilliPerGpu;
    }

    /** True for a share of a single device ({@code gpus == 1 && gpuMilliPerGpu < 1000}). */
    public boolean isGpuShare() {
        return gpus == 1 && gpuMilliPerGpu < GPU_MILLI;
    }

    /** The amount of an extended resource, 0 when absent. */
    public long extended(String name) {
        Long v = extended.get(name);
        return v == null ? 0 : v;
    }

    /** True when CPU, memory, GPU and every extended resource are zero. */
    public boolean isZero() {
        if (cpuMillis != 0 || memoryMiB != 0 || gpus != 0) {
            return false;
        }
        for (long v : extended.values()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
