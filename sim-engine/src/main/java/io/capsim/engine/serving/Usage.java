package io.capsim.engine.serving;

/**
 * What a replica actually uses, as opposed to what it requests: a baseline while idle plus an
 * amount per request in service.
 *
 * @param idleCpuMillis CPU a replica uses with no request in service, millicores
 * @param cpuMillisPerRequest extra CPU per request in service, millicores
 * @param idleMemoryMiB memory a replica uses with no request in service, MiB
 * @param memoryMiBPerRequest extra memory per request in service, MiB
 * @param idleGpus GPUs busy with no request in service
 * @param gpusPerRequest GPUs busy per request in service
 */
public record Usage(double idleCpuMillis, double cpuMillisPerRequest, double idleMemoryMiB, double memoryMiBPerRequest,
        double idleGpus, double gpusPerRequest) {

    public Usage {
        if (idleCpuMillis < 0 || cpuMillisPerRequest < 0 || idleMemoryMiB < 0 || memoryMiBPerRequest < 0
                || idleGpus < 0 || gpusPerRequest < 0) {
            throw new IllegalArgumentException("usage must not be negative");
        }
    }

    /** CPU and memory usage, no GPU. */
    public Usage(double idleCpuMillis, double cpuMillisPerRequest, double idleMemoryMiB, double memoryMiBPerRequest) {
        this(idleCpuMillis, cpuMillisPerRequest, idleMemoryMiB, memoryMiBPerRequest, 0, 0);
    }
}
