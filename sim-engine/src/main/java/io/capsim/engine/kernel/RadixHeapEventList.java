package io.capsim.engine.kernel;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A monotone radix heap over primitive arrays: the kernel's event list once many events are
 * pending (the default {@link Simulator} moves to it from a {@link DaryHeapEventList} past
 * {@link Simulator#RADIX_THRESHOLD}).
 *
 * <p>Discrete-event simulation never schedules before the current time, so the event list is a
 * monotone priority queue and can be a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, "Faster
 * algorithms for the shortest path problem", JACM 1990), as in the two-level form described by
 * Cherkassky, Goldberg and Silverstein (1999):
 * <ol>
 *   <li>Keep {@code last}, the time of the event removed last. An event with time {@code t} lives
 *       in bucket 0 if {@code t == last}, else in the bucket named by the highest base-16 digit in
 *       which {@code t} differs from {@code last} (its level and its value): 256 buckets, ordered
 *       as the times they hold. Adding is an append, O(1).
 *   <li>To remove the first event, take the head of bucket 0. If bucket 0 is empty, find the lowest
 *       non-empty bucket (a bit mask of five words makes that a few instructions), set
 *       {@code last} to its smallest time (tracked on append), and move its events to lower
 *       buckets: each event only ever moves down a digit level, so at most 16 times and in
 *       practice two to four, in sequential array scans. (A base-2 radix heap moves each event
 *       about four times as often; base 16 measured faster on the hold model.)
 * </ol>
 * Buckets keep insertion order (appends, and in-order redistribution into buckets that are empty
 * at that moment), so events at equal times leave in the order they were added: the same
 * (time, priority, sequence) order as {@link DaryHeapEventList}. Priorities other than 0 are
 * resolved when events reach bucket 0, by a scan that runs only while such events are pending.
 *
 * <p>Cancellation is lazy and O(1) amortised: the handle's slot gets a new generation, and the
 * stale entry is dropped when bucket 0's head meets it, or when stale entries outnumber live events
 * (and exceed 64; checked on cancel and on removal), at which point every bucket is rebuilt from the
 * live entries in O(n). A slot is reused at once; one whose generation counter has gone round
 * (2^32 uses) is retired.
 *
 * <p>Memory: 2 longs per entry in its bucket plus about 33 bytes per slot; arrays grow with the
 * number of events in flight (stale entries are at most as many again, plus 64), never with the
 * number of events run.
 *
 * <p>Contract addition: {@link #add} refuses a time before the last removed event's time.
 */
public final class RadixHeapEventList implements EventList {

    // Buckets by the highest base-16 digit in which a time differs from last: bucket 0 holds
    // times equal to last; bucket 1 + 16 L + v holds times whose highest differing digit is at
    // level L (bits 4L..4L+3) and has value v there. Bucket order is time order.
    private static final int DIGIT_BITS = 4;
    private static final int BUCKETS = 1 + 16 * (64 / DIGIT_BITS);
    private static final int MASK_WORDS = (BUCKETS + 63) / 64;
    private static final long SLOT_MASK = 0xFFFF_FFFFL;
    /** Stale (cancelled) entries tolerated before a rebuild is considered (see {@link #cancel}). */
    private static final int COMPACT_FROM = 64;

    // Buckets: interleaved (time, meta) pairs; meta = generation << 32 | slot.
    private final long[][] bucket = new long[BUCKETS][];
    private final int[] bucketSize = new int[BUCKETS]; // in longs
    private final long[] bucketMin = new long[BUCKETS]; // smallest time appended since emptied
    private int head0; // read position in bucket 0, in longs
    private final long[] nonEmpty = new long[MASK_WORDS]; // bit b: bucket b may hold entries
    private long[] scratch = new long[0]; // for rebase
    private long rebases; // for tests: how often every pending event was re-filed
    private long last; // no pending event is earlier; bucket 0 holds the events at exactly this time
    private long removedTime; // time of the last removed event (0 before any): the floor for add

    // Slots.
    private final EventSlots slots;

    private int size;
    private int entries; // bucket entries not yet passed by bucket 0's head: size live, the rest stale
    private int prioritizedPending; // live events with a priority other than 0

    private long lastTime;
    private int lastSlot;

    /** An empty list. */
    public RadixHeapEventList() {
        this(1024);
    }

    /**
     * An empty list.
     *
     * @param initialCapacity events it holds before its slot arrays grow; at least 1
     */
    public RadixHeapEventList(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity must be >= 1: " + initialCapacity);
        }
        for (int b = 0; b < BUCKETS; b++) {
            bucket[b] = new long[16];
        }
        Arrays.fill(bucketMin, Long.MAX_VALUE);
        slots = new EventSlots(initialCapacity);
    }

    /**
     * A list that takes over another list's slots (see {@link DaryHeapEventList#toRadixHeap()}), none
     * of them cancelled, empty until {@link #adopt} files the pending events.
     */
    RadixHeapEventList(EventSlots slots, long floor) {
        for (int b = 0; b < BUCKETS; b++) {
            bucket[b] = new long[16];
        }
        Arrays.fill(bucketMin, Long.MAX_VALUE);
        this.slots = slots;
        last = floor;
        removedTime = floor;
    }

    /** Files a pending event that already has a slot; call in (time, priority, sequence) order. */
    void adopt(long time, int slot) {
        if (slots.priority(slot) != 0) {
            prioritizedPending++;
        }
        append(bucketOf(time), time, ((long) slots.generation[slot] << 32) | slot);
        size++;
        entries++;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if {@code time} is before the last removed event's
     *     time, or negative
     */
    @Override
    public long add(long time, int priority, EventHandler handler, int kind, long arg) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        if (time < removedTime || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException(time < removedTime
                    ? "time " + time + " is before the last removed event's time " + removedTime
                    : "priority " + priority + " is not in [" + MIN_PRIORITY + ", " + MAX_PRIORITY + "]");
        }
        if (time < last) {
            rebase(time); // a peek moved last past this time; rare
        }
        long meta = slots.take(priority, handler, kind, arg);
        if (priority != 0) {
            prioritizedPending++;
        }
        append(bucketOf(time), time, meta);
        size++;
        entries++;
        return meta;
    }

    private int bucketOf(long time) {
        return bucketOf(time, last);
    }

    private static int bucketOf(long time, long last) {
        long x = time ^ last;
        if (x == 0) {
            return 0;
        }
        int level = (63 - Long.numberOfLeadingZeros(x)) >>> 2;
        return 1 + (level << 4) + (int) ((time >>> (level << 2)) & 15);
    }

    private void append(int b, long time, long meta) {
        long[] a = bucket[b];
        int n = bucketSize[b];
        if (n == a.length) {
            a = bucket[b] = Arrays.copyOf(a, a.length * 2);
        }
        a[n] = time;
        a[n + 1] = meta;
        bucketSize[b] = n + 2;
        if (time < bucketMin[b]) {
            bucketMin[b] = time;
        }
        nonEmpty[b >>> 6] |= 1L << b;
    }

    /** An entry is live while its slot still has the generation it was added with. */
    private boolean isLive(long meta) {
        return slots.generation[(int) (meta & SLOT_MASK)] == (int) (meta >>> 32);
    }

    @Override
    public boolean cancel(long handle) {
        int slot = slots.current(handle);
        if (slot < 0) {
            return false;
        }
        release(slot);
        size--;
        rebuildIfWorthIt();
        return true;
    }

    /** Re-files the live entries only, once stale ones outnumber them (and exceed 64). */
    private void rebuildIfWorthIt() {
        int stale = entries - size;
        if (stale > COMPACT_FROM && stale > size) {
            rebase(last);
        }
    }

    /**
     * Ends a slot's event: its new generation makes its handle and bucket entry stale (and a
     * retired slot, see {@link EventSlots}, can never match them again).
     */
    private void release(int slot) {
        if (slots.priority(slot) != 0) {
            prioritizedPending--;
        }
        slots.release(slot);
    }

    /** Sets a slot's generation counter, to test what happens when it wraps. */
    void setGenerationForTest(int slot, int generation) {
        slots.generation[slot] = generation;
    }

    @Override
    public int size() {
        return size;
    }

    /** Times every pending event was re-filed (a peek had moved the base past a new event). For tests. */
    long rebases() {
        return rebases;
    }

    /** Bucket entries held, stale ones included. For tests. */
    int entries() {
        return entries;
    }

    @Override
    public long firstTime() {
        if (size == 0) {
            throw new NoSuchElementException("no pending event");
        }
        fillBucket0();
        return last;
    }

    @Override
    public long peekTime() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        fillBucket0();
        return last;
    }

    /**
     * {@inheritDoc} Here: {@code last} while bucket 0 holds entries, else the smallest time
     * appended to the lowest non-empty bucket; either may belong to a cancelled event, and is then
     * still no later than every live one.
     */
    @Override
    public long lowerBound() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        if (head0 < bucketSize[0]) {
            return last;
        }
        int b = lowestNonEmpty();
        return b <= 0 ? last : bucketMin[b];
    }

    @Override
    public long takeOrder(int priority) {
        return slots.nextOrder(priority);
    }

    @Override
    public long firstOrder() {
        firstTime();
        int pos = prioritizedPending > 0 ? firstByPriority() : head0;
        return slots.order[(int) (bucket[0][pos + 1] & SLOT_MASK)];
    }

    @Override
    public void removeFirst() {
        if (size == 0) {
            throw new NoSuchElementException("no pending event");
        }
        fillBucket0();
        long[] a = bucket[0];
        int pos = head0;
        if (prioritizedPending > 0) {
            pos = firstByPriority();
        }
        long meta = a[pos + 1];
        int slot = (int) (meta & SLOT_MASK);
        lastTime = a[pos];
        removedTime = lastTime;
        lastSlot = slot;
        release(slot);
        size--;
        if (pos == head0) {
            head0 += 2;
            entries--;
        } // else consumed out of order: the released slot's new generation makes the entry stale
        if (head0 == bucketSize[0]) {
            head0 = 0;
            bucketSize[0] = 0;
            bucketMin[0] = Long.MAX_VALUE;
            nonEmpty[0] &= ~1L;
        }
        if (entries != size) { // removals also shrink the live count the rebuild is measured against
            rebuildIfWorthIt();
        }
    }

    /** Position in bucket 0 of the live entry with the lowest priority value, first among equals. */
    private int firstByPriority() {
        long[] a = bucket[0];
        int best = -1;
        int bestPriority = Integer.MAX_VALUE;
        for (int i = head0, n = bucketSize[0]; i < n; i += 2) {
            long meta = a[i + 1];
            if (isLive(meta)) {
                int p = slots.priority((int) (meta & SLOT_MASK));
                if (p < bestPriority) {
                    bestPriority = p;
                    best = i;
                }
            }
        }
        return best;
    }

    /**
     * Makes the head of bucket 0 a live entry, redistributing the lowest non-empty bucket when
     * bucket 0 runs out. Requires {@code size > 0}.
     */
    private void fillBucket0() {
        while (true) {
            // Drop stale entries at the head of bucket 0.
            long[] a0 = bucket[0];
            int n0 = bucketSize[0];
            while (head0 < n0) {
                long meta = a0[head0 + 1];
                if (isLive(meta)) {
                    return;
                }
                head0 += 2;
                entries--;
            }
            head0 = 0;
            bucketSize[0] = 0;
            bucketMin[0] = Long.MAX_VALUE;
            nonEmpty[0] &= ~1L;
            int b = lowestNonEmpty();
            if (b < 0) {
                throw new IllegalStateException("event list lost track of " + size + " events");
            }
            long[] a = bucket[b];
            int n = bucketSize[b];
            // The bucket's smallest time may belong to a cancelled event; that is harmless: it is
            // still no later than any live event here, and stale entries are dropped at the head
            // of bucket 0. Skipping the liveness test here halves the work per moved entry.
            last = bucketMin[b];
            bucketSize[b] = 0;
            bucketMin[b] = Long.MAX_VALUE;
            nonEmpty[b >>> 6] &= ~(1L << b);
            for (int i = 0; i < n; i += 2) {
                long t = a[i];
                append(bucketOf(t, last), t, a[i + 1]);
            }
        }
    }

    /** The lowest bucket that may hold entries, or -1. */
    private int lowestNonEmpty() {
        for (int w = 0; w < MASK_WORDS; w++) {
            if (nonEmpty[w] != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(nonEmpty[w]);
            }
        }
        return -1;
    }

    /**
     * Re-files every pending event relative to {@code newLast} (no later than any of them),
     * dropping stale entries. O(n); allocates only when the events outnumber every earlier call's.
     */
    private void rebase(long newLast) {
        rebases++;
        if (scratch.length < 2 * size) {
            scratch = new long[2 * size];
        }
        long[] all = scratch;
        int n = 0;
        for (int b = 0; b < BUCKETS; b++) {
            long[] a = bucket[b];
            for (int i = b == 0 ? head0 : 0, end = bucketSize[b]; i < end; i += 2) {
                if (isLive(a[i + 1])) {
                    all[n++] = a[i];
                    all[n++] = a[i + 1];
                }
            }
            bucketSize[b] = 0;
            bucketMin[b] = Long.MAX_VALUE;
        }
        head0 = 0;
        java.util.Arrays.fill(nonEmpty, 0);
        last = newLast;
        entries = n / 2;
        // Bucket by bucket, in order: events at equal times stay in the order they were added.
        for (int i = 0; i < n; i += 2) {
            append(bucketOf(all[i]), all[i], all[i + 1]);
        }
    }

    @Override
    public long lastTime() {
        return lastTime;
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
}
