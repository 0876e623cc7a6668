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
public final class FixedSlots extends QueuedEngine {

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

    private int busy;

    FixedSlots(ReplicaHost host, double speed, int concurrency, int queueCapacity) {
        super(host, speed, concurrency, queueCapacity);
    }

    @Override
    protected int inService() {
        return busy;
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
        int next = next();
        if (next >= 0) {
            start(next);
        }
    }

    @Override
    public void drain(IntConsumer lostInService, IntConsumer lostQueued) {
        busy = 0;
        loadChanged(host.sim().now(), 0);
        handOver(lostInService, lostQueued);
    }
}
