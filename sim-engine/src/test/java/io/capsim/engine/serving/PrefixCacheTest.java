package io.capsim.engine.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.workload.ArrivalCursor;
import org.junit.jupiter.api.Test;

/** The prefix cache alone: leading-block matches, references, least-recently-released eviction. */
class PrefixCacheTest {

    private final RequestTable t = new RequestTable();

    /** A request carrying prefix block ids {@code ids}. */
    private int request(long... ids) {
        int id = t.add(0, -1, ids.length * 512L, 1);
        t.prefix(id, new ArrivalCursor() {
            @Override
            public boolean advance() {
                return false;
            }

            @Override
            public long timeTicks() {
                return 0;
            }

            @Override
            public int prefixBlocks() {
                return ids.length;
            }

            @Override
            public long prefixBlock(int i) {
                return ids[i];
            }

            @Override
            public String origin() {
                return "test";
            }
        });
        return id;
    }

    @Test
    void matchesLeadingBlocksOnlyAndCountsTheUnheld() {
        PrefixCache c = new PrefixCache(32, 32 * 10); // entries of 32 KV blocks (512 tokens of 16), room for 10
        int a = request(1, 2, 3);
        assertEquals(0, c.match(t, a, 3));
        assertEquals(0, c.insert(t, a, 0, 3), "nothing was cached before");
        int b = request(1, 2, 4);
        assertEquals(2, c.match(t, b, 3));
        assertEquals(0, c.idle(), "a still holds 1 and 2");
        assertEquals(0, c.match(t, request(9, 2, 3), 3), "block 2 without block 1 is not a prefix");
        assertEquals(1, c.match(t, b, 1), "at most max");
        // a releases: 3 then 2 then 1 become unheld (appended to the LRU list in that order).
        assertEquals(3, c.release(t, a, 3));
        assertEquals(3 * 32, c.evictable());
        assertEquals(2, c.match(t, b, 3));
        assertEquals(2, c.idle());
        c.acquire(t, b, 2);
        assertEquals(32, c.evictable(), "only block 3 is unheld now");
        // b computed its block 4 (new) and finds 1 and 2 again: they are present, held by b already.
        assertEquals(0, c.insert(t, b, 2, 3));
        assertEquals(3, c.release(t, b, 3), "1, 2 and 4 unheld");
        assertEquals(4 * 32, c.evictable());
    }

    @Test
    void evictsTheLeastRecentlyReleasedTailFirst() {
        PrefixCache c = new PrefixCache(32, 32 * 4);
        int a = request(1, 2);
        c.insert(t, a, 0, 2);
        int b = request(5, 6);
        c.insert(t, b, 0, 2);
        c.release(t, a, 2); // LRU: 2, 1
        c.release(t, b, 2); // LRU: 2, 1, 6, 5
        assertTrue(c.evictOne()); // 2 goes: a's tail
        int again = request(1, 2);
        assertEquals(1, c.match(t, again, 2), "1 stays, 2 was evicted");
        assertTrue(c.evictOne()); // 1
        assertEquals(0, c.match(t, again, 2));
        assertEquals(2, c.match(t, request(5, 6), 2));
        assertTrue(c.evictOne()); // 6
        assertTrue(c.evictOne()); // 5
        assertFalse(c.evictOne(), "nothing left to evict");
        assertEquals(0, c.evictable());
        assertEquals(4, c.evictions());
    }

    @Test
    void aHeldBlockIsNeverEvictedAndARepeatedInsertIsShared() {
        PrefixCache c = new PrefixCache(1, 8);
        int a = request(1, 2);
        c.insert(t, a, 0, 2);
        int b = request(1, 2);
        assertEquals(2, c.insert(t, b, 0, 2), "both present: b gives back its copies");
        assertEquals(0, c.idleTaken(), "held by a");
        assertFalse(c.evictOne(), "everything is held");
        assertEquals(0, c.release(t, a, 2), "b still holds them");
        assertEquals(2, c.release(t, b, 2));
        assertThrows(IllegalStateException.class, () -> c.release(t, b, 1));
    }

    @Test
    void manyBlocksComeAndGoThroughTheMap() {
        // 10,000 distinct blocks through a cache of 64: every lookup of a block still cached finds it.
        PrefixCache c = new PrefixCache(1, 64);
        for (long k = 0; k < 10_000; k++) {
            while (c.evictable() >= 64) {
                c.evictOne();
            }
            int r = request(k);
            c.insert(t, r, 0, 1);
            c.release(t, r, 1);
            t.remove(r);
            int back = request(Math.max(0, k - 63));
            assertEquals(1, c.match(t, back, 1), "block " + Math.max(0, k - 63) + " after " + k);
            t.remove(back);
        }
        assertEquals(10_000 - 64, c.evictions());
    }
}
