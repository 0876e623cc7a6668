package io.capsim.engine.kernel;

/**
 * The pending events of a simulation, ordered by (time, priority, sequence): earlier time first,
 * then lower priority value, then the order in which they were added. The order is total, so a
 * run is deterministic.
 *
 * <p>Implementations store events in primitive arrays: adding, removing and cancelling allocate
 * nothing once the list has grown to its peak, which follows the number of events in flight (both
 * implementations drop cancelled events lazily, so cancelled events not yet reached count too;
 * see each class for its bound). Times are never negative. Events are identified by a
 * {@code long} handle that stays valid (and unique) until the event is removed or cancelled; a
 * stale handle is recognised and ignored.
 *
 * <p>After {@link #removeFirst()} the removed event's fields can be read with the {@code last*}
 * accessors until the next call that modifies the list.
 */
public interface EventList {

    /** Lowest priority value accepted (runs first among events at the same time). */
    int MIN_PRIORITY = -(1 << 15);

    /** Highest priority value accepted. */
    int MAX_PRIORITY = (1 << 15) - 1;

    /**
     * Adds an event.
     *
     * @param time event time in ticks
     * @param priority tie-breaker among events at the same time, in [{@link #MIN_PRIORITY},
     *     {@link #MAX_PRIORITY}]; lower runs first
     * @param handler receives the event; not null
     * @param kind first word passed to the handler
     * @param arg second word passed to the handler
     * @return a handle for {@link #cancel(long)}
     */
    long add(long time, int priority, EventHandler handler, int kind, long arg);

    /**
     * Removes a pending event.
     *
     * @return true if the event was pending and is now removed; false for a stale handle
     */
    boolean cancel(long handle);

    /** Number of pending events. */
    int size();

    /** True when no event is pending. */
    default boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Time of the first pending event.
     *
     * @throws java.util.NoSuchElementException when the list is empty
     */
    long firstTime();

    /**
     * Time of the first pending event, or {@link Long#MAX_VALUE} when the list is empty: the
     * event loop's one call per event to learn what is next.
     */
    long peekTime();

    /**
     * A time no later than the first pending event's ({@link Long#MAX_VALUE} when the list is
     * empty), found without reordering anything: the loop asks it first, so that a stream event
     * due before it runs without the list preparing its next event. (A {@link RadixHeapEventList}
     * that has prepared its next event must re-file everything to accept an earlier one.) The
     * default is {@link #peekTime()}.
     */
    default long lowerBound() {
        return peekTime();
    }

    /**
     * Removes the first pending event; read it with the {@code last*} accessors.
     *
     * @throws java.util.NoSuchElementException when the list is empty
     */
    void removeFirst();

    /** Time of the event last removed by {@link #removeFirst()}. */
    long lastTime();

    /** Handler of the event last removed by {@link #removeFirst()}. */
    EventHandler lastHandler();

    /** Kind word of the event last removed by {@link #removeFirst()}. */
    int lastKind();

    /** Argument word of the event last removed by {@link #removeFirst()}. */
    long lastArg();

    /**
     * Takes the next ordering word in this list's sequence, as {@link #add} does for a new event of
     * {@code priority}, for an event kept outside the list (a {@link Simulator} timer) that must
     * keep the list's (time, priority, sequence) order: words compare as the events they order. Lists
     * that cannot give one throw {@link UnsupportedOperationException}, and their simulator then
     * has no timers.
     */
    default long takeOrder(int priority) {
        throw new UnsupportedOperationException(getClass().getName() + " gives no ordering words");
    }

    /**
     * The ordering word (see {@link #takeOrder}) of the first pending event; the list must not be
     * empty. Lists without ordering words throw {@link UnsupportedOperationException}.
     */
    default long firstOrder() {
        throw new UnsupportedOperationException(getClass().getName() + " gives no ordering words");
    }
}
