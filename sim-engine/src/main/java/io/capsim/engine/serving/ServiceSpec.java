package io.capsim.engine.serving;

import io.capsim.engine.random.DistributionSpec;
import java.util.Objects;

/**
 * An inference service: identical replicas, each serving up to {@code concurrency} requests at a
 * time, the rest waiting in FIFO order.
 *
 * @param name service name (a DNS-1123 label)
 * @param replicas number of replicas wanted, at least 1
 * @param concurrency requests one replica serves at once, at least 1
 * @param queueCapacity most requests waiting (per service for {@link Routing#SHARED_QUEUE}, per
 *     replica otherwise); an arrival finding the queue full is rejected. {@link Integer#MAX_VALUE}
 *     means unbounded
 * @param routing how requests reach replicas
 * @param cpuMillis CPU request per replica, millicores
 * @param memoryMiB memory request per replica, MiB
 * @param gpus whole GPUs per replica
 * @param usage what a replica uses while idle and per request
 * @param serviceTime time one request holds a slot, when the arrival carries neither its demand
 *     nor token counts that {@code tokenWork} turns into one; null if every arrival does
 * @param tokenWork demand from token counts, for arrivals that carry them; null for none
 */
public record ServiceSpec(
        String name,
        int replicas,
        int concurrency,
        int queueCapacity,
        Routing routing,
        long cpuMillis,
        long memoryMiB,
        int gpus,
        Usage usage,
        DistributionSpec serviceTime,
        TokenWork tokenWork) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(usage, "usage");
        if (serviceTime == null && tokenWork == null) {
            throw new IllegalArgumentException("service " + name + " needs a serviceTime or tokenWork");
        }
        if (replicas < 1 || concurrency < 1 || queueCapacity < 0 || cpuMillis < 0 || memoryMiB < 0 || gpus < 0) {
            throw new IllegalArgumentException("invalid service " + name);
        }
    }

    /** A CPU service whose request times come from {@code serviceTime}. */
    public ServiceSpec(String name, int replicas, int concurrency, int queueCapacity, Routing routing, long cpuMillis,
            long memoryMiB, Usage usage, DistributionSpec serviceTime) {
        this(name, replicas, concurrency, queueCapacity, routing, cpuMillis, memoryMiB, 0, usage,
                Objects.requireNonNull(serviceTime, "serviceTime"), null);
    }
}
