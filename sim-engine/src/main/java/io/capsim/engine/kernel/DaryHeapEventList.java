package io.capsim.engine.kernel;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A 4-ary min-heap over primitive arrays: the kernel's event list while few events are pending.
 *
 * <p>A heap cell is two words, the event's time and its payload slot (where the handler, kind,
 * argument and ordering word live), so a sift moves two array cells per level and compares times
 * only. Children are compared without branches (a 4-way tournament on time differences): which
 * child is earliest is unpredictable, and a mispredicted branch per level cost more than all the
 * arithmetic. Events at equal times, rare in continuous time, are recognised by the same
 * arithmetic and resolved by their ordering words (priority, then sequence) on a slower path, so
 * the order is the total (time, priority, sequence) order of {@link EventList}.
 *
 * <p>Cancellation is lazy: a cancelled event keeps its cell (and slot) until it reaches the root,
 * where it is dropped, or until cancelled cells outnumber live events (checked on cancel and on
 * removal), when the heap is rebuilt without them in O(n). So cells in use never exceed twice the
 * events in flight plus 64. Payloads and handles live in {@link EventSlots}.
 *
 * <p>Complexity: {@code add} and {@code removeFirst} O(log n) with base 4, {@code cancel} O(1)
 * amortised. Memory: about 45 bytes per slot; arrays grow by doubling and never shrink, so the
 * footprint follows the peak number of events in flight.
 */
public final class DaryHeapEventList implements EventList {

    /**
     * From this size on, an empty root is refilled bottom-up (Wegener's heuristic: move the hole
     * to a leaf along the smallest children, then sift the new element up from there), which saves
     * one comparison per level when new events land low in the heap, as they mostly do. Below it a
     * plain sift-down is cheaper.
     */
    private static final int BOTTOM_UP_FROM = 64;
    /** Cancelled cells tolerated before a rebuild is considered (see {@link #cancel}). */
    private static final int COMPACT_FROM = 64;

    // Heap, in heap order: cells 0..cells-1 (or 1..cells while the root is a hole).
    private long[] heapTime;
    private int[] heapSlot;
    private int cells; // occupied cells, cancelled events included
    private int size; // pending (live) events; cells - size cells hold cancelled events

    private final EventSlots slots; // payload, by slot; a cancelled slot keeps its cell until dropped

    // After removeFirst the root cell is left empty ("hole") until the next add fills it with one
    // sift, or another operation moves the last cell there. In the common pattern "remove the
    // first event, then schedule its successor" this saves one sift per event.
    private boolean hole;

    private long lastTime;
    private int lastSlot;

    /** An empty list with room for 1,024 events before it grows. */
    public DaryHeapEventList() {
        this(1024);
    }

    /**
     * An empty list.
     *
     * @param initialCapacity events it holds before its arrays grow; at least 1
     */
    public DaryHeapEventList(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity must be >= 1: " + initialCapacity);
        }
        heapTime = new long[initialCapacity];
        heapSlot = new int[initialCapacity];
        slots = new EventSlots(initialCapacity);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if {@code time} is negative
     */
    @Override
    public long add(long time, int priority, EventHandler handler, int kind, long arg) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        if (time < 0 || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException(time < 0
                    ? "negative time " + time
                    : "priority " + priority + " is not in [" + MIN_PRIORITY + ", " + MAX_PRIORITY + "]");
        }
        if (!hole && cells == heapTime.length) {
            grow();
        }
        long handle = slots.take(priority, handler, kind, arg);
        int slot = (int) handle;
        if (hole) {
            hole = false;
            // cells 1..cells hold the other events; the new one enters at the root
            if (cells < BOTTOM_UP_FROM) {
                siftDown(0, time, slot, cells + 1);
            } else {
                siftUp(descendHole(0, cells + 1), time, slot);
            }
        } else {
            siftUp(cells, time, slot);
        }
        cells++;
        size++;
        return handle;
    }

    /** {@inheritDoc} The event's cell is dropped later (see the class comment). */
    @Override
    public boolean cancel(long handle) {
        int slot = slots.current(handle);
        if (slot < 0) {
            return false;
        }
        slots.cancel(slot);
        size--;
        compactIfWorthIt();
        return true;
    }

    /** Rebuilds once cancelled cells outnumber live events (and exceed {@link #COMPACT_FROM}). */
    private void compactIfWorthIt() {
        int cancelledCells = cells - size;
        if (cancelledCells > COMPACT_FROM && cancelledCells > size) {
            compact();
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** Occupied heap cells, cancelled events not yet dropped included. For tests. */
    int cells() {
        return cells;
    }

    @Override
    public long firstTime() {
        if (size == 0) {
            throw new NoSuchElementException("no pending event");
        }
        fillHole();
        if (cells != size) { // some cells are cancelled events
            dropCancelledAtRoot();
        }
        return heapTime[0];
    }

    @Override
    public long peekTime() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        fillHole();
        if (cells != size) { // some cells are cancelled events
            dropCancelledAtRoot();
        }
        return heapTime[0];
    }

    @Override
    public long takeOrder(int priority) {
        return slots.nextOrder(priority);
    }

    @Override
    public long firstOrder() {
        firstTime();
        return slots.order[heapSlot[0]];
    }

    @Override
    public void removeFirst() {
        if (size == 0) {
            throw new NoSuchElementException("no pending event");
        }
        fillHole();
        if (cells != size) { // some cells are cancelled events
            dropCancelledAtRoot();
        }
        int slot = heapSlot[0];
        lastTime = heapTime[0];
        lastSlot = slot;
        slots.release(slot);
        cells--;
        size--;
        hole = cells > 0;
        if (cells != size) { // removals also shrink the live count the rebuild is measured against
            compactIfWorthIt();
        }
    }

    /** Requires a live event in the heap and no hole. */
    private void dropCancelledAtRoot() {
        while (slots.cancelled[heapSlot[0]]) {
            slots.freeCancelled(heapSlot[0]);
            int last = --cells;
            siftDown(0, heapTime[last], heapSlot[last], cells);
        }
    }

    /** Sets a slot's generation counter, to test what happens when it wraps. */
    void setGenerationForTest(int slot, int generation) {
        slots.generation[slot] = generation;
    }

    /** Moves the last cell into an empty root. */
    private void fillHole() {
        if (hole) {
            hole = false;
            int last = cells; // cells 1..cells are occupied, 0 is empty
            if (cells < BOTTOM_UP_FROM) {
                siftDown(0, heapTime[last], heapSlot[last], cells);
            } else {
                siftUp(descendHole(0, cells), heapTime[last], heapSlot[last]);
            }
        }
    }

    /** Rebuilds the heap without its cancelled cells (Floyd's bottom-up heap construction). */
    private void compact() {
        fillHole();
        int n = 0;
        for (int i = 0; i < cells; i++) {
            int slot = heapSlot[i];
            if (slots.cancelled[slot]) {
                slots.freeCancelled(slot);
            } else {
                heapTime[n] = heapTime[i];
                heapSlot[n] = slot;
                n++;
            }
        }
        cells = n;
        for (int i = (n - 2) >>> 2; n > 1 && i >= 0; i--) {
            siftDown(i, heapTime[i], heapSlot[i], n);
        }
    }

    @Override
    public long lastTime() {
        return lastTime;
    }

    /**
     * Moves every pending event into a new {@link RadixHeapEventList} that takes over this list's
     * slots, so handles given out by this list stay valid there. Events at equal times keep their
     * order. This list must not be used afterwards. O(n log n); allocates.
     *
     * <p>Requires that no pending event is earlier than the last removed one (as in a simulation).
     */
    public RadixHeapEventList toRadixHeap() {
        compactIfAny();
        Integer[] order = new Integer[cells];
        for (int i = 0; i < cells; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> less(heapTime[a], heapSlot[a], heapTime[b], heapSlot[b]) ? -1
                : a.equals(b) ? 0 : 1);
        RadixHeapEventList radix = new RadixHeapEventList(slots,
                Math.min(lastTime, cells > 0 ? heapTime[order[0]] : lastTime));
        for (int cell : order) {
            radix.adopt(heapTime[cell], heapSlot[cell]);
        }
        cells = 0;
        size = 0;
        return radix;
    }

    private void compactIfAny() {
        if (cells != size || hole) {
            compact();
        }
    }

    // The removed event's slot is free but not reused before the next add, which the EventList
    // contract says ends the validity of these accessors.
    @Override
    public EventHandler lastHandler() {
        return slots.handler[lastSlot];
    }

    @Override
    public int lastKind() {
        return slots.kind[lastSlot];
    }

    @Override
    public long lastArg() {
        return slots.arg[lastSlot];
    }

    private boolean less(long t1, int s1, long t2, int s2) {
        return t1 < t2 || (t1 == t2 && slots.order[s1] < slots.order[s2]);
    }

    private void siftUp(int index, long time, int slot) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        while (index > 0) {
            int parent = (index - 1) >>> 2;
            long pt = ht[parent];
            if (time > pt || (time == pt && slots.order[slot] > slots.order[hs[parent]])) {
                break;
            }
            ht[index] = pt;
            hs[index] = hs[parent];
            index = parent;
        }
        ht[index] = time;
        hs[index] = slot;
    }

    /**
     * The earliest of the children {@code first..min(first + 4, n) - 1} of a cell. Branch-free
     * while their times differ: with d = t2 - t1 (no overflow, times being non-negative),
     * {@code d >> 63} is all ones exactly when t2 is earlier, and masks select index and time. A
     * full family is a tournament, (c0, c1) and (c2, c3) side by side and then their winners, so
     * two comparisons are on the critical path instead of three. Equal times go to
     * {@link #earliestChildSlow}.
     */
    private int earliestChild(int first, int n) {
        long[] ht = heapTime;
        if (first + 4 <= n) {
            long t0 = ht[first];
            long t2 = ht[first + 2];
            long d01 = ht[first + 1] - t0;
            long d23 = ht[first + 3] - t2;
            long m01 = d01 >> 63;
            long m23 = d23 >> 63;
            long a = t0 + (d01 & m01);
            long b = t2 + (d23 & m23);
            int ia = first + ((int) m01 & 1);
            int ib = first + 2 + ((int) m23 & 1);
            long d = b - a;
            if ((d01 == 0) | (d23 == 0) | (d == 0)) {
                return earliestChildSlow(first, first + 4);
            }
            return ia + ((ib - ia) & (int) (d >> 63));
        }
        int best = first;
        long bt = ht[first];
        boolean tie = false;
        for (int c = first + 1; c < n; c++) {
            long d = ht[c] - bt;
            tie |= d == 0;
            long m = d >> 63;
            best += (c - best) & (int) m;
            bt += d & m;
        }
        return tie ? earliestChildSlow(first, n) : best;
    }

    private int earliestChildSlow(int first, int end) {
        int best = first;
        for (int c = first + 1; c < end; c++) {
            if (less(heapTime[c], heapSlot[c], heapTime[best], heapSlot[best])) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Moves the empty cell {@code index} down to a leaf among cells 0..n-1, pulling up the
     * earliest child at each level; returns the leaf position left empty.
     */
    private int descendHole(int index, int n) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        while (true) {
            int first = (index << 2) + 1;
            if (first >= n) {
                return index;
            }
            int best = earliestChild(first, n);
            ht[index] = ht[best];
            hs[index] = hs[best];
            index = best;
        }
    }

    /** Places (time, slot) at or below {@code index} among cells 0..n-1. */
    private void siftDown(int index, long time, int slot, int n) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        while (true) {
            int first = (index << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = earliestChild(first, n);
            long bt = ht[best];
            if (time < bt || (time == bt && slots.order[slot] < slots.order[hs[best]])) {
                break;
            }
            ht[index] = bt;
            hs[index] = hs[best];
            index = best;
        }
        ht[index] = time;
        hs[index] = slot;
    }

    private void grow() {
        int m = EventSlots.grown(heapTime.length);
        heapTime = Arrays.copyOf(heapTime, m);
        heapSlot = Arrays.copyOf(heapSlot, m);
    }
}
