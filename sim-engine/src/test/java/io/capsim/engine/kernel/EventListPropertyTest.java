package io.capsim.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The heap against a reference model (a sorted map keyed by time, priority, sequence), for any
 * mix of adds, cancels (of live and stale handles) and removals, at sizes that force growth.
 */
class EventListPropertyTest {

    record Op(int type, long time, int priority, int pick) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.longs().between(0, 50),
                        Arbitraries.integers().between(-2, 2),
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

    @Property(tries = 300)
    void popsInTotalOrderForAnyAddCancelMix(@ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 1, max = 8) int initialCapacity) {
        DaryHeapEventList list = new DaryHeapEventList(initialCapacity);
        TreeMap<Key, Long> model = new TreeMap<>();
        List<Long> handles = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        EventHandler h = (k, a) -> {};
        long seq = 0;
        for (Op op : ops) {
            if (op.type() <= 4) { // add
                long id = seq++;
                long handle = list.add(op.time(), op.priority(), h, (int) id, id);
                Key key = new Key(op.time(), op.priority(), id);
                model.put(key, id);
                handles.add(handle);
                keys.add(key);
            } else if (op.type() <= 6) { // cancel some handle, possibly stale
                if (!handles.isEmpty()) {
                    int i = op.pick() % handles.size();
                    boolean expected = model.remove(keys.get(i)) != null;
                    assertEquals(expected, list.cancel(handles.get(i)));
                }
            } else if (!model.isEmpty()) { // remove first
                assertEquals(model.firstKey().time(), list.firstTime());
                list.removeFirst();
                var first = model.pollFirstEntry();
                assertEquals(first.getKey().time(), list.lastTime());
                assertEquals(first.getValue().longValue(), list.lastArg());
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
}
