package io.capsim.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timers ({@link Simulator#openTimer}) keep the event list's order exactly: a run whose sources set
 * timers gives the same events, at the same times, in the same order, as the same run scheduling
 * each timer's event on the list with priority 0 instead. Times are small integers, so most events
 * tie with others (list events of several priorities, timers, and an arrival stream, which runs
 * after both at equal times).
 */
class TimerTest {

    private static final int OWNERS = 7;

    @Property(tries = 200)
    void timersRunInTheOrderOfTheListEventsTheyReplace(@ForAll long seed) {
        assertEquals(trace(seed, false), trace(seed, true));
    }

    /**
     * One random run: handlers schedule list events (priority -2..2, 0-3 ticks ahead), set idle
     * owners' timers, cancel list events, and move the arrival stream; the run alternates between
     * {@code runUntil} (which runs streams and timers in a row) and single steps. Owners past a
     * point close their timer and open a new one.
     */
    private static List<String> trace(long seed, boolean timers) {
        Random rnd = new Random(seed);
        Simulator sim = new Simulator();
        List<String> seen = new ArrayList<>();
        List<Long> cancellable = new ArrayList<>();
        boolean[] pending = new boolean[OWNERS];
        int[] timer = new int[OWNERS];
        EventHandler[] owner = new EventHandler[1];
        EventHandler[] list = new EventHandler[1];
        int[] stream = new int[1];
        Runnable act = () -> {
            for (int k = rnd.nextInt(3); k > 0; k--) {
                long h = sim.scheduleAfter(rnd.nextInt(4), list[0], rnd.nextInt(1000), 0);
                if (rnd.nextInt(4) == 0) {
                    cancellable.add(h);
                }
            }
            for (int k = rnd.nextInt(3); k > 0; k--) {
                int o = rnd.nextInt(OWNERS);
                if (!pending[o]) {
                    pending[o] = true;
                    long delay = rnd.nextInt(4);
                    if (timers) {
                        sim.setTimerAfter(timer[o], delay);
                    } else {
                        sim.scheduleAfter(delay, owner[0], o, 0);
                    }
                }
            }
            if (!cancellable.isEmpty() && rnd.nextInt(5) == 0) {
                sim.cancel(cancellable.remove(rnd.nextInt(cancellable.size())));
            }
        };
        list[0] = (kind, arg) -> {
            seen.add(sim.now() + " L" + kind);
            act.run();
        };
        owner[0] = (kind, arg) -> {
            seen.add(sim.now() + " T" + kind);
            pending[kind] = false;
            boolean recycle = sim.now() > 200 && rnd.nextInt(10) == 0; // its owner goes and comes back
            if (timers && recycle) {
                sim.closeTimer(timer[kind]);
                timer[kind] = sim.openTimer(owner[0], kind);
            }
            act.run();
        };
        stream[0] = sim.openStream((kind, arg) -> {
            seen.add(sim.now() + " S");
            act.run();
            if (sim.now() < 400) {
                sim.setStreamNext(stream[0], sim.now() + rnd.nextInt(3));
            }
        });
        if (timers) {
            for (int o = 0; o < OWNERS; o++) {
                timer[o] = sim.openTimer(owner[0], o);
            }
        }
        sim.setStreamNext(stream[0], 0);
        act.run();
        while (sim.nextEventTime() != Long.MAX_VALUE && seen.size() < 5_000) {
            if (rnd.nextBoolean()) {
                sim.runUntil(Math.min(sim.now() + rnd.nextInt(20), 1_000));
            } else {
                sim.step();
            }
            if (sim.now() >= 1_000) {
                break;
            }
        }
        seen.add("executed " + sim.eventsExecuted());
        return seen;
    }

    @Test
    void aTimerFiresOnceAtItsTimeAndCanBeMovedOrDroppedWithItsOwner() {
        Simulator sim = new Simulator();
        List<String> seen = new ArrayList<>();
        EventHandler h = (kind, arg) -> seen.add(sim.now() + ":" + kind);
        int a = sim.openTimer(h, 10);
        int b = sim.openTimer(h, 20);
        sim.setTimerAfter(a, 5);
        sim.setTimerAfter(b, 3);
        sim.setTimerAfter(a, 7); // replaces its pending event
        sim.scheduleAt(3, h, 30, 0); // scheduled after b was set: runs after it at 3
        assertEquals(3, sim.pendingEvents());
        assertEquals(3, sim.nextEventTime());
        sim.run();
        assertEquals(List.of("3:20", "3:30", "7:10"), seen);
        sim.setTimerAfter(b, 1);
        sim.closeTimer(b); // its pending event goes with it
        assertEquals(0, sim.pendingEvents());
        assertEquals(Long.MAX_VALUE, sim.nextEventTime());
        assertThrows(IllegalArgumentException.class, () -> sim.setTimerAfter(b, 1));
        assertThrows(IllegalArgumentException.class, () -> sim.closeTimer(b));
        assertThrows(IllegalArgumentException.class, () -> sim.setTimerAfter(a, -1));
        assertThrows(IllegalArgumentException.class, () -> sim.setTimerAfter(a, Long.MAX_VALUE));
        int c = sim.openTimer(h, 40); // b's id again
        assertEquals(b, c);
        sim.setTimerAfter(c, 0);
        sim.run();
        assertEquals("7:40", seen.get(seen.size() - 1));
    }

    /**
     * Run straight on after the throw (nextEventTime would replay the timer itself and hide a
     * missing repair), through run() and through step().
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aHandlerThatThrowsLeavesTheTimersConsistent(boolean stepping) {
        Simulator sim = new Simulator();
        List<String> seen = new ArrayList<>();
        int[] t = new int[2];
        EventHandler h = (kind, arg) -> {
            seen.add(sim.now() + ":" + kind);
            if (kind == 0 && sim.now() == 5) {
                sim.setTimerAfter(t[0], 10); // set before it throws: must still run at 15
                throw new IllegalStateException("boom");
            }
        };
        t[0] = sim.openTimer(h, 0);
        t[1] = sim.openTimer(h, 1);
        sim.setTimerAfter(t[0], 5);
        sim.setTimerAfter(t[1], 7);
        if (stepping) {
            assertThrows(IllegalStateException.class, sim::step);
            while (sim.step()) {
                // on after the throw
            }
        } else {
            assertThrows(IllegalStateException.class, sim::run);
            sim.run();
        }
        assertEquals(List.of("5:0", "7:1", "15:0"), seen);
    }

    /**
     * Streams and timers beside a radix heap whose first event is far ahead: their events (each
     * scheduling list events before it, as arrivals scheduling job completions do) must not make
     * the loop prepare the heap's next event first, which would re-file every pending event each
     * time (a 4x slower scale run once).
     */
    @Test
    void streamAndTimerEventsBeforeARadixHeapsFirstDoNotRefileIt() {
        RadixHeapEventList list = new RadixHeapEventList();
        Simulator sim = new Simulator(list);
        EventHandler none = (kind, arg) -> { };
        for (int i = 0; i < 10_000; i++) {
            sim.scheduleAt(1_000_000_000L + i, none, 0, 0); // far ahead
        }
        int[] stream = new int[1];
        int[] timer = new int[1];
        long[] ran = new long[1];
        stream[0] = sim.openStream((kind, arg) -> {
            ran[0]++;
            sim.scheduleAfter(5, none, 0, 0); // before the heap's first event, which is far ahead
            sim.setStreamNext(stream[0], sim.now() + 10);
        });
        timer[0] = sim.openTimer((kind, arg) -> {
            ran[0]++;
            sim.scheduleAfter(3, none, 0, 0);
            sim.setTimerAfter(timer[0], 13);
        }, 0);
        sim.setStreamNext(stream[0], 0);
        sim.setTimerAfter(timer[0], 3);
        sim.runUntil(1_000_000);
        assertTrue(ran[0] > 150_000, "ran " + ran[0]);
        assertTrue(list.rebases() < 10, "rebases: " + list.rebases());
    }

    @Test
    void manyTimersGrowTheTreeAndTheEarliestAlwaysRunsFirst() {
        Simulator sim = new Simulator();
        Random rnd = new Random(3);
        long[] due = new long[300];
        long[] last = {-1};
        int[] ids = new int[due.length];
        EventHandler h = (kind, arg) -> {
            assertEquals(due[kind], sim.now());
            assertTrue(sim.now() >= last[0]);
            last[0] = sim.now();
            due[kind] = -1;
        };
        for (int i = 0; i < due.length; i++) {
            ids[i] = sim.openTimer(h, i);
            due[i] = rnd.nextInt(1_000_000);
            sim.setTimerAfter(ids[i], due[i]);
        }
        assertEquals(due.length, sim.pendingEvents());
        sim.run();
        for (long d : due) {
            assertEquals(-1, d);
        }
    }
}
