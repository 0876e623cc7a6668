package io.capsim.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Contract suite for every {@link EventList}: each implementation against a reference model (a
 * sorted map keyed by time, priority, sequence), for any mix of adds (never before the last
 * removed event, as in a simulation), peeks, cancels of live and stale handles, and removals, at
 * sizes that force growth.
 */
class EventListPropertyTest {

    static final List<IntFunction<EventList>> IMPLEMENTATIONS =
            List.of(DaryHeapEventList::new, RadixHeapEventList::new);

    record Op(int type, long delta, int priority, int pick) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.oneOf(Arbitraries.longs().between(0, 8), Arbitraries.longs().between(0, 1L << 40)),
                        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(-2, 2)),
                        Arbitraries.integers().between(0, 1_000_000))
                .as(Op::new);
        return op.list().ofMinSize(0).ofMaxSize(3000);
    }

    record Key(long time, int priority, long seq) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(time, o.time);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(priority, o.priority);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Property(tries = 200)
    void popsInTotalOrderForAnyAddPeekCancelMix(@ForAll("ops") List<Op> ops,
            @ForAll @IntRange(min = 1, max = 8) int initialCapacity) {
        for (IntFunction<EventList> impl : IMPLEMENTATIONS) {
            check(impl.apply(initialCapacity), ops, -1);
        }
        // The 4-ary heap handing its events (and handles) over to a radix heap midway.
        check(new DaryHeapEventList(initialCapacity), ops, ops.size() / 2);
    }

    private static void check(EventList list, List<Op> ops, int migrateAt) {
        TreeMap<Key, Long> model = new TreeMap<>();
        List<Long> handles = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        EventHandler h = (k, a) -> {};
        long seq = 0;
        long removed = 0;
        int index = 0;
        for (Op op : ops) {
            if (index++ == migrateAt) {
                list = ((DaryHeapEventList) list).toRadixHeap();
            }
            if (op.type() <= 4) { // add, never before the last removed event
                long id = seq++;
                long time = removed + op.delta();
                long handle = list.add(time, op.priority(), h, (int) id, id);
                Key key = new Key(time, op.priority(), id);
                model.put(key, id);
                handles.add(handle);
                keys.add(key);
            } else if (op.type() <= 6) { // cancel some handle, possibly stale
                if (!handles.isEmpty()) {
                    int i = op.pick() % handles.size();
                    boolean expected = model.remove(keys.get(i)) != null;
                    assertEquals(expected, list.cancel(handles.get(i)), list.getClass().getSimpleName());
                }
            } else if (op.type() == 7) { // peek
                assertEquals(model.isEmpty() ? Long.MAX_VALUE : model.firstKey().time(), list.peekTime());
                if (!model.isEmpty()) {
                    assertEquals(model.firstKey().time(), list.firstTime());
                }
            } else if (!model.isEmpty()) { // remove first
                list.removeFirst();
                var first = model.pollFirstEntry();
                removed = first.getKey().time();
                assertEquals(removed, list.lastTime(), list.getClass().getSimpleName());
                assertEquals(first.getValue().longValue(), list.lastArg(), list.getClass().getSimpleName());
                assertEquals((int) (long) first.getValue(), list.lastKind());
            }
            assertEquals(model.size(), list.size());
        }
        while (!model.isEmpty()) {
            list.removeFirst();
            assertEquals(model.pollFirstEntry().getValue().longValue(), list.lastArg());
        }
        assertEquals(0, list.size());
    }

    @Property(tries = 50)
    void cancelledEventsHeldStayBoundedByTheEventsInFlight(
            @ForAll @IntRange(min = 0, max = 200) int inFlight, @ForAll @IntRange(min = 1, max = 20_000) int rounds) {
        DaryHeapEventList heap = new DaryHeapEventList(1);
        cancelAndReschedule(heap, heap::cells, inFlight, rounds);
        RadixHeapEventList radix = new RadixHeapEventList(1);
        cancelAndReschedule(radix, radix::entries, inFlight, rounds);
    }

    /**
     * As a processor-sharing server does: every round cancels a pending event and schedules its
     * replacement later, and events run only at the end. What the list holds (live and cancelled)
     * must stay within twice the live events plus 64 (the lists' rebuild threshold) throughout.
     */
    private static void cancelAndReschedule(EventList list, java.util.function.IntSupplier held, int inFlight,
            int rounds) {
        EventHandler h = (k, a) -> {};
        long[] handles = new long[inFlight + 1];
        for (int i = 0; i <= inFlight; i++) {
            handles[i] = list.add(1_000_000 + i, 0, h, i, 0);
        }
        for (int r = 0; r < rounds; r++) {
            int i = r % handles.length;
            assertEquals(true, list.cancel(handles[i]));
            handles[i] = list.add(2_000_000L + r, 0, h, i, 0);
            if (held.getAsInt() > 2 * list.size() + 65) {
                throw new AssertionError(list.getClass().getSimpleName() + " holds " + held.getAsInt()
                        + " entries for " + list.size() + " events");
            }
        }
        assertEquals(inFlight + 1, list.size());
        long previous = -1;
        while (!list.isEmpty()) {
            list.removeFirst();
            assertEquals(true, list.lastTime() >= previous);
            previous = list.lastTime();
        }
        assertEquals(0, held.getAsInt());
    }

    @Test
    void theRadixHeapRefusesTimesBeforeTheLastRemovedEvent() {
        RadixHeapEventList list = new RadixHeapEventList();
        EventHandler h = (k, a) -> {};
        list.add(10, 0, h, 0, 0);
        list.add(20, 0, h, 0, 0);
        list.removeFirst();
        assertThrows(IllegalArgumentException.class, () -> list.add(9, 0, h, 0, 0));
        assertEquals(20, list.firstTime());
        list.add(15, 0, h, 1, 0); // after a peek that moved past it, still accepted
        list.removeFirst();
        assertEquals(15, list.lastTime());
        assertEquals(1, list.lastKind());
    }
}
