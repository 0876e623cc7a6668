package io.capsim.engine.serving;

import java.util.function.IntConsumer;

/**
 * The requests waiting at one {@link ContinuousBatching} replica, as vLLM's scheduler keeps its
 * {@code waiting} queue: first come first served, a preempted request put back in front. Every
 * change is reported to the host's count of requests waiting ({@link ReplicaHost#queuedAtReplica}).
 * Allocates nothing once grown.
 */
final class WaitingQueue {

    private final ReplicaHost host;
    private final IntFifo fifo = new IntFifo();

    WaitingQueue(ReplicaHost host) {
        this.host = host;
    }

    /** Requests waiting. */
    int size() {
        return fifo.size();
    }

    /** True if none waits. */
    boolean isEmpty() {
        return fifo.isEmpty();
    }

    /** The first request, left waiting. */
    int peek() {
        return fifo.peek();
    }

    /** Request {@code id} arrived: it waits last. */
    void add(int id) {
        fifo.add(id);
        host.queuedAtReplica(1);
    }

    /** Request {@code id} was preempted: it waits first. */
    void addFirst(int id) {
        fifo.addFirst(id);
        host.queuedAtReplica(1);
    }

    /** Removes and returns the first request. */
    int poll() {
        int id = fifo.poll();
        host.queuedAtReplica(-1);
        return id;
    }

    /** Removes request {@code id}; false if it was not waiting. */
    boolean remove(int id) {
        if (fifo.remove(id)) {
            host.queuedAtReplica(-1);
            return true;
        }
        return false;
    }

    /**
     * Empties the queue, handing each request in order to {@code preempted} if it had started
     * ({@link RequestTable#started(int)}: it was preempted here), else to {@code queued}.
     */
    void drain(RequestTable table, IntConsumer preempted, IntConsumer queued) {
        host.queuedAtReplica(-fifo.size());
        while (!fifo.isEmpty()) {
            int id = fifo.poll();
            if (table.started(id)) {
                preempted.accept(id);
            } else {
                queued.accept(id);
            }
        }
    }
}
