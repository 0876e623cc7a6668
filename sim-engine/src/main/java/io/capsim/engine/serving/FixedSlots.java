package io.capsim.engine.serving;

import java.util.function.IntConsumer;

/**
 * The {@code fixed-slots} replica engine: the replica serves up to {@code concurrency} requests at
 * once, each holding one slot for its demand divided by the node's speed; the rest wait FIFO at
 * the replica (or in the service queue, with {@code shared-queue} routing). With concurrency 1,
 * exponential demands and a shared queue, a service is exactly M/M/c.
 *
 * <p>A request in service is one timer in the service's heap and costs no object.
 */
public final class FixedSlots extends ReplicaEngine {

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
    private int busy;

    FixedSlots(ReplicaHost host, double speed, int concurrency, int queueCapacity) {
        super(host, speed);
        this.concurrency = concurrency;
        this.queueCapacity = queueCapacity;
        this.table = host.requests();
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
        loadChanged(host.sim().now(), ++busy);
        table.replica(request, serial);
        host.started(request, this);
        long demand = host.demandTicks(request);
        host.schedule(speed == 1.0 ? demand : scaled(demand), request, this);
    }

    private long scaled(long demand) {
        return (long) (demand / speed + 0.5);
    }

    /** A request completes. */
    @Override
    public void wake(int request) {
        loadChanged(host.sim().now(), --busy);
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
    public void drain(IntConsumer lostInService, IntConsumer lostQueued) {
        int[] held = table.inService(serial);
        busy = 0;
        loadChanged(host.sim().now(), 0);
        for (int id : held) {
            table.replica(id, -1);
            lostInService.accept(id);
        }
        int q = queue.size();
        host.queuedAtReplica(-q);
        queue.drainTo(lostQueued);
    }
}
