package io.capsim.engine.serving;

import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.DurationDistribution;
import io.capsim.engine.results.LatencyRecorder;
import io.capsim.engine.results.ServiceResult;
import io.capsim.engine.results.TimeWeighted;
import io.capsim.engine.workload.ArrivalCursor;

/**
 * The running state of one service: its placed replicas, their busy slots and queues, and its
 * measurements.
 *
 * <p>Events: a completion is scheduled with {@code kind} = replica index and {@code arg} = the
 * request's arrival time, so a request in service costs no object. Waiting requests are kept as
 * (arrival time, work) pairs in ring buffers.
 */
final class ServiceInstance implements EventHandler {

    private final ServiceSpec spec;
    private final Simulator sim;
    private final DurationDistribution serviceTime;
    private final int placed;
    private final int concurrency;
    private final int queueCapacity;
    private final Routing routing;

    private final int[] busy;
    private final int[] freeSlots; // SHARED_QUEUE: one entry per free slot, naming its replica
    private int freeTop;
    private final LongPairFifo sharedQueue;
    private final LongPairFifo[] replicaQueues;
    private int nextReplica;
    private int waiting;

    private final long measureFrom;
    private long arrived;
    private long completed;
    private long rejected;
    private final LatencyRecorder response = new LatencyRecorder();
    private final LatencyRecorder wait = new LatencyRecorder();
    private final TimeWeighted busyMeter = new TimeWeighted();
    private final TimeWeighted queueMeter = new TimeWeighted();

    ServiceInstance(
            ServiceSpec spec,
            int placedReplicas,
            Simulator sim,
            DurationDistribution serviceTime,
            long measureFrom) {
        this.spec = spec;
        this.sim = sim;
        this.serviceTime = serviceTime;
        this.placed = placedReplicas;
        this.concurrency = spec.concurrency();
        this.queueCapacity = spec.queueCapacity();
        this.routing = spec.routing();
        this.measureFrom = measureFrom;
        busy = new int[placedReplicas];
        if (routing == Routing.SHARED_QUEUE) {
            long slots = (long) placedReplicas * concurrency;
            if (slots > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many slots in service " + spec.name() + ": " + slots);
            }
            freeSlots = new int[(int) slots];
            // Fill so that replica 0's slots are taken first, then replica 1's, and so on.
            for (int r = placedReplicas - 1; r >= 0; r--) {
                for (int k = 0; k < concurrency; k++) {
                    freeSlots[freeTop++] = r;
                }
            }
            sharedQueue = new LongPairFifo();
            replicaQueues = null;
        } else {
            freeSlots = null;
            sharedQueue = null;
            replicaQueues = new LongPairFifo[placedReplicas];
            for (int r = 0; r < placedReplicas; r++) {
                replicaQueues[r] = new LongPairFifo();
            }
        }
    }

    String name() {
        return spec.name();
    }

    /** Starts the measured window: clears what the warm-up measured. */
    void startMeasuring(long now) {
        busyMeter.reset(now);
        queueMeter.reset(now);
    }

    /** A request arrives now; {@code work} is its demand in ticks or {@link ArrivalCursor#NO_WORK}. */
    void arrive(long work) {
        long now = sim.now();
        boolean measured = now >= measureFrom;
        if (measured) {
            arrived++;
        }
        if (placed == 0) {
            reject(measured);
            return;
        }
        if (routing == Routing.SHARED_QUEUE) {
            if (freeTop > 0) {
                start(freeSlots[--freeTop], now, work);
            } else if (sharedQueue.size() < queueCapacity) {
                sharedQueue.add(now, work);
                changeWaiting(now, 1);
            } else {
                reject(measured);
            }
            return;
        }
        int r = routing == Routing.ROUND_ROBIN ? roundRobin() : leastOutstanding();
        if (busy[r] < concurrency) {
            start(r, now, work);
        } else if (replicaQueues[r].size() < queueCapacity) {
            replicaQueues[r].add(now, work);
            changeWaiting(now, 1);
        } else {
            reject(measured);
        }
    }

    private int roundRobin() {
        int r = nextReplica;
        nextReplica = r + 1 == placed ? 0 : r + 1;
        return r;
    }

    private int leastOutstanding() {
        // Scan from a rotating start so ties spread across replicas.
        int start = roundRobin();
        int best = start;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0, r = start; i < placed; i++, r = r + 1 == placed ? 0 : r + 1) {
            int load = busy[r] + replicaQueues[r].size();
            if (load < bestLoad) {
                bestLoad = load;
                best = r;
            }
        }
        return best;
    }

    private void reject(boolean measured) {
        if (measured) {
            rejected++;
        }
    }

    private void changeWaiting(long now, int delta) {
        waiting += delta;
        queueMeter.set(now, waiting);
    }

    private void start(int replica, long arrival, long work) {
        long now = sim.now();
        busy[replica]++;
        busyMeter.add(now, 1);
        if (arrival >= measureFrom) {
            wait.recordTicks(now - arrival);
        }
        long duration = work >= 0 ? work : sampleServiceTime();
        sim.scheduleAfter(duration, this, replica, arrival);
    }

    private long sampleServiceTime() {
        if (serviceTime == null) {
            throw new IllegalStateException("service " + spec.name()
                    + " has no serviceTime, and an arrival carried neither its work nor token counts");
        }
        return serviceTime.sampleTicks();
    }

    /** Token-count demand model, or null. */
    TokenWork tokenWork() {
        return spec.tokenWork();
    }

    /** A request finishes on replica {@code kind}; {@code arg} is its arrival time. */
    @Override
    public void handle(int kind, long arg) {
        long now = sim.now();
        int replica = kind;
        if (arg >= measureFrom) {
            completed++;
            response.recordTicks(now - arg);
        }
        busy[replica]--;
        busyMeter.add(now, -1);
        LongPairFifo q = routing == Routing.SHARED_QUEUE ? sharedQueue : replicaQueues[replica];
        if (!q.isEmpty()) {
            long arrival = q.firstA();
            long work = q.firstB();
            q.removeFirst();
            changeWaiting(now, -1);
            start(replica, arrival, work);
        } else if (routing == Routing.SHARED_QUEUE) {
            freeSlots[freeTop++] = replica;
        }
    }

    /**
     * Time-average CPU (millicores) and memory (MiB) the placed replicas used over the measured
     * window: usage is linear in the number of requests in service, so it follows from the
     * time-average of that number without metering every change.
     */
    double[] meanUsage(long now) {
        Usage u = spec.usage();
        double inService = busyMeter.average(now);
        return new double[] {
            placed * u.idleCpuMillis() + inService * u.cpuMillisPerRequest(),
            placed * u.idleMemoryMiB() + inService * u.memoryMiBPerRequest(),
            placed * u.idleGpus() + inService * u.gpusPerRequest()
        };
    }

    ServiceResult result(long now) {
        double slots = (double) placed * concurrency;
        return new ServiceResult(
                spec.name(),
                spec.replicas(),
                placed,
                concurrency,
                arrived,
                completed,
                rejected,
                arrived - completed - rejected,
                response.histogram().copy(),
                wait.histogram().copy(),
                response.meanMillis(),
                wait.meanMillis(),
                slots > 0 ? busyMeter.average(now) / slots : 0,
                queueMeter.average(now),
                busyMeter.average(now));
    }
}
