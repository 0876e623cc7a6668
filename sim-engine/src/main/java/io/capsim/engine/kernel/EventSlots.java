package io.capsim.engine.kernel;

import java.util.Arrays;

/**
 * The payload side of an event list: for each slot, the event's handler, kind, argument and
 * ordering word, a generation counter, and (for lists that keep cancelled events in place) a
 * cancelled flag. Slots are recycled through a free list; a handle is (generation, slot), and a
 * slot's generation is bumped when its event ends, so a handle to a finished or cancelled event
 * never matches a later one. A slot whose counter has gone round (2^32 uses) is retired, never
 * reused: otherwise a handle kept that long would match again.
 *
 * <p>The arrays are read and written directly by the list that owns them (this is the event
 * loop's hot path); arrays grow by doubling and never shrink. A {@link DaryHeapEventList} hands
 * its slots to a {@link RadixHeapEventList} as they are, so handles survive the hand-over.
 */
final class EventSlots {

    static final int SEQ_BITS = 47;
    private static final long SEQ_MASK = (1L << SEQ_BITS) - 1;
    private static final int RETIRED = -1;

    EventHandler[] handler;
    int[] kind;
    long[] arg;
    long[] order; // (priority - MIN_PRIORITY) << 47 | sequence
    int[] generation;
    boolean[] cancelled; // cancelled, but its entry still held by the list
    private int[] free;
    private int freeCount;
    int inUse; // slots ever handed out: slot numbers are below this
    private long nextSequence;

    EventSlots(int capacity) {
        handler = new EventHandler[capacity];
        kind = new int[capacity];
        arg = new long[capacity];
        order = new long[capacity];
        generation = new int[capacity];
        cancelled = new boolean[capacity];
        free = new int[capacity];
    }

    /** Takes a slot for a new event, the next in sequence; returns its handle. */
    long take(int priority, EventHandler h, int k, long a) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (inUse == handler.length) {
                grow();
            }
            slot = inUse++;
        }
        // A reference store costs a GC write barrier; slots are often reused by the same handler.
        if (handler[slot] != h) {
            handler[slot] = h;
        }
        kind[slot] = k;
        arg[slot] = a;
        order[slot] = nextOrder(priority);
        return ((long) generation[slot] << 32) | slot;
    }

    /** The next ordering word in sequence for an event of {@code priority}: (priority - MIN) << 47 | sequence. */
    long nextOrder(int priority) {
        return ((long) (priority - EventList.MIN_PRIORITY) << SEQ_BITS) | (nextSequence++ & SEQ_MASK);
    }

    /** The slot a handle names, or -1 if the handle is not that of a current event. */
    int current(long handle) {
        int slot = (int) handle;
        return slot >= 0 && slot < inUse && !cancelled[slot] && generation[slot] == (int) (handle >>> 32) ? slot : -1;
    }

    /** Ends a slot's event: a new generation, and the slot goes back to the free list. */
    void release(int slot) {
        if (++generation[slot] != RETIRED) {
            free[freeCount++] = slot;
        }
    }

    /** Marks a slot's event cancelled while its list still holds its entry (see {@link #freeCancelled}). */
    void cancel(int slot) {
        cancelled[slot] = true;
        generation[slot]++;
    }

    /** Returns a cancelled slot to the free list once its list has dropped the entry. */
    void freeCancelled(int slot) {
        cancelled[slot] = false;
        if (generation[slot] != RETIRED) {
            free[freeCount++] = slot;
        }
    }

    /** The priority of a slot's event. */
    int priority(int slot) {
        return (int) (order[slot] >>> SEQ_BITS) + EventList.MIN_PRIORITY;
    }

    /** The next capacity of an array of {@code n} event entries: double, up to the JVM's limit. */
    static int grown(int n) {
        int m = n > (Integer.MAX_VALUE - 8) / 2 ? Integer.MAX_VALUE - 8 : n * 2;
        if (m <= n) {
            throw new IllegalStateException("event list is full: " + n + " events");
        }
        return m;
    }

    private void grow() {
        int m = grown(handler.length);
        handler = Arrays.copyOf(handler, m);
        kind = Arrays.copyOf(kind, m);
        arg = Arrays.copyOf(arg, m);
        order = Arrays.copyOf(order, m);
        generation = Arrays.copyOf(generation, m);
        cancelled = Arrays.copyOf(cancelled, m);
        free = Arrays.copyOf(free, m);
    }
}
