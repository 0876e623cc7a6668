package io.capsim.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    /** Records (time, kind) of every event it receives. */
    static final class Log implements EventHandler {
        final Simulator sim;
        final List<String> seen = new ArrayList<>();

        Log(Simulator sim) {
            this.sim = sim;
        }

        @Override
        public void handle(int kind, long arg) {
            seen.add(sim.now() + ":" + kind);
        }
    }

    @Test
    void runsEventsInTimeOrderAndSetsTheClockBeforeEachHandler() {
        Simulator sim = new Simulator();
        Log log = new Log(sim);
        sim.scheduleAt(30, log, 3, 0);
        sim.scheduleAt(10, log, 1, 0);
        sim.scheduleAt(20, log, 2, 0);
        assertEquals(3, sim.run());
        assertEquals(List.of("10:1", "20:2", "30:3"), log.seen);
        assertEquals(30, sim.now());
    }

    @Test
    void breaksTiesByPriorityThenByInsertionOrder() {
        Simulator sim = new Simulator();
        Log log = new Log(sim);
        sim.scheduleAt(5, 0, log, 1, 0);
        sim.scheduleAt(5, 0, log, 2, 0);
        sim.scheduleAt(5, -1, log, 0, 0); // lower priority value runs first
        sim.scheduleAt(5, 0, log, 3, 0);
        sim.scheduleAt(5, 7, log, 4, 0);
        sim.run();
        assertEquals(List.of("5:0", "5:1", "5:2", "5:3", "5:4"), log.seen);
    }

    @Test
    void eventsScheduledDuringAHandlerAtTheSameTimeRunAfterEarlierOnes() {
        Simulator sim = new Simulator();
        List<String> seen = new ArrayList<>();
        EventHandler h = new EventHandler() {
            @Override
            public void handle(int kind, long arg) {
                seen.add("k" + kind);
                if (kind == 1) {
                    sim.scheduleAfter(0, this, 9, 0);
                }
            }
        };
        sim.scheduleAt(1, h, 1, 0);
        sim.scheduleAt(1, h, 2, 0);
        sim.run();
        assertEquals(List.of("k1", "k2", "k9"), seen);
    }

    @Test
    void cancelRemovesAPendingEventAndIgnoresStaleHandles() {
        Simulator sim = new Simulator();
        Log log = new Log(sim);
        long a = sim.scheduleAt(1, log, 1, 0);
        long b = sim.scheduleAt(2, log, 2, 0);
        assertTrue(sim.cancel(b));
        assertFalse(sim.cancel(b), "second cancel of the same handle");
        sim.run();
        assertFalse(sim.cancel(a), "the event already ran");
        // a's slot is reused by the next event; a's handle must not cancel it
        long c = sim.scheduleAt(5, log, 3, 0);
        assertFalse(sim.cancel(a));
        assertFalse(sim.cancel(b));
        assertEquals(1, sim.pendingEvents());
        sim.run();
        assertEquals(List.of("1:1", "5:3"), log.seen);
        assertFalse(sim.cancel(c));
    }

    @Test
    void runUntilStopsAtTheEndTimeInclusiveAndAdvancesTheClock() {
        Simulator sim = new Simulator();
        Log log = new Log(sim);
        sim.scheduleAt(10, log, 1, 0);
        sim.scheduleAt(20, log, 2, 0);
        sim.scheduleAt(21, log, 3, 0);
        assertEquals(2, sim.runUntil(20));
        assertEquals(20, sim.now());
        assertEquals(1, sim.pendingEvents());
        assertEquals(0, sim.runUntil(20));
        assertEquals(0, sim.runUntil(20));
        sim.runUntil(100);
        assertEquals(100, sim.now());
        assertEquals(List.of("10:1", "20:2", "21:3"), log.seen);
    }

    @Test
    void runEventsRunsAtMostTheGivenCount() {
        Simulator sim = new Simulator();
        Log log = new Log(sim);
        for (int i = 0; i < 5; i++) {
            sim.scheduleAt(i, log, i, 0);
        }
        assertEquals(2, sim.runEvents(2));
        assertEquals(1, sim.now());
        assertEquals(3, sim.runEvents(10));
        assertEquals(0, sim.runEvents(10));
        assertEquals(5, sim.eventsExecuted());
    }

    @Test
    void stopEndsTheLoopAfterTheCurrentEvent() {
        Simulator sim = new Simulator();
        List<Long> seen = new ArrayList<>();
        EventHandler h = (kind, arg) -> {
            seen.add(sim.now());
            if (kind == 1) {
                sim.stop();
            }
        };
        sim.scheduleAt(1, h, 0, 0);
        sim.scheduleAt(2, h, 1, 0);
        sim.scheduleAt(3, h, 0, 0);
        sim.run();
        assertEquals(List.of(1L, 2L), seen);
        sim.run();
        assertEquals(List.of(1L, 2L, 3L), seen);
    }

    @Test
    void refusesThePast() {
        Simulator sim = new Simulator();
        EventHandler h = (k, a) -> {};
        sim.scheduleAt(10, h, 0, 0);
        sim.run();
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(9, h, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAfter(-1, h, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAfter(Long.MAX_VALUE, h, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> sim.runUntil(5));
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(20, EventList.MAX_PRIORITY + 1, h, 0, 0));
    }

    @Test
    void passesKindAndArgThrough() {
        Simulator sim = new Simulator();
        long[] got = new long[2];
        sim.scheduleAt(3, (kind, arg) -> {
            got[0] = kind;
            got[1] = arg;
        }, -42, Long.MIN_VALUE);
        sim.run();
        assertEquals(-42, got[0]);
        assertEquals(Long.MIN_VALUE, got[1]);
    }

    @Test
    void streamEventsInterleaveWithListEventsAndComeAfterThemAtEqualTimes() {
        Simulator sim = new Simulator();
        Log log = new Log(sim);
        List<String> seen = log.seen;
        long[] arrivals = {5, 10, 10, 30};
        int[] next = {0};
        EventHandler feed = new EventHandler() {
            int id = -1;

            @Override
            public void handle(int kind, long arg) {
                seen.add(sim.now() + ":s" + kind);
                if (next[0] < arrivals.length) {
                    sim.setStreamNext(kind, arrivals[next[0]++]);
                }
            }
        };
        int s = sim.openStream(feed);
        int other = sim.openStream((kind, arg) -> seen.add(sim.now() + ":t" + kind));
        sim.setStreamNext(s, arrivals[next[0]++]);
        sim.setStreamNext(other, 10);
        sim.scheduleAt(10, log, 1, 0);
        sim.scheduleAt(10, 5, log, 2, 0); // even a high priority value runs before streams
        sim.scheduleAt(20, log, 3, 0);
        assertEquals(3 + 2, sim.pendingEvents());
        sim.runUntil(25);
        // t1 was set to 10 before s0 set its second arrival to 10: the older goes first
        assertEquals(List.of("5:s0", "10:1", "10:2", "10:t1", "10:s0", "10:s0", "20:3"), seen);
        assertEquals(25, sim.now());
        assertEquals(1, sim.pendingEvents(), "the arrival at 30 is still pending");
        sim.setStreamNext(s, Long.MAX_VALUE); // cleared
        assertEquals(0, sim.pendingEvents());
        assertEquals(0, sim.run());
        assertThrows(IllegalArgumentException.class, () -> sim.setStreamNext(s, 24));
        assertThrows(IllegalArgumentException.class, () -> sim.setStreamNext(7, 30));
    }

    @Test
    void theDefaultEventListMovesToARadixHeapWhenLargeAndKeepsOrderAndHandles() {
        Simulator sim = new Simulator();
        List<Long> order = new ArrayList<>();
        EventHandler h = (kind, arg) -> order.add(arg);
        int n = Simulator.RADIX_THRESHOLD + 100;
        long[] handles = new long[n];
        for (int i = 0; i < n; i++) {
            // times in blocks of 10 equal values, scheduled in reverse block order
            handles[i] = sim.scheduleAt(1000 - i / 10, h, 0, i);
        }
        assertTrue(sim.cancel(handles[5]), "a handle from before the move still cancels");
        assertFalse(sim.cancel(handles[5]));
        sim.run();
        assertEquals(n - 1, order.size());
        for (int k = 1; k < order.size(); k++) {
            long a = order.get(k - 1);
            long b = order.get(k);
            long ta = 1000 - a / 10;
            long tb = 1000 - b / 10;
            assertTrue(ta < tb || (ta == tb && a < b), "out of order at " + k + ": " + a + " then " + b);
        }
    }

    /**
     * Streams beside a radix heap: the loop asks the heap for a lower bound before it prepares the
     * next event, and a cancelled event may hold that bound; a stream event due before the first
     * live event must still run first, and every event at its time in (time, list-before-stream,
     * insertion) order. Checked against a model over a long random run.
     */
    @Test
    void streamEventsKeepTheirOrderBesideARadixHeapWithCancelledEvents() {
        Simulator sim = new Simulator();
        java.util.Random rnd = new java.util.Random(7);
        java.util.TreeMap<Long, List<Long>> pending = new java.util.TreeMap<>(); // time -> ids in order
        java.util.Map<Long, Long> handleOf = new java.util.HashMap<>();
        java.util.Map<Long, Long> timeOf = new java.util.HashMap<>();
        List<String> seen = new ArrayList<>();
        long[] nextId = {0};
        long[] streamAt = {0};
        int[] streamId = {-1};
        EventHandler[] list = new EventHandler[1];
        java.util.function.LongConsumer add = t -> {
            long id = nextId[0]++;
            handleOf.put(id, sim.scheduleAt(t, list[0], 0, id));
            timeOf.put(id, t);
            pending.computeIfAbsent(t, k -> new ArrayList<>()).add(id);
        };
        list[0] = (kind, id) -> {
            List<Long> at = pending.get(sim.now());
            assertEquals(at.get(0), id, "list event out of order at " + sim.now());
            at.remove(0);
            if (at.isEmpty()) {
                pending.remove(sim.now());
            }
            handleOf.remove(id);
            seen.add("L");
            if (rnd.nextInt(3) == 0) {
                add.accept(sim.now() + rnd.nextInt(3)); // at now (behind the prepared bucket) or just after
            }
        };
        int stream = sim.openStream((kind, arg) -> {
            assertTrue(pending.isEmpty() || pending.firstKey() > sim.now(),
                    "a stream event at " + sim.now() + " ran before list events at " + pending.firstKey());
            seen.add("S");
            for (int k = rnd.nextInt(4); k > 0; k--) {
                add.accept(sim.now() + (rnd.nextBoolean() ? 0 : rnd.nextInt(5000)));
            }
            if (!handleOf.isEmpty() && rnd.nextBoolean()) { // cancel the first pending event
                long first = pending.firstEntry().getValue().get(0);
                assertTrue(sim.cancel(handleOf.remove(first)));
                List<Long> at = pending.get(timeOf.get(first));
                at.remove(first);
                if (at.isEmpty()) {
                    pending.remove(timeOf.get(first));
                }
            }
            streamAt[0] += rnd.nextInt(3);
            sim.setStreamNext(streamId[0], streamAt[0] < 200_000 ? streamAt[0] : Long.MAX_VALUE);
        });
        streamId[0] = stream;
        for (int i = 0; i < Simulator.RADIX_THRESHOLD + 500; i++) {
            add.accept(rnd.nextInt(200_000)); // enough to move to the radix heap
        }
        sim.setStreamNext(stream, 0);
        sim.run();
        assertTrue(pending.isEmpty());
        assertTrue(seen.stream().filter("S"::equals).count() > 100_000, "the stream ran throughout");
    }
}
