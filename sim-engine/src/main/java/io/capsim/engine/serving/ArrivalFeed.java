package io.capsim.engine.serving;

import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.workload.ArrivalCursor;

/**
 * Pulls arrivals from a cursor one at a time and delivers them to a service: one kernel stream
 * (see {@link Simulator#openStream}) with at most one pending event, whatever the length of the
 * arrival stream.
 */
final class ArrivalFeed implements EventHandler {

    private final ArrivalCursor cursor;
    private final ServiceInstance target;
    private final Simulator sim;
    private final long end;
    private final int stream;
    private final TokenWork tokenWork;

    ArrivalFeed(ArrivalCursor cursor, ServiceInstance target, Simulator sim, long end) {
        this.cursor = cursor;
        this.target = target;
        this.sim = sim;
        this.end = end;
        this.stream = sim.openStream(this);
        this.tokenWork = target.tokenWork();
    }

    /** Schedules the first arrival, if any falls before the end. */
    void prime() {
        if (cursor.advance()) {
            scheduleCurrent();
        }
    }

    @Override
    public void handle(int kind, long arg) {
        long work = cursor.workTicks();
        if (work < 0 && tokenWork != null && (cursor.inputTokens() >= 0 || cursor.outputTokens() >= 0)) {
            work = tokenWork.ticks(cursor.inputTokens(), cursor.outputTokens());
        }
        if (cursor.advance()) {
            scheduleCurrent();
        }
        target.arrive(work);
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
