package io.capsim.engine.serving;

import io.capsim.engine.cluster.Pod;
import io.capsim.engine.results.AutoscalingResult;
import io.capsim.engine.results.CountOverTime;
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
public final class ServiceMeters {

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
    final CountOverTime busy = new CountOverTime(); // requests in service
    final CountOverTime queue = new CountOverTime(); // requests waiting, at the service and its replicas
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

    /** Ready replicas now. */
    public int readyReplicas() {
        return (int) ready.value();
    }

    /** Requests in service now. */
    public int inService() {
        return (int) busy.value();
    }

    /** Requests waiting now (at the service and at replicas). */
    public int waiting() {
        return (int) queue.value();
    }

    /** Arrivals since the run began, warm-up included. */
    public long arrivalsSinceStart() {
        return arrivalsSinceStart;
    }

    /** Response times in the current time bin (read and reset by the run's sampler). */
    public ServiceBins bins() {
        return bins;
    }

    /** CPU allocated (the kubelet's allocated requests) to the service's bound pods now, millicores. */
    public double allocatedCpuMillisNow() {
        return allocated.value();
    }

    /** Time-average CPU allocated to the service's bound pods over the measured window, millicores. */
    public double allocatedCpuMillis(long now) {
        return allocated.average(now);
    }

    /** CPU the ready replicas use now (their usage model), millicores. */
    public double cpuUsedMillisNow() {
        Usage u = spec.usage();
        if (sharesCpu) {
            return readyReplicas() * u.idleCpuMillis() + cpu.value() * 1000;
        }
        return readyReplicas() * u.idleCpuMillis() + inService() * u.cpuMillisPerRequest();
    }

    /**
     * Requests waiting per ready replica now (the count waiting with none ready): for an engine
     * that shares the CPU, the requests in service beyond the replicas' CPUs (they wait for a core)
     * plus those queued; for a slot engine, those queued at the service and its replicas.
     */
    public double waitingPerReplica() {
        double w = waiting();
        if (sharesCpu) {
            w += Math.max(0, inService() - cores.value());
        }
        int replicas = readyReplicas();
        return replicas == 0 ? w : w / replicas;
    }

    /** Memory the ready replicas use now, MiB. */
    public double memoryUsedMiBNow() {
        Usage u = spec.usage();
        return readyReplicas() * u.idleMemoryMiB() + inService() * u.memoryMiBPerRequest();
    }

    /** GPUs the ready replicas use now. */
    public double gpusUsedNow() {
        Usage u = spec.usage();
        return readyReplicas() * u.idleGpus() + inService() * u.gpusPerRequest();
    }

    // ---- the result ----

    /** What the service did in the measured window; see {@link Service#result}. */
    ServiceResult result(long now, long podsCreated, long replicasPreempted, long replicasEvicted,
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
                readyReplicas(),
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
