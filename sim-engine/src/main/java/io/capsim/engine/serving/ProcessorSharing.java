package io.capsim.engine.serving;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The {@code processor-sharing} replica engine: the requests in service share the replica's CPU
 * equally, as threads of one container share its CFS quota. The replica has {@code cores} CPUs (its
 * CPU limit, or its request when it has no limit) on a node of relative {@code speed}; with
 * {@code n} requests in service each progresses at {@code speed × min(1, cores / n)} reference
 * CPU-seconds per second: one request uses at most one core (its work is single-threaded), and
 * beyond {@code cores} requests they slow down together. A request's demand is its CPU-seconds at
 * speed 1. At most {@code concurrency} requests are in service; the rest wait FIFO at the replica
 * (or in the service queue, with {@code shared-queue} routing).
 *
 * <p>With one core, Poisson arrivals and no concurrency cap a replica is exactly M/G/1-PS, whose
 * mean response time E[S]/(1-ρ) does not depend on the demand's distribution.
 *
 * <p>Kept in virtual time, as fair-queueing schedulers are: {@code attained} is the work every
 * request in service has received since the replica last went idle; a request that starts carries
 * the finish tag {@code attained + demand}, and the earliest tag finishes first. A start or a
 * completion costs O(log n) (a binary heap of tags) and re-arms the replica's one timer, so a
 * replica costs one pending kernel event whatever its number of requests.
 */
public final class ProcessorSharing extends QueuedEngine {

    /** Registered name. */
    public static final String NAME = "processor-sharing";

    /** The factory. */
    public static final ReplicaEngineFactory FACTORY = new ReplicaEngineFactory() {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ReplicaEngine create(ServiceSpec spec, ReplicaHost host, double speed) {
            return new ProcessorSharing(host, speed, cores(spec), spec.concurrency(), spec.queueCapacity());
        }

        @Override
        public ReplicaEngine create(ServiceSpec spec, ReplicaHost host, double speed, double cpuCores) {
            return new ProcessorSharing(host, speed, cpuCores > 0 ? cpuCores : cores(spec), spec.concurrency(),
                    spec.queueCapacity());
        }

        @Override
        public boolean sharesCpu() {
            return true;
        }
    };

    private double cores;

    // Binary min-heap of the requests in service by (finish tag, start order).
    private double[] tag = new double[8];
    private long[] order = new long[8];
    private int[] request = new int[8];
    private int n;
    private long nextOrder;

    private double attained; // work per request in service since the replica was last idle, reference ticks
    private long last; // when attained was last brought up to date
    private long timer = -1; // handle of the pending completion timer, or -1

    ProcessorSharing(ReplicaHost host, double speed, double cores, int concurrency, int queueCapacity) {
        super(host, speed, concurrency, queueCapacity);
        if (!(cores > 0) || !(speed > 0)) {
            throw new IllegalArgumentException("processor sharing needs cores > 0 and speed > 0");
        }
        this.cores = cores;
    }

    /** CPUs of one replica of {@code spec}: its CPU limit, else its request, in cores; 0 if neither. */
    public static double cores(ServiceSpec spec) {
        long limit = spec.template().limits().cpuMillis();
        return (limit > 0 ? limit : spec.template().requests().cpuMillis()) / 1000.0;
    }

    /**
     * An in-place resize changed the replica's CPU: the requests in service keep the work they
     * have received and go on at the rate of the new CPU from now.
     */
    @Override
    public void resized(double cpuCores) {
        if (!(cpuCores > 0) || cpuCores == cores) {
            return;
        }
        catchUp();
        double before = busyCores(n);
        cores = cpuCores;
        cpuChanged(before);
        arm();
    }

    /** CPUs of the replica now. */
    public double cores() {
        return cores;
    }

    /** Rate of each of {@code k} requests in service, reference ticks of work per tick. */
    private double rate(int k) {
        return k <= cores ? speed : speed * cores / k;
    }

    /** The cores in use changed from {@code before}: tells the host, and the load integral. */
    private void cpuChanged(double before) {
        double now = busyCores(n);
        host.cpuInUse(now - before);
        loadChanged(host.sim().now(), now);
    }

    /** Cores busy with {@code k} requests in service. */
    private double busyCores(int k) {
        return Math.min(k, cores);
    }

    @Override
    protected int inService() {
        return n;
    }

    @Override
    public void start(int req) {
        catchUp();
        begin(req);
        arm();
    }

    /** Brings {@code attained} up to now. */
    private void catchUp() {
        long now = host.sim().now();
        if (n > 0) {
            attained += rate(n) * (now - last);
        }
        last = now;
    }

    /** Starts a request; {@code attained} is current. */
    private void begin(int req) {
        table.replica(req, serial);
        host.started(req, this);
        long demand = host.demandTicks(req);
        double before = busyCores(n);
        push(attained + demand, req);
        cpuChanged(before);
    }

    /** The completion timer: the request with the earliest tag has received its demand. */
    @Override
    public void wake(int ignored) {
        timer = -1;
        catchUp();
        if (n == 0) {
            return;
        }
        if (attained < tag[0]) { // the timer was rounded up to a whole tick; never fire early
            attained = tag[0];
        }
        while (n > 0 && tag[0] <= attained) {
            int done = pop();
            cpuChanged(busyCores(n + 1));
            host.completed(done, this);
            int next = next();
            if (next >= 0) {
                begin(next);
            }
        }
        if (n == 0) {
            attained = 0; // idle: restart virtual time, so it never loses precision on long runs
        }
        arm();
    }

    /** Sets the timer for the earliest tag, replacing any. */
    private void arm() {
        if (timer >= 0) {
            host.cancel(timer);
            timer = -1;
        }
        if (n > 0) {
            double ticks = Math.ceil((tag[0] - attained) / rate(n));
            long delay = ticks <= 0 ? 0 : ticks >= 0x1p62 ? 1L << 62 : (long) ticks;
            timer = host.schedule(delay, -1, this);
        }
    }

    @Override
    public void drain(IntConsumer lostInService, IntConsumer lostQueued) {
        double before = busyCores(n);
        n = 0;
        cpuChanged(before);
        attained = 0;
        handOver(lostInService, lostQueued);
    }

    // ---- the heap ----

    private boolean before(double t1, long o1, int j) {
        return t1 < tag[j] || (t1 == tag[j] && o1 < order[j]);
    }

    private void push(double t, int req) {
        if (n == tag.length) {
            tag = Arrays.copyOf(tag, n * 2);
            order = Arrays.copyOf(order, n * 2);
            request = Arrays.copyOf(request, n * 2);
        }
        long o = nextOrder++;
        int i = n++;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!before(t, o, p)) {
                break;
            }
            tag[i] = tag[p];
            order[i] = order[p];
            request[i] = request[p];
            i = p;
        }
        tag[i] = t;
        order[i] = o;
        request[i] = req;
    }

    private int pop() {
        int top = request[0];
        int end = --n;
        double t = tag[end];
        long o = order[end];
        int r = request[end];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && before(tag[c + 1], order[c + 1], c)) {
                c++;
            }
            if (before(t, o, c)) {
                break;
            }
            tag[i] = tag[c];
            order[i] = order[c];
            request[i] = request[c];
            i = c;
        }
        if (n > 0) {
            tag[i] = t;
            order[i] = o;
            request[i] = r;
        }
        return top;
    }
}
