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

    private EventList events;
    private boolean adaptive;
    private long now;
    private long executed;
    private boolean stopRequested;

    private final StreamSet streams = new StreamSet();

    // Timers: sources with at most one pending event each that keep the event list's order (such as
    // one slot of a replica), kept beside the list in a winner tree. A timer's event costs no
    // event-list operation: no slot, no handle, no sift.
    private final TimerTree timers = new TimerTree();
    // The timer whose event is running: its path in the tree is replayed once when its handler
    // returns (with the time the handler set, if any), not when the event is taken and again when
    // the handler sets the next one.
    private int runningTimer = -1;
    // Set when the event list may have a new first event (an event scheduled or cancelled), so the
    // run loop can run stream and timer events one after another while the list's first stays.
    private boolean listChanged;

    /**
     * Pending events beyond which the default event list moves from a 4-ary heap (fastest for few
     * events) to a radix heap (fastest for many); see docs/PERFORMANCE.md.
     */
    public static final int RADIX_THRESHOLD = 4096;

    /**
     * A simulator at time 0 with the default event list: a {@link DaryHeapEventList} that becomes
     * a {@link RadixHeapEventList} once more than {@link #RADIX_THRESHOLD} events are pending.
     */
    public Simulator() {
        this(new DaryHeapEventList(), true);
    }

    /** A simulator at time 0 over the given (empty) event list, kept for the whole run. */
    public Simulator(EventList events) {
        this(events, false);
    }

    private Simulator(EventList events, boolean adaptive) {
        if (!events.isEmpty()) {
            throw new IllegalArgumentException("event list must be empty");
        }
        this.events = events;
        this.adaptive = adaptive;
    }

    private long added(long handle) {
        if (adaptive && events.size() > RADIX_THRESHOLD && events instanceof DaryHeapEventList d) {
            events = d.toRadixHeap();
            adaptive = false;
        }
        return handle;
    }

    /** Current virtual time in ticks. */
    public long now() {
        return now;
    }

    /** Number of events run so far. */
    public long eventsExecuted() {
        return executed;
    }

    /** Number of pending events, stream events included. */
    public int pendingEvents() {
        return events.size() + timers.pending() + streams.pending();
    }

    /**
     * Opens a stream: a source of events with at most one pending at a time, such as an arrival
     * stream that schedules its next arrival when the current one fires. Its events run through
     * {@code handler.handle(id, 0)}.
     *
     * <p>Order: a stream event runs after every event-list event and timer event at the same time
     * (whatever their priority); among stream events at the same time, the one set first runs
     * first. Meant for a few streams: the earliest is found by a scan over all of them when one
     * changes.
     *
     * @return the stream's id
     */
    public int openStream(EventHandler handler) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        return streams.open(handler);
    }

    /**
     * Sets the pending event of a stream, replacing any.
     *
     * @param time ticks, not before {@link #now()}; {@link Long#MAX_VALUE} clears the stream
     * @throws IllegalArgumentException if {@code time} is in the past or the id unknown
     */
    public void setStreamNext(int stream, long time) {
        if (!streams.isOpen(stream)) {
            throw new IllegalArgumentException("no stream " + stream);
        }
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule at " + time + ", before now " + now);
        }
        streams.set(stream, time);
    }

    /**
     * Opens a timer: a source of events with at most one pending at a time, such as one slot of a
     * replica (busy with at most one request, so with at most one completion pending), whose event
     * is ordered exactly as an event of priority 0 scheduled on the event list when the timer is set
     * (see {@link #scheduleAt}). Its events run through {@code handler.handle(kind, 0)}. A timer
     * event costs no event-list operation; many timers may be open (they sit in a tree). Close a
     * timer with {@link #closeTimer} when its owner goes. Needs an event list that gives ordering
     * words ({@link EventList#takeOrder}), as the default one does.
     *
     * @return the timer's id
     */
    public int openTimer(EventHandler handler, int kind) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        return timers.open(handler, kind);
    }

    /** Closes a timer, dropping its pending event; its id may be given to a new timer. */
    public void closeTimer(int timer) {
        if (!timers.isOpen(timer)) {
            throw new IllegalArgumentException("no timer " + timer);
        }
        timers.close(timer);
    }

    /**
     * Sets a timer's pending event {@code delay} ticks from now, replacing any.
     *
     * @throws IllegalArgumentException if {@code delay} is negative, the time overflows or the id is unknown
     */
    public void setTimerAfter(int timer, long delay) {
        long time = now + delay;
        if (delay < 0 || time < now) {
            throw new IllegalArgumentException(delay < 0 ? "negative delay " + delay
                    : "time overflows: now " + now + " + delay " + delay);
        }
        TimerTree t = timers;
        if (!t.isOpen(timer)) {
            throw new IllegalArgumentException("no timer " + timer);
        }
        t.time(timer, time);
        t.order[timer] = events.takeOrder(0);
        if (timer != runningTimer) { // the running one is replayed when its handler returns
            t.replay(timer);
        }
    }

    /** Time of the next event (stream events included), or {@link Long#MAX_VALUE} if none. */
    public long nextEventTime() {
        if (runningTimer >= 0) {
            timers.replay(runningTimer);
        }
        long t = Math.min(events.peekTime(), timers.minTime());
        long st = streams.minTime;
        return st < t ? st : t;
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
        listChanged = true;
        return added(events.add(time, priority, handler, kind, arg));
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
        listChanged = true;
        return added(events.add(time, 0, handler, kind, arg));
    }

    /**
     * Cancels a pending event.
     *
     * @return true if it was pending; false if it already ran, was cancelled, or the handle is stale
     */
    public boolean cancel(long handle) {
        listChanged = true;
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
        try {
            return stepNotAfter(Long.MAX_VALUE - 1);
        } catch (RuntimeException | Error e) {
            recover();
            throw e;
        }
    }

    /**
     * The one path that advances the clock: runs the earliest pending event (event-list events
     * before stream events at equal times) if it is due at or before {@code endTime}.
     *
     * @return false if none is
     */
    private boolean stepNotAfter(long endTime) {
        return stepNotAfter(endTime, false);
    }

    /**
     * As {@link #stepNotAfter(long)}; with {@code batch}, after a stream or timer event it goes on
     * running stream and timer events that come before the list's first event, as long as no
     * handler changes the list or stops the run (the loop of {@link #runUntil}: the same events in
     * the same order, without asking the list for its first event each time).
     */
    private boolean stepNotAfter(long endTime, boolean batch) {
        EventList list = events; // a handler may have moved the events to a radix heap
        long timerTime = timers.minTime();
        long sTime = streams.minTime;
        // A lower bound on the list's first time, exact for a d-ary heap. A radix heap's needs no
        // preparation of its next event, and a stream or timer event before it must not prepare it
        // either: preparing moves the heap's base up to that event, and events the stream or timer
        // then schedules before it would force a rebuild.
        RadixHeapEventList radix = list instanceof RadixHeapEventList r ? r : null;
        long bound = radix != null ? radix.lowerBound() : list.peekTime();
        if (sTime < timerTime && sTime < bound) { // streams run after timers at equal times
            return sTime <= endTime && stepStreams(false, sTime, Math.min(bound, endTime + 1), batch);
        }
        if (timerTime <= sTime && timerTime < bound) {
            return timerTime <= endTime && stepStreams(true, timerTime, Math.min(bound, endTime + 1), batch);
        }
        long next = radix != null ? list.peekTime() : bound; // a d-ary heap's bound is exact
        boolean timerFirst = timerTime < next || (timerTime == next && timerTime != TimerTree.NONE
                && timers.order[timers.min()] < list.firstOrder());
        long first = timerFirst ? timerTime : next; // the earlier of the list's first and the first timer
        if (sTime < first) { // streams run after list and timer events at equal times
            return sTime <= endTime && stepStreams(false, sTime, Math.min(first, endTime + 1), batch);
        }
        if (first > endTime) {
            return false;
        }
        if (timerFirst) {
            return stepStreams(true, timerTime, Math.min(next, endTime + 1), batch);
        }
        list.removeFirst();
        now = list.lastTime();
        executed++;
        list.lastHandler().handle(list.lastKind(), list.lastArg());
        return true;
    }

    /**
     * Runs the first stream event ({@code timer} false) or timer event at {@code time}, then, with
     * {@code batch}, the stream and timer events before {@code before} while the list is unchanged.
     */
    private boolean stepStreams(boolean timer, long time, long before, boolean batch) {
        listChanged = false;
        if (timer) {
            stepTimer(time);
        } else {
            stepStream(time);
        }
        if (batch) {
            // The body of stepStream written out, so a stream's handler is called straight from
            // this loop (one call less per arrival: a handler's work is a big compiled method).
            TimerTree t = timers;
            StreamSet ss = streams;
            while (!listChanged && !stopRequested) {
                long tt = t.minTime();
                long st = ss.minTime;
                if (st < tt) {
                    if (st >= before) {
                        break;
                    }
                    now = st;
                    int s = ss.take();
                    executed++;
                    ss.handler[s].handle(s, 0);
                } else {
                    if (tt >= before) {
                        break;
                    }
                    stepTimer(tt);
                }
            }
        }
        return true;
    }

    private void stepStream(long time) {
        now = time;
        int s = streams.take();
        executed++;
        streams.handler[s].handle(s, 0);
    }

    private void stepTimer(long time) {
        TimerTree t = timers;
        int s = t.min();
        now = time;
        t.time(s, TimerTree.NONE);
        executed++;
        runningTimer = s;
        t.handler[s].handle(t.kind[s], 0);
        runningTimer = -1;
        t.replay(s);
    }

    /**
     * A handler threw: if it was a timer's, replays that timer's path (which {@link #stepTimer} had
     * left for after the handler), so the simulator stays consistent for whoever catches it.
     */
    private void recover() {
        int s = runningTimer;
        if (s >= 0) {
            runningTimer = -1;
            timers.replay(s);
        }
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
        long last = endTime == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : endTime;
        try {
            while (!stopRequested && stepNotAfter(last, true)) {
                // stepNotAfter did the work
            }
        } catch (RuntimeException | Error e) {
            recover();
            throw e;
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
