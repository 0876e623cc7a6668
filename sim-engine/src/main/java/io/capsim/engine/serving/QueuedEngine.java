package io.capsim.engine.serving;

import java.util.function.IntConsumer;

/**
 * What the slot-like replica engines share ({@link FixedSlots}, {@link ProcessorSharing}): at most
 * {@code concurrency} requests in service, the rest FIFO at the replica up to {@code
 * queueCapacity} (or in the service queue, with {@code shared-queue} routing), and, when one
 * leaves, the next taken from the replica's queue, else the service's.
 */
abstract class QueuedEngine extends ReplicaEngine {

    /** Most requests in service at once. */
    protected final int concurrency;
    private final int queueCapacity;
    private final IntFifo queue = new IntFifo();
    /** The service's requests. */
    protected final RequestTable table;

    QueuedEngine(ReplicaHost host, double speed, int concurrency, int queueCapacity) {
        super(host, speed);
        this.concurrency = concurrency;
        this.queueCapacity = queueCapacity;
        this.table = host.requests();
    }

    /** Requests in service now. */
    protected abstract int inService();

    @Override
    public final int freeCapacity() {
        return concurrency - inService();
    }

    @Override
    public final int outstanding() {
        return inService() + queue.size();
    }

    @Override
    public final boolean offer(int request) {
        if (inService() < concurrency) {
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

    /** Drops a request waiting at the replica; one in service is kept (it runs to its end). */
    @Override
    public final int cancel(int request) {
        if (queue.remove(request)) {
            host.queuedAtReplica(-1);
            return DROPPED_WAITING;
        }
        return KEPT;
    }

    /**
     * A request left service: the next one to start, from the replica's queue, else the service's;
     * or -1, having told the host of the free room.
     */
    protected final int next() {
        if (!queue.isEmpty()) {
            host.queuedAtReplica(-1);
            return queue.poll();
        }
        int next = host.nextShared(this);
        if (next < 0) {
            host.freed(this);
        }
        return next;
    }

    /**
     * Hands the requests in service (marked by {@link RequestTable#replica(int, int)} when they
     * started) to {@code lostInService} in id order, then the queued ones in order; the subclass
     * has already forgotten its own state of them.
     */
    protected final void handOver(IntConsumer lostInService, IntConsumer lostQueued) {
        for (int id : table.inService(serial)) {
            table.replica(id, -1);
            lostInService.accept(id);
        }
        host.queuedAtReplica(-queue.size());
        queue.drainTo(lostQueued);
    }
}
