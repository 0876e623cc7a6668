package io.capsim.engine.kernel;

import java.util.Arrays;

/**
 * The simulator's timers: sources with at most one pending event each (one slot of a replica), kept
 * beside the event list in a winner tree (a tournament over the timers' pending events), so the
 * earliest is at the root and changing one timer replays only its path to the root: O(log n), with
 * no handle, no payload slot and no sift. Closed timers' ids are reused.
 *
 * <p>Each pending event has a time and an order word taken from the event list's own sequence
 * ({@link EventList#takeOrder}), compared at equal times, so timers and list events keep one
 * (time, priority, sequence) order.
 *
 * <p>Not thread-safe. Memory: about 40 bytes per timer ever open at once.
 */
final class TimerTree {

    static final long NONE = Long.MAX_VALUE;

    // The tree, in heap layout: node 1 is the root, node i has children 2i and 2i + 1, and the
    // leaves capacity..2 capacity - 1 are the timers (timer id = leaf - capacity). Each node holds
    // the timer with the earliest event below it and that event's time, so replaying a path
    // compares the climbing candidate (kept in registers) with each sibling's stored winner: no
    // load on the path depends on the previous level's result.
    private long[] nodeTime = new long[4];
    private int[] nodeTimer = new int[4];
    private int capacity = 2; // leaves: a power of two, at least 2
    long[] order = new long[2]; // by timer id: the pending event's order word
    EventHandler[] handler = new EventHandler[2]; // by timer id; null while the id is closed
    int[] kind = new int[2];
    private int high; // ids below this have been handed out
    private int[] free = new int[2];
    private int freeCount;

    TimerTree() {
        Arrays.fill(nodeTime, NONE);
        for (int i = 0; i < capacity; i++) {
            nodeTimer[capacity + i] = i;
        }
    }

    /** A new timer with nothing pending; returns its id. */
    int open(EventHandler h, int k) {
        int id;
        if (freeCount > 0) {
            id = free[--freeCount];
        } else {
            if (high == capacity) {
                grow();
            }
            id = high++;
        }
        handler[id] = h;
        kind[id] = k;
        nodeTime[capacity + id] = NONE;
        return id;
    }

    boolean isOpen(int id) {
        return id >= 0 && id < high && handler[id] != null;
    }

    /** Closes a timer, dropping its pending event; its id may be handed out again. */
    void close(int id) {
        handler[id] = null;
        nodeTime[capacity + id] = NONE;
        replay(id);
        if (free.length == freeCount) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = id;
    }

    /** Sets the time of timer {@code id}'s pending event (NONE: none); the tree is stale until {@link #replay}. */
    void time(int id, long t) {
        nodeTime[capacity + id] = t;
    }

    /** Timers with an event pending. */
    int pending() {
        int n = 0;
        for (int i = 0; i < high; i++) {
            if (nodeTime[capacity + i] != NONE) {
                n++;
            }
        }
        return n;
    }

    /** The timer with the earliest pending event (by time, then order); see {@link #minTime}. */
    int min() {
        return nodeTimer[1];
    }

    /** The earliest pending event's time; NONE if none is pending. */
    long minTime() {
        return nodeTime[1];
    }

    /**
     * Recomputes the winners on the path from timer {@code id} to the root. Branch-free while
     * times differ (which of two pending events is earlier is unpredictable, and a mispredicted
     * branch per level costs more than the arithmetic): with d = sibling time - candidate time (no
     * overflow, times being non-negative), d >> 63 is all ones exactly when the sibling is earlier.
     */
    void replay(int id) {
        long[] nt = nodeTime;
        int[] nw = nodeTimer;
        int node = capacity + id;
        long t = nt[node];
        int w = id;
        while (node > 1) {
            int sibling = node ^ 1;
            long st = nt[sibling];
            int sw = nw[sibling];
            long d = st - t;
            if (d == 0 && t != NONE) {
                if (order[sw] < order[w]) {
                    w = sw;
                }
            } else {
                long m = d >> 63;
                t += d & m;
                w += (sw - w) & (int) m;
            }
            node >>>= 1;
            nt[node] = t;
            nw[node] = w;
        }
    }

    /** Doubles the leaves; the new internal nodes start empty (NONE) and the old paths are replayed. */
    private void grow() {
        int old = capacity;
        int m = old * 2;
        long[] nt = new long[2 * m];
        int[] nw = new int[2 * m];
        Arrays.fill(nt, NONE);
        System.arraycopy(nodeTime, old, nt, m, old);
        for (int i = 0; i < m; i++) {
            nw[m + i] = i;
        }
        nodeTime = nt;
        nodeTimer = nw;
        capacity = m;
        order = Arrays.copyOf(order, m);
        handler = Arrays.copyOf(handler, m);
        kind = Arrays.copyOf(kind, m);
        for (int i = 0; i < old; i++) {
            replay(i);
        }
    }
}
