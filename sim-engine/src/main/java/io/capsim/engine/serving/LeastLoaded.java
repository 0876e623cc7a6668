package io.capsim.engine.serving;

import java.util.Arrays;

/**
 * The replica with the fewest outstanding requests in O(log n): a segment tree over the replicas'
 * loads, each leaf the key {@code load << 32 | index}, so the smallest key is the least loaded
 * replica and, among equals, the one with the lowest index. Loads are refreshed lazily: a replica
 * whose load may have changed is marked, and marked replicas are re-read before the next query.
 */
final class LeastLoaded {

    private long[] tree = new long[2];
    private int size = 1; // leaves: a power of two at least the replica count
    private int count;
    private boolean[] marked = new boolean[8];
    private int[] dirty = new int[8];
    private int dirtyCount;

    /** Forgets every load: {@code count} replicas, all marked to be read. */
    void reset(int count) {
        this.count = count;
        int s = 1;
        while (s < count) {
            s <<= 1;
        }
        if (s != size || tree.length != 2 * s) {
            size = s;
            tree = new long[2 * s];
        }
        Arrays.fill(tree, Long.MAX_VALUE);
        if (marked.length < count) {
            marked = new boolean[Math.max(count, 2 * marked.length)];
            dirty = new int[marked.length];
        }
        Arrays.fill(marked, false);
        dirtyCount = 0;
        for (int i = 0; i < count; i++) {
            mark(i);
        }
    }

    /** Replica {@code i}'s load may have changed. */
    void mark(int i) {
        if (!marked[i]) {
            marked[i] = true;
            dirty[dirtyCount++] = i;
        }
    }

    /**
     * The least loaded of the replicas, ties going to the first at or after {@code from} in
     * cyclic order; -1 if there are none.
     */
    int least(int from, Router.Replicas replicas) {
        if (count == 0) {
            return -1;
        }
        for (int k = 0; k < dirtyCount; k++) {
            int i = dirty[k];
            marked[i] = false;
            set(i, replicas.outstanding(i));
        }
        dirtyCount = 0;
        long after = min(from, count);
        long before = min(0, from);
        return (int) ((before >>> 32) < (after >>> 32) ? before : after);
    }

    private void set(int i, int load) {
        int p = size + i;
        tree[p] = (long) load << 32 | i;
        for (p >>>= 1; p > 0; p >>>= 1) {
            tree[p] = Math.min(tree[2 * p], tree[2 * p + 1]);
        }
    }

    /** Smallest key among leaves {@code [lo, hi)}, or {@link Long#MAX_VALUE}. */
    private long min(int lo, int hi) {
        long m = Long.MAX_VALUE;
        for (int l = lo + size, h = hi + size; l < h; l >>>= 1, h >>>= 1) {
            if ((l & 1) == 1) {
                m = Math.min(m, tree[l++]);
            }
            if ((h & 1) == 1) {
                m = Math.min(m, tree[--h]);
            }
        }
        return m;
    }
}
