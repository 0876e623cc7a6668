package io.capsim.engine.serving;

import io.capsim.engine.kernel.EventHandler;
import java.util.function.IntConsumer;

/**
 * The {@code fixed-slots} replica engine: the replica serves up to {@code concurrency} requests at
 * once, each holding one slot for its demand divided by the node's speed; the rest wait FIFO at
 * the replica (or in the service queue, with {@code shared-queue} routing). With concurrency 1,
 * exponential demands and a shared queue, a service is exactly M/M/c.
 *
 * <p>A request in service is one kernel event ({@code arg} = request id) and costs no object.
 */
public final class FixedSlots extends ReplicaEngine implements EventHandler {

    /** Registered name. */
    public static final String NAME = "fixed-slots";

    /** The factory. */
    public static final ReplicaEngineFactory FACTORY = new ReplicaEngineFactory() {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ReplicaEngine create(ServiceSpec spec, ReplicaHost host, double speed) {
            return new FixedSlots(host, speed, spec.concurrency(), spec.queueCapacity());
        }
    };

    private final int concurrency;
    private final int queueCapacity;
    private final IntFifo queue = new IntFifo();
    private final RequestTable table;
    private int[] inService;
    private int busy;

    FixedSlots(ReplicaHost host, double speed, int concurrency, int queueCapacity) {
        super(host, speed);
        this.concurrency = concurrency;
        this.queueCapacity = queueCapacity;
        this.table = host.requests();
        this.inService = new int[Math.min(concurrency, 16)];
    }

    @Override
    public int freeCapacity() {
        return concurrency - busy;
    }

    @Override
    public int outstanding() {
        return busy + queue.size();
    }

    @Override
    public boolean offer(int request) {
        if (busy < concurrency) {
            start(request);
            return true;
        }
        if (queue.size() < queueCapacity) {
            queue.add(request);
            host.queuedAtReplica(1);
            return true;
        }
        return false;
    }

    @Override
    public void start(int request) {
        if (busy == inService.length) {
            inService = java.util.Arrays.copyOf(inService, Math.min(concurrency, 2 * busy));
        }
        inService[busy] = request;
        table.mark(request, busy);
        busy++;
        table.replica(request, index);
        host.started(request, this);
        long demand = host.demandTicks(request);
        long d = speed == 1.0 ? demand : (long) (demand / speed + 0.5);
        table.handle(request, host.sim().scheduleAfter(d, this, 0, request));
    }

    /** A request completes ({@code arg} is its id). */
    @Override
    public void handle(int kind, long arg) {
        int request = (int) arg;
        int pos = table.mark(request);
        int last = inService[--busy];
        inService[pos] = last;
        table.mark(last, pos);
        host.completed(request, this);
        int next;
        if (!queue.isEmpty()) {
            next = queue.poll();
            host.queuedAtReplica(-1);
        } else {
            next = host.nextShared(this);
        }
        if (next >= 0) {
            start(next);
        } else {
            host.freed(this);
        }
    }

    @Override
    public void drain(IntConsumer lost) {
        int n = busy;
        int[] held = java.util.Arrays.copyOf(inService, n);
        busy = 0;
        for (int k = 0; k < n; k++) {
            host.sim().cancel(table.handle(held[k])); // the handle stays set: the host sees it was in service
        }
        for (int k = 0; k < n; k++) {
            lost.accept(held[k]);
        }
        int q = queue.size();
        host.queuedAtReplica(-q);
        queue.drainTo(lost);
    }
}
