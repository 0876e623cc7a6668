package io.capsim.engine.serving;

import io.capsim.engine.cluster.Cluster;
import io.capsim.engine.cluster.NodePool;
import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.EventList;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.Distributions;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.ClusterResult;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Services on a cluster, fed by arrival streams: places replicas (first fit, in service then
 * replica order), runs the simulation to its end and collects a {@link RunResult}.
 *
 * <p>Randomness: the service times of service {@code s} come from the stream
 * {@code service-time/s} of the given {@link RandomStreams}; arrivals come from cursors built by
 * the caller, each with its own stream.
 */
public final class ServingModel {

    /** One arrival stream and the service it feeds. */
    public record Feed(String service, ArrivalCursor cursor) {
        public Feed {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(cursor, "cursor");
        }
    }

    private final Simulator sim = new Simulator();
    private final Cluster cluster;
    private final Map<String, ServiceInstance> services = new LinkedHashMap<>();
    private final List<ArrivalFeed> feeds = new ArrayList<>();
    private final List<ArrivalCursor> cursors = new ArrayList<>();
    private final long warmup;
    private final long end;
    private final long cpuAllocated;
    private final long memAllocated;
    private final long gpuAllocated;

    /**
     * Builds the model and places the replicas.
     *
     * @param pools node pools
     * @param specs services, in the order they are placed
     * @param feeds arrival streams; each must name one of the services
     * @param streams random streams for service times
     * @param warmupTicks start of the measured window, ticks
     * @param durationTicks end of the run, ticks, greater than the warm-up
     */
    public ServingModel(
            List<NodePool> pools,
            List<ServiceSpec> specs,
            List<Feed> feeds,
            RandomStreams streams,
            long warmupTicks,
            long durationTicks) {
        if (warmupTicks < 0 || durationTicks <= warmupTicks) {
            throw new IllegalArgumentException("need 0 <= warmup < duration");
        }
        this.warmup = warmupTicks;
        this.end = durationTicks;
        this.cluster = new Cluster(pools);
        for (ServiceSpec s : specs) {
            int placed = 0;
            for (int r = 0; r < s.replicas(); r++) {
                int node = cluster.firstFit(s.cpuMillis(), s.memoryMiB(), s.gpus());
                if (node < 0) {
                    break; // identical replicas: if one does not fit, none of the rest will
                }
                cluster.allocate(node, s.cpuMillis(), s.memoryMiB(), s.gpus());
                placed++;
            }
            ServiceInstance inst = new ServiceInstance(
                    s, placed, sim, s.serviceTime() == null ? null
                            : Distributions.create(s.serviceTime(), streams.stream("service-time/" + s.name())),
                    warmupTicks);
            if (services.putIfAbsent(s.name(), inst) != null) {
                throw new IllegalArgumentException("duplicate service " + s.name());
            }
        }
        cpuAllocated = cluster.cpuAllocatedTotal();
        memAllocated = cluster.memoryAllocatedTotal();
        gpuAllocated = cluster.gpuAllocatedTotal();
        for (Feed f : feeds) {
            ServiceInstance target = services.get(f.service());
            if (target == null) {
                throw new IllegalArgumentException("arrivals for unknown service " + f.service());
            }
            this.feeds.add(new ArrivalFeed(f.cursor(), target, sim, durationTicks));
            cursors.add(f.cursor());
        }
    }

    /** The cluster, after placement. */
    public Cluster cluster() {
        return cluster;
    }

    /** Told how far a run has got; called between events, so it cannot change the run. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param nowTicks virtual time reached
         * @param endTicks virtual time the run ends at
         */
        void at(long nowTicks, long endTicks);
    }

    /**
     * Runs the simulation to its end and returns what it measured. Closes the arrival cursors.
     * Call once.
     */
    public RunResult run() {
        return run(null);
    }

    /**
     * Runs the simulation, telling {@code progress} (if not null) at each hundredth of the
     * duration. The events run, and so the results, are the same with or without it.
     */
    public RunResult run(Progress progress) {
        try {
            EventHandler startMeasuring = (kind, arg) -> {
                for (ServiceInstance s : services.values()) {
                    s.startMeasuring(sim.now());
                }
            };
            // The warm-up ends before any other event at the same instant.
            sim.scheduleAt(warmup, EventList.MIN_PRIORITY, startMeasuring, 0, 0);
            for (ArrivalFeed f : feeds) {
                f.prime();
            }
            if (progress == null) {
                sim.runUntil(end);
            } else {
                for (int i = 1; i <= 100; i++) {
                    long t = i == 100 ? end : end / 100 * i;
                    sim.runUntil(Math.max(t, sim.now()));
                    progress.at(sim.now(), end);
                }
            }
            List<ServiceResult> results = new ArrayList<>();
            double cpuUsed = 0;
            double memUsed = 0;
            double gpuUsed = 0;
            for (ServiceInstance s : services.values()) {
                results.add(s.result(end));
                double[] usage = s.meanUsage(end);
                cpuUsed += usage[0];
                memUsed += usage[1];
                gpuUsed += usage[2];
            }
            double cpuCap = cluster.totalCpuMillis();
            double memCap = cluster.totalMemoryMiB();
            double gpuCap = cluster.totalGpus();
            ClusterResult cr = new ClusterResult(
                    cluster.size(),
                    cluster.totalCpuMillis(),
                    cluster.totalMemoryMiB(),
                    cpuCap > 0 ? cpuAllocated / cpuCap : 0,
                    cpuCap > 0 ? cpuUsed / cpuCap : 0,
                    memCap > 0 ? memAllocated / memCap : 0,
                    memCap > 0 ? memUsed / memCap : 0,
                    cluster.totalGpus(),
                    gpuCap > 0 ? gpuAllocated / gpuCap : Double.NaN,
                    gpuCap > 0 ? gpuUsed / gpuCap : Double.NaN);
            return new RunResult(
                    SimTime.toSeconds(end), SimTime.toSeconds(end - warmup), sim.eventsExecuted(), results, cr);
        } finally {
            for (ArrivalCursor c : cursors) {
                c.close();
            }
        }
    }
}
