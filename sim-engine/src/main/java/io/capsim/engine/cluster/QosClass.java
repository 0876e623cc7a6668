package io.capsim.engine.cluster;

/**
 * Kubernetes quality-of-service class, derived from requests and limits as {@code
 * GetPodQOS} derives it for a pod with one container.
 */
public enum QosClass {
    /** CPU and memory limits set and equal to the requests. */
    GUARANTEED,
    /** Some request or limit set, but not Guaranteed. */
    BURSTABLE,
    /** No CPU or memory request or limit. */
    BEST_EFFORT;

    /**
     * The class of a pod. As Kubernetes defaults an unset request to its limit, a pod with limits
     * only is Guaranteed.
     *
     * @param requests requests, 0 meaning unset
     * @param limits limits, 0 meaning unset
     */
    public static QosClass of(Resources requests, Resources limits) {
        long reqCpu = requests.cpuMillis() == 0 ? limits.cpuMillis() : requests.cpuMillis();
        long reqMem = requests.memoryMiB() == 0 ? limits.memoryMiB() : requests.memoryMiB();
        if (reqCpu == 0 && reqMem == 0 && limits.cpuMillis() == 0 && limits.memoryMiB() == 0) {
            return BEST_EFFORT;
        }
        if (limits.cpuMillis() > 0 && limits.memoryMiB() > 0
                && reqCpu == limits.cpuMillis() && reqMem == limits.memoryMiB()) {
            return GUARANTEED;
        }
        return BURSTABLE;
    }
}
