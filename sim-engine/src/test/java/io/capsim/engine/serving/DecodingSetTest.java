package io.capsim.engine.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The decoding set alone: its phases, aggregates and heap by (finish step, slot), against a plain list. */
class DecodingSetTest {

    @Test
    void aSlotTakesABlockAtTheStepsItsKvFillsTheLastOne() {
        DecodingSet d = new DecodingSet(4);
        // Slot 0 began decoding after step 10 with 6 KV tokens: after step 12 it holds 8, two full
        // blocks, so its decode at step 13 takes a third. Phase (6 - 10 - 1) mod 4 = 3 = -13 mod 4.
        d.add(0, 10, 6, 20);
        assertEquals(3, d.phase(0));
        assertEquals(3, d.phaseOf(13));
        assertEquals(8, d.kv(0, 12));
        assertEquals(1, d.needing(d.phaseOf(13)));
        assertEquals(0, d.needing(d.phaseOf(12)), "after step 11 it holds 7: room in its second block");
        assertEquals(1, d.needing(d.phaseOf(17)), "12 tokens after step 16");
    }

    @Test
    void finishesInStepOrderThenSlotOrder() {
        DecodingSet d = new DecodingSet(16);
        d.grow(3);
        d.add(2, 0, 5, 7);
        d.add(1, 0, 5, 9);
        d.add(0, 0, 5, 7);
        assertEquals(-1, d.finishing(6));
        assertEquals(0, d.finishing(7), "slot 0 before slot 2 at the same step");
        assertEquals(5, d.remove(0, 0));
        assertEquals(2, d.finishing(7));
        d.remove(2, 0);
        assertEquals(-1, d.finishing(7));
        assertEquals(1, d.finishing(9));
        assertTrue(d.has(1));
        assertFalse(d.has(0));
        assertEquals(1, d.count());
        assertEquals(5, d.sumKv());
    }

    record Op(int type, int slot, int kv, int length) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(1, 3000), Arbitraries.integers().between(1, 50))
                .as(Op::new)
                .list()
                .ofMaxSize(400);
    }

    /** The model: a decoding slot's start, KV at its start and finish step. */
    record Slot(int slot, long t0, long kv0, long finish) {}

    @Property
    void agreesWithAPlainList(@ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 1, max = 20) int block) {
        DecodingSet d = new DecodingSet(block);
        List<Slot> model = new ArrayList<>();
        long iteration = 0;
        for (Op op : ops) {
            Slot held = model.stream().filter(m -> m.slot() == op.slot()).findFirst().orElse(null);
            if (op.type() == 0) { // a step ran with every decoding slot
                iteration++;
                d.stepped(d.count());
            } else if (held == null) {
                d.grow(op.slot() + 1);
                d.absent(op.slot());
                d.add(op.slot(), iteration, op.kv(), iteration + op.length());
                model.add(new Slot(op.slot(), iteration, op.kv(), iteration + op.length()));
            } else {
                assertEquals(held.kv0() + iteration - held.t0(), d.remove(op.slot(), iteration));
                model.remove(held);
            }
            long sumKv = 0;
            Slot first = null;
            for (Slot m : model) {
                long kv = m.kv0() + iteration - m.t0();
                sumKv += kv;
                assertEquals(kv, d.kv(m.slot(), iteration));
                if (first == null || m.finish() < first.finish() || m.finish() == first.finish() && m.slot() < first.slot()) {
                    first = m;
                }
            }
            assertEquals(model.size(), d.count());
            assertEquals(sumKv, d.sumKv());
            if (first != null) {
                assertEquals(first.slot(), d.finishing(first.finish()));
                assertEquals(-1, d.finishing(first.finish() - 1));
            }
            long t = iteration + 1;
            // Those whose KV fills its last block after step t - 1 take a new one at step t.
            long filled = model.stream().filter(m -> (m.kv0() + t - 1 - m.t0()) % block == 0).count();
            assertEquals(filled, d.needing(d.phaseOf(t)));
        }
    }
}
