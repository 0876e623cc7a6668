package io.capsim.engine.serving;

import java.util.function.IntConsumer;

/**
 * How one replica serves the requests routed to it: it owns those requests and nothing else (its
 * queue, its requests in service, their completion events). A replica engine knows its replica
 * only as a ready pod on a node of some speed; it does not place anything. Built per replica by a
 * {@link ReplicaEngineFactory} registered by name.
 *
 * <p>Protocol with the {@link ReplicaHost}: the host routes a request with {@link #offer} (or
 * {@link #start} when the router chose this replica for its free capacity); the engine reports
 * {@link ReplicaHost#started}, {@link ReplicaHost#completed} and changes in its queue, and when it
 * has room and nothing of its own to run it asks the host for the service queue's next request
 * ({@link ReplicaHost#nextShared}), else reports the room ({@link ReplicaHost#freed}).
 */
public abstract class ReplicaEngine implements io.capsim.engine.kernel.EventHandler {

    /** The service this replica serves. */
    protected final ReplicaHost host;
    /** Relative speed of the replica's node: demand in reference ticks takes {@code demand / speed}. */
    protected final double speed;
    int index;
    int serial;
    long outstandingTokens; // kept by the service for routers that use it
    private boolean drained;
    // The time integral of the engine's load (requests in service, or cores in use), kept only when
    // something reads it (a HorizontalPodAutoscaler's or a VerticalPodAutoscaler's CPU metric).
    boolean tracksLoad;
    private double load;
    private double loadArea;
    private long loadSince;

    /** An engine for one replica of {@code host} on a node of {@code speed}. */
    protected ReplicaEngine(ReplicaHost host, double speed) {
        this.host = host;
        this.speed = speed;
    }

    /** A number unique among the service's replicas, past and present (it never changes). */
    public final int serial() {
        return serial;
    }

    /** The replica's index among the service's ready replicas (it changes when others leave). */
    public final int index() {
        return index;
    }

    /**
     * The engine's load changes to {@code level} now: requests in service for a slot engine, cores
     * in use for one that {@link ReplicaEngineFactory#sharesCpu() shares the CPU}.
     */
    protected final void loadChanged(long now, double level) {
        if (tracksLoad) {
            loadArea += load * (now - loadSince);
            loadSince = now;
            load = level;
        }
    }

    /**
     * The time integral of the load (see {@link #loadChanged}) from the replica's start until {@code now}, ticks.
     *
     * @throws IllegalStateException if the replica does not keep it ({@link ServicePods#keepReplicaCpu})
     */
    public final double loadTicks(long now) {
        if (!tracksLoad) {
            throw new IllegalStateException("replica " + serial + " does not keep its load: keepReplicaCpu() was not called");
        }
        return loadArea + load * (now - loadSince);
    }

    /**
     * The replica's CPU changed in flight (an in-place resize was actuated): {@code cpuCores} is
     * its new CPU limit, or request without a limit. Engines whose speed does not follow the CPU
     * ignore it.
     */
    public void resized(double cpuCores) {}

    /**
     * Leading prefix blocks of {@code request}'s prompt this replica's prefix cache holds now; 0
     * for an engine without a prefix cache.
     */
    public int cachedPrefix(int request) {
        return 0;
    }

    /** {@link #cancel} kept the request: it is in service and runs to its end. */
    public static final int KEPT = 0;
    /** {@link #cancel} dropped the request while it waited (it never started here). */
    public static final int DROPPED_WAITING = 1;
    /** {@link #cancel} dropped the request after it had started (the host counted it in service). */
    public static final int DROPPED_IN_SERVICE = 2;

    /**
     * The client of {@code request}, held here, left: the engine drops it if it can, freeing what
     * it held, without reporting it completed. By default a waiting request is not held here and
     * one in service is kept.
     *
     * @return {@link #KEPT}, {@link #DROPPED_WAITING} or {@link #DROPPED_IN_SERVICE}
     */
    public int cancel(int request) {
        return KEPT;
    }

    /** Requests the replica could start now without queueing. */
    public abstract int freeCapacity();

    /** Requests in service plus waiting at this replica. */
    public abstract int outstanding();

    /**
     * Takes a request: starts it or queues it at the replica.
     *
     * @return false if the replica's queue is full (the request is not taken)
     */
    public abstract boolean offer(int request);

    /** Starts a request now; the caller saw {@link #freeCapacity()} above 0. */
    public abstract void start(int request);

    /** The timer set for {@code request} with {@link ReplicaHost#schedule} is due now. */
    public abstract void wake(int request);

    /**
     * A timer event set with {@link ReplicaHost#schedule}: {@code kind} is the request. A drained
     * replica's timers are ignored. An engine with kernel timers of its own overrides this.
     */
    @Override
    public void handle(int kind, long arg) {
        if (!drained) {
            wake(kind);
        }
    }

    /**
     * The replica is gone: hands every request it held to the host ({@link #drain}); its timers
     * still pending are ignored from now on (they are not cancelled one by one: the kernel drops
     * them as they fall due).
     */
    final void drainAll(IntConsumer inService, IntConsumer queued) {
        drained = true;
        drain(inService, queued);
    }

    /**
     * The replica is gone: hands every request it held to the host (its timers are ignored from
     * now on), those in service to {@code inService}, then the queued ones, in order, to
     * {@code queued}.
     */
    public abstract void drain(IntConsumer inService, IntConsumer queued);
}
