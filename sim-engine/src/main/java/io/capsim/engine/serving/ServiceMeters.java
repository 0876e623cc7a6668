package io.capsim.engine.serving;

import io.capsim.engine.cluster.Pod;
import io.capsim.engine.results.AutoscalingResult;
import io.capsim.engine.results.LatencyRecorder;
import io.capsim.engine.results.ServiceBins;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.results.TimeWeighted;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Service} measures: its request counts and latencies (those of requests that
 * arrived in the measured window), the time averages of its requests in service and waiting, of its
 * ready replicas (in all and per node pool) and of the CPU they have, are allocated and use; and the
 * {@link ServiceResult} made of them. The service tells it what happens; it keeps no request or
 * replica of its own.
 */
final class ServiceMeters {

    private final ServiceSpec spec;
    private final boolean sharesCpu; // the engine knows the cores its requests use
    private final long measureFrom;

    // Counts of requests that arrived in the measured window.
    long arrived;
    long completed;
    long rejected;
    long failed;
    long retried;
    long arrivalsSinceStart; // warm-up included
    LatencyRecorder response = new LatencyRecorder();
    LatencyRecorder wait = new LatencyRecorder();
    final ServiceBins bins = new ServiceBins();
    final TimeWeighted busy = new TimeWeighted(); // requests in service
    final TimeWeighted queue = new TimeWeighted(); // requests waiting, at the service and its replicas
    private final TimeWeighted ready = new TimeWeighted();
    private final TimeWeighted cpu = new TimeWeighted(); // cores in use, from engines that share the CPU
    private final TimeWeighted cores = new TimeWeighted(); // CPUs of the ready replicas (actual limit or request)
    private final Map<Pod, Double> coresOf = new IdentityHashMap<>();
    private final TimeWeighted allocated = new TimeWeighted(); // CPU allocated to the bound pods, millicores
    private final Map<Pod, Long> allocatedOf = new IdentityHashMap<>();
    private final Map<String, TimeWeighted> readyByPool = new TreeMap<>();

    ServiceMeters(ServiceSpec spec, boolean sharesCpu, long measureFromTicks) {
        this.spec = spec;
        this.sharesCpu = sharesCpu;
        this.measureFrom = measureFromTicks;
    }

    /** Starts the measured window: clears what the warm-up measured. */
    void startMeasuring(long now) {
        busy.reset(now);
        queue.reset(now);
        ready.reset(now);
        cpu.reset(now);
        cores.reset(now);
        allocated.reset(now);
        for (TimeWeighted t : readyByPool.values()) {
            t.reset(now);
        }
        response = new LatencyRecorder();
        wait = new LatencyRecorder();
    }

    /** True if a request that arrived at {@code arrivalTicks} is measured. */
    boolean measured(long arrivalTicks) {
        return arrivalTicks >= measureFrom;
    }

    // ---- replicas and their CPU ----

    /** A replica with {@code replicaCores} CPUs became ready on a node of {@code pool}. */
    void replicaReady(Pod pod, String pool, double replicaCores, long now) {
        coresOf.put(pod, replicaCores);
        cores.add(now, replicaCores);
        readyChanged(pool, +1, now);
    }

    /** A ready replica was resized in place to {@code replicaCores} CPUs. */
    void replicaResized(Pod pod, double replicaCores, long now) {
        cores.add(now, replicaCores - coresOf.put(pod, replicaCores));
    }

    /** A replica on a node of {@code pool} is no longer ready. */
    void replicaGone(Pod pod, String pool, long now) {
        cores.add(now, -coresOf.remove(pod));
        readyChanged(pool, -1, now);
    }

    private void readyChanged(String pool, int delta, long now) {
        ready.add(now, delta);
        readyByPool.computeIfAbsent(pool, k -> {
            TimeWeighted t = new TimeWeighted();
            t.reset(Math.min(measureFrom, now)); // 0 replicas there until now
            return t;
        }).add(now, delta);
    }

    /** One of the service's pods was bound: its allocated CPU counts from now. */
    void podBound(Pod pod, long now) {
        long millis = pod.allocatedRequests().cpuMillis();
        allocatedOf.put(pod, millis);
        allocated.add(now, millis);
    }

    /** A pod's allocated resources may have changed (an in-place resize). */
    void podResourcesChanged(Pod pod, long now) {
        Long before = allocatedOf.get(pod);
        if (before != null) {
            long millis = pod.allocatedRequests().cpuMillis();
            if (millis != before) {
                allocatedOf.put(pod, millis);
                allocated.add(now, millis - before);
            }
        }
    }

    /** A pod ended: its allocated CPU no longer counts. */
    void podEnded(Pod pod, long now) {
        Long millis = allocatedOf.remove(pod);
        if (millis != null) {
            allocated.add(now, -millis);
        }
    }

    /** Cores in use by an engine that shares the CPU changed. */
    void cpuInUse(long now, double deltaCores) {
        cpu.add(now, deltaCores);
    }

    // ---- now ----

    int inService() {
        return (int) busy.value();
    }

    double allocatedCpuMillisNow() {
        return allocated.value();
    }

    double allocatedCpuMillis(long now) {
        return allocated.average(now);
    }

    /** CPU the {@code replicas} ready replicas use now (their usage model), millicores. */
    double cpuUsedMillisNow(int replicas) {
        Usage u = spec.usage();
        if (sharesCpu) {
            return replicas * u.idleCpuMillis() + cpu.value() * 1000;
        }
        return replicas * u.idleCpuMillis() + inService() * u.cpuMillisPerRequest();
    }

    /** Requests waiting per ready replica now: see {@link Service#waitingPerReplica}. */
    double waitingPerReplica(int waiting, int replicas) {
        double w = waiting;
        if (sharesCpu) {
            w += Math.max(0, inService() - cores.value());
        }
        return replicas == 0 ? w : w / replicas;
    }

    double memoryUsedMiBNow(int replicas) {
        Usage u = spec.usage();
        return replicas * u.idleMemoryMiB() + inService() * u.memoryMiBPerRequest();
    }

    double gpusUsedNow(int replicas) {
        Usage u = spec.usage();
        return replicas * u.idleGpus() + inService() * u.gpusPerRequest();
    }

    // ---- the result ----

    /** What the service did in the measured window; see {@link Service#result}. */
    ServiceResult result(long now, int readyNow, long podsCreated, long replicasPreempted, long replicasEvicted,
            AutoscalingResult autoscaling, LlmMeter llm, Clients clients) {
        double readyMean = ready.average(now);
        double slots = readyMean * spec.concurrency();
        double inService = busy.average(now);
        double utilization = slots > 0 ? inService / slots : 0;
        Map<String, Double> byPool = new LinkedHashMap<>();
        readyByPool.forEach((k, v) -> byPool.put(k, v.average(now)));
        Usage u = spec.usage();
        double cpuMillis = readyMean * u.idleCpuMillis() + inService * u.cpuMillisPerRequest();
        if (sharesCpu) {
            double coresUsed = cpu.average(now);
            double capacity = cores.average(now);
            utilization = capacity > 0 ? coresUsed / capacity : 0;
            cpuMillis = readyMean * u.idleCpuMillis() + coresUsed * 1000;
        }
        return new ServiceResult(
                spec.name(),
                spec.engine(),
                spec.routing(),
                spec.replicas(),
                readyMean,
                readyNow,
                byPool,
                podsCreated,
                replicasPreempted,
                replicasEvicted,
                spec.concurrency(),
                arrived,
                completed,
                rejected,
                failed,
                retried,
                arrived - completed - rejected - failed - (clients == null ? 0 : clients.abandoned()),
                response.histogram(),
                wait.histogram(),
                response.meanMillis(),
                wait.meanMillis(),
                utilization,
                queue.average(now),
                inService,
                cpuMillis,
                readyMean * u.idleMemoryMiB() + inService * u.memoryMiBPerRequest(),
                readyMean * u.idleGpus() + inService * u.gpusPerRequest(),
                autoscaling,
                llm == null ? null : llm.result(now), null, clients == null ? null : clients.result());
    }
}
