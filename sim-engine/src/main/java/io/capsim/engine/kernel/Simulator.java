package io.capsim.engine.kernel;

/**
 * The simulation clock and event loop.
 *
 * <p>Virtual time is a {@code long} count of ticks (see {@link SimTime}: one tick is one
 * nanosecond). One path advances the clock: {@link #step()} sets {@link #now()} to the event's
 * time, then runs its handler. Events at equal times run by priority, then in the order they were
 * scheduled, so a run is a pure function of its inputs.
 *
 * <p>Not thread-safe: one simulation runs on one thread; independent simulations may run on
 * different threads.
 */
public final class Simulator {

    private final EventList events;
    private long now;
    private long executed;
    private boolean stopRequested;

    /** A simulator at time 0 with a {@link RadixHeapEventList}. */
    public Simulator() {
        this(new RadixHeapEventList());
    }

    /** A simulator at time 0 over the given (empty) event list. */
    public Simulator(EventList events) {
        if (!events.isEmpty()) {
            throw new IllegalArgumentException("event list must be empty");
        }
        this.events = events;
    }

    /** Current virtual time in ticks. */
    public long now() {
        return now;
    }

    /** Number of events run so far. */
    public long eventsExecuted() {
        return executed;
    }

    /** Number of pending events. */
    public int pendingEvents() {
        return events.size();
    }

    /**
     * Schedules an event at an absolute time with priority 0.
     *
     * @param time ticks, not before {@link #now()}
     * @return a handle for {@link #cancel(long)}
     * @throws IllegalArgumentException if {@code time} is in the past
     */
    public long scheduleAt(long time, EventHandler handler, int kind, long arg) {
        return scheduleAt(time, 0, handler, kind, arg);
    }

    /**
     * Schedules an event at an absolute time.
     *
     * @param time ticks, not before {@link #now()}
     * @param priority tie-breaker at equal times, lower first, in [{@link EventList#MIN_PRIORITY},
     *     {@link EventList#MAX_PRIORITY}]
     * @return a handle for {@link #cancel(long)}
     * @throws IllegalArgumentException if {@code time} is in the past or priority out of range
     */
    public long scheduleAt(long time, int priority, EventHandler handler, int kind, long arg) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule at " + time + ", before now " + now);
        }
        return events.add(time, priority, handler, kind, arg);
    }

    /**
     * Schedules an event {@code delay} ticks from now with priority 0.
     *
     * @param delay ticks, not negative
     * @throws IllegalArgumentException if {@code delay} is negative or the time overflows
     */
    public long scheduleAfter(long delay, EventHandler handler, int kind, long arg) {
        if (delay < 0) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        long time = now + delay;
        if (time < now) {
            throw new IllegalArgumentException("time overflows: now " + now + " + delay " + delay);
        }
        return events.add(time, 0, handler, kind, arg);
    }

    /**
     * Cancels a pending event.
     *
     * @return true if it was pending; false if it already ran, was cancelled, or the handle is stale
     */
    public boolean cancel(long handle) {
        return events.cancel(handle);
    }

    /** Asks the running loop to return after the current event. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Runs the first pending event.
     *
     * @return false if there was none
     */
    public boolean step() {
        if (events.isEmpty()) {
            return false;
        }
        EventList list = events;
        list.removeFirst();
        now = list.lastTime();
        executed++;
        list.lastHandler().handle(list.lastKind(), list.lastArg());
        return true;
    }

    /**
     * Runs events until none is pending or {@link #stop()} is called.
     *
     * @return number of events run by this call
     */
    public long run() {
        return runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs every event with a time at or before {@code endTime}, then sets the clock to
     * {@code endTime} (unless stopped early or {@code endTime} is {@link Long#MAX_VALUE}). Events
     * after it stay pending.
     *
     * @param endTime ticks, not before {@link #now()}
     * @return number of events run by this call
     */
    public long runUntil(long endTime) {
        if (endTime < now) {
            throw new IllegalArgumentException("end " + endTime + " is before now " + now);
        }
        stopRequested = false;
        long start = executed;
        EventList list = events;
        while (!stopRequested && !list.isEmpty() && list.firstTime() <= endTime) {
            step();
        }
        if (!stopRequested && endTime != Long.MAX_VALUE) {
            now = endTime;
        }
        return executed - start;
    }

    /**
     * Runs at most {@code count} events (fewer if the list empties or {@link #stop()} is called).
     *
     * @return number of events run by this call
     */
    public long runEvents(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        stopRequested = false;
        long start = executed;
        while (!stopRequested && executed - start < count && step()) {
            // step() did the work
        }
        return executed - start;
    }
}
