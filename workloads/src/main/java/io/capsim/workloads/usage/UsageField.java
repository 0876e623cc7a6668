package io.capsim.workloads.usage;

/** A quantity a usage-trace row may carry; a row's getter gives NaN for one it does not. */
public enum UsageField {
    /** CPU used, millicores. */
    CPU_USED_MILLIS("cpuUsedMillis", "m"),
    /** CPU requested (provisioned), millicores. */
    CPU_REQUEST_MILLIS("cpuRequestMillis", "m"),
    /** Memory used, MiB. */
    MEMORY_USED_MIB("memoryUsedMiB", "MiB"),
    /** Memory requested (provisioned), MiB. */
    MEMORY_REQUEST_MIB("memoryRequestMiB", "MiB"),
    /** Memory used as a fraction of the container's limit, 0..1. */
    MEMORY_UTILIZATION("memoryUtilization", "fraction"),
    /** GPU busy (duty cycle) as a fraction of one GPU, 0..1. */
    GPU_BUSY("gpuBusy", "fraction"),
    /** GPU memory used, MiB. */
    GPU_MEMORY_USED_MIB("gpuMemoryUsedMiB", "MiB");

    private final String key;
    private final String unit;

    UsageField(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** The name in messages and outputs. */
    public String key() {
        return key;
    }

    /** The unit of its values. */
    public String unit() {
        return unit;
    }
}
