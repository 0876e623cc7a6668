package io.capsim.engine.serving;

import io.capsim.engine.kernel.Simulator;
import java.util.function.IntConsumer;

/**
 * The {@code fixed-slots} replica engine: the replica serves up to {@code concurrency} requests at
 * once, each holding one slot for its demand divided by the node's speed; the rest wait FIFO at
 * the replica (or in the service queue, with {@code shared-queue} routing). With concurrency 1,
 * exponential demands and a shared queue, a service is exactly M/M/c.
 *
 * <p>Each slot is one kernel timer ({@link Simulator#openTimer}): a slot serves one request at a
 * time, so it has at most one completion pending, and a completion costs no event-list operation
 * and no object. A replica of more than {@link #TIMER_SLOTS} slots schedules its completions on the
 * event list instead (one event per request in service), in the same order.
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

    /** Most slots given a timer each; a larger replica uses the event list. */
    static final int TIMER_SLOTS = 64;

    private int busy;
    private final Simulator sim;
    // With timers: per slot, its timer (opened on first use) and its request; the free slots, last
    // freed first, so a slot that completes and starts the next request keeps its timer.
    private final int[] timer;
    private final int[] slotRequest;
    private final int[] freeSlot;
    private int freeSlots;
    private int opened;

    FixedSlots(ReplicaHost host, double speed, int concurrency, int queueCapacity) {
        super(host, speed, concurrency, queueCapacity);
        this.sim = host.sim();
        boolean timers = concurrency <= TIMER_SLOTS;
        timer = timers ? new int[concurrency] : null;
        slotRequest = timers ? new int[concurrency] : null;
        freeSlot = timers ? new int[concurrency] : null;
    }

    @Override
    protected int inService() {
        return busy;
    }

    @Override
    public void start(int request) {
        loadChanged(sim.now(), ++busy);
        table.replica(request, serial);
        host.started(request, this);
        long demand = host.demandTicks(request);
        long ticks = speed == 1.0 ? demand : scaled(demand);
        if (timer == null) {
            host.schedule(ticks, request, this);
            return;
        }
        int slot;
        if (freeSlots > 0) {
            slot = freeSlot[--freeSlots];
        } else { // every opened slot is busy: open the next
            slot = opened++;
            timer[slot] = sim.openTimer(this, slot);
        }
        slotRequest[slot] = request;
        sim.setTimerAfter(timer[slot], ticks);
    }

    /**
     * With timers, {@code kind} is the slot whose request completes (a drained replica has closed
     * its timers, so none is stale); without, the request, as {@link ReplicaEngine} has it.
     */
    @Override
    public void handle(int kind, long arg) {
        if (timer == null) {
            super.handle(kind, arg);
            return;
        }
        freeSlot[freeSlots++] = kind;
        wake(slotRequest[kind]);
    }

    private long scaled(long demand) {
        return (long) (demand / speed + 0.5);
    }

    /** A request completes. */
    @Override
    public void wake(int request) {
        loadChanged(sim.now(), --busy);
        host.completed(request, this);
        int next = next();
        if (next >= 0) {
            start(next);
        }
    }

    @Override
    public void drain(IntConsumer lostInService, IntConsumer lostQueued) {
        busy = 0;
        for (int k = 0; k < opened; k++) { // their pending completions go with the replica
            sim.closeTimer(timer[k]);
        }
        opened = 0;
        freeSlots = 0;
        loadChanged(sim.now(), 0);
        handOver(lostInService, lostQueued);
    }
}
