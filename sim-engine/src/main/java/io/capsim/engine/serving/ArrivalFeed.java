package io.capsim.engine.serving;

import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.workload.ArrivalCursor;

/**
 * Pulls arrivals from a cursor one at a time and hands each to a sink (a service's requests, a
 * job's instances): one kernel stream (see {@link Simulator#openStream}) with at most one pending
 * event, whatever the length of the arrival stream.
 */
public final class ArrivalFeed implements EventHandler {

    /** Receives each arrival while the cursor is on it. */
    @FunctionalInterface
    public interface Sink {
        /** The cursor's current arrival happens now; read its attributes, do not advance it. */
        void arrive(ArrivalCursor arrival);
    }

    private final ArrivalCursor cursor;
    private final Sink sink;
    private final Service service; // the common case, called directly
    private final Simulator sim;
    private final long end;
    private final int stream;

    /** A feed of {@code cursor} into {@code sink} until {@code endTicks} (exclusive). */
    public ArrivalFeed(ArrivalCursor cursor, Sink sink, Simulator sim, long endTicks) {
        this(cursor, sink, null, sim, endTicks);
    }

    private ArrivalFeed(ArrivalCursor cursor, Sink sink, Service service, Simulator sim, long endTicks) {
        this.cursor = cursor;
        this.sink = sink;
        this.service = service;
        this.sim = sim;
        this.end = endTicks;
        this.stream = sim.openStream(this);
    }

    /** A feed of requests into a service. */
    public static ArrivalFeed toService(ArrivalCursor cursor, Service service, Simulator sim, long endTicks) {
        return new ArrivalFeed(cursor, null, service, sim, endTicks);
    }

    /** Schedules the first arrival, if any falls before the end. */
    public void prime() {
        if (cursor.advance()) {
            scheduleCurrent();
        }
    }

    @Override
    public void handle(int kind, long arg) {
        if (service != null) { // the service takes the arrival and calls next(): one call from the kernel loop
            service.arrive(this);
        } else {
            sink.arrive(cursor);
            next();
        }
    }

    /** The cursor's current arrival. */
    ArrivalCursor cursor() {
        return cursor;
    }

    /** Moves to the next arrival and schedules it, if any falls before the end. */
    void next() {
        if (cursor.advance()) {
            scheduleCurrent();
        }
    }

    private void scheduleCurrent() {
        long t = cursor.timeTicks();
        if (t < sim.now()) {
            throw new IllegalStateException(cursor.origin() + ": arrival at " + t + " ns is before the previous one at "
                    + sim.now() + " ns; arrivals must be in time order");
        }
        if (t < end) {
            sim.setStreamNext(stream, t);
        }
    }
}
