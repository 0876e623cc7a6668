package io.capsim.engine.serving;

import java.util.Arrays;

/**
 * The prefix cache of one {@code continuous-batching} replica, as vLLM's automatic prefix caching
 * ({@code vllm/v1/core/kv_cache_manager.py}, {@code block_pool.py}) and SGLang's radix cache keep
 * it: a computed block of a prompt, named by its prefix block id (equal ids mean an equal prompt up
 * to the end of the block, as Mooncake's {@code hash_ids}), stays in KV memory after its request
 * ends and is reused by a later request whose prompt starts with the same blocks.
 *
 * <p>An entry is one prefix block, {@code unit} KV blocks of the paged cache. Entries referenced by
 * running requests are pinned; unreferenced ones count as free KV memory and are evicted, least
 * recently released first, when the engine needs their blocks. A request releases its blocks last
 * first, so the tail of a prompt is evicted before its head (vLLM frees in reverse order for the
 * same reason). A lookup matches the longest run of leading blocks present: a block whose
 * predecessor was evicted is not used.
 *
 * <p>Cost: an open-addressing map from block id to entry (linear probing, backward-shift deletion)
 * and a doubly linked LRU list in primitive arrays; each operation is O(blocks of the prompt) and
 * allocates nothing once the arrays have grown.
 */
final class PrefixCache {

    private final long unit;
    private final int capacity;
    // The map: block id -> entry, -1 empty.
    private long[] keys;
    private int[] vals;
    private int mask;
    // Entries.
    private long[] id = new long[64];
    private int[] refs = new int[64];
    private int[] older = new int[64]; // LRU neighbours of an unreferenced entry
    private int[] newer = new int[64];
    private int[] spare = new int[64];
    private int spareTop;
    private int made;
    private int lruOldest = -1;
    private int lruNewest = -1;
    private long evictable;
    private int idle;
    private int idleTaken;
    private long evictions;

    /**
     * A cache whose entries are {@code unitBlocks} KV blocks each, in a KV cache of {@code
     * totalBlocks}: at most {@code totalBlocks / unitBlocks} entries.
     */
    PrefixCache(long unitBlocks, long totalBlocks) {
        if (unitBlocks < 1) {
            throw new IllegalArgumentException("unitBlocks " + unitBlocks + " < 1");
        }
        this.unit = unitBlocks;
        this.capacity = (int) Math.min(Integer.MAX_VALUE / 4, totalBlocks / unitBlocks);
        int slots = Integer.highestOneBit(Math.max(8, capacity) * 2 - 1) << 1;
        keys = new long[slots];
        vals = new int[slots];
        Arrays.fill(vals, -1);
        mask = slots - 1;
    }

    /** KV blocks of one entry. */
    long unit() {
        return unit;
    }

    /** KV blocks held by unreferenced entries: free, but evicted when needed. */
    long evictable() {
        return evictable;
    }

    /** Entries evicted so far. */
    long evictions() {
        return evictions;
    }

    /** Of the blocks the last {@link #match} found, those no request referenced. */
    int idle() {
        return idle;
    }

    /** Of the blocks the last {@link #insert} found present, those no request referenced. */
    int idleTaken() {
        return idleTaken;
    }

    /**
     * How many of the first {@code max} prefix blocks of request {@code req} are cached, leading
     * blocks only; sets {@link #idle()}. Changes nothing.
     */
    int match(RequestTable t, int req, int max) {
        int n = 0;
        int unused = 0;
        for (; n < max; n++) {
            int e = find(t.prefixBlock(req, n));
            if (e < 0) {
                break;
            }
            if (refs[e] == 0) {
                unused++;
            }
        }
        idle = unused;
        return n;
    }

    /** Request {@code req} uses its first {@code n} prefix blocks, all cached ({@link #match}). */
    void acquire(RequestTable t, int req, int n) {
        for (int i = 0; i < n; i++) {
            ref(find(t.prefixBlock(req, i)));
        }
    }

    /**
     * Request {@code req} computed its prefix blocks {@code from .. to-1}: each joins the cache,
     * referenced by the request; sets {@link #idleTaken()}.
     *
     * @return how many were cached already (by another request), whose KV the request gives back
     */
    int insert(RequestTable t, int req, int from, int to) {
        int present = 0;
        int unused = 0;
        for (int i = from; i < to; i++) {
            long h = t.prefixBlock(req, i);
            int e = find(h);
            if (e >= 0) {
                present++;
                if (refs[e] == 0) {
                    unused++;
                }
                ref(e);
            } else {
                put(h, newEntry(h));
            }
        }
        idleTaken = unused;
        return present;
    }

    /**
     * Request {@code req} no longer uses its first {@code n} prefix blocks; released last first.
     *
     * @return how many are no longer referenced by any request (now evictable)
     */
    int release(RequestTable t, int req, int n) {
        int freed = 0;
        for (int i = n - 1; i >= 0; i--) {
            int e = find(t.prefixBlock(req, i));
            if (e < 0 || refs[e] <= 0) {
                throw new IllegalStateException("prefix block " + t.prefixBlock(req, i) + " released but not held");
            }
            if (--refs[e] == 0) {
                // Appended as the newest: evicted after every block released before it.
                older[e] = lruNewest;
                newer[e] = -1;
                if (lruNewest >= 0) {
                    newer[lruNewest] = e;
                } else {
                    lruOldest = e;
                }
                lruNewest = e;
                evictable += unit;
                freed++;
            }
        }
        return freed;
    }

    /** Evicts the least recently released unreferenced entry; false if there is none. */
    boolean evictOne() {
        int e = lruOldest;
        if (e < 0) {
            return false;
        }
        unlinkLru(e);
        evictable -= unit;
        remove(id[e]);
        spare[spareTop++] = e;
        evictions++;
        return true;
    }

    private void ref(int e) {
        if (refs[e]++ == 0) {
            unlinkLru(e);
            evictable -= unit;
        }
    }

    private void unlinkLru(int e) {
        if (older[e] >= 0) {
            newer[older[e]] = newer[e];
        } else {
            lruOldest = newer[e];
        }
        if (newer[e] >= 0) {
            older[newer[e]] = older[e];
        } else {
            lruNewest = older[e];
        }
    }

    private int newEntry(long h) {
        int e;
        if (spareTop > 0) {
            e = spare[--spareTop];
        } else {
            if (made >= capacity) {
                throw new IllegalStateException("prefix cache over its " + capacity + " entries");
            }
            e = made++;
            if (e == id.length) {
                int m = e * 2;
                id = Arrays.copyOf(id, m);
                refs = Arrays.copyOf(refs, m);
                older = Arrays.copyOf(older, m);
                newer = Arrays.copyOf(newer, m);
                spare = Arrays.copyOf(spare, m);
            }
        }
        id[e] = h;
        refs[e] = 1;
        return e;
    }

    // ---- the map ----

    private static int mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    private int find(long h) {
        for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
            int v = vals[i];
            if (v < 0) {
                return -1;
            }
            if (keys[i] == h) {
                return v;
            }
        }
    }

    private void put(long h, int e) {
        int i = mix(h) & mask;
        while (vals[i] >= 0) {
            i = (i + 1) & mask;
        }
        keys[i] = h;
        vals[i] = e;
    }

    private void remove(long h) {
        int i = mix(h) & mask;
        while (keys[i] != h || vals[i] < 0) {
            i = (i + 1) & mask;
        }
        // Backward-shift deletion (Knuth 6.4, Algorithm R): move later members of the run back.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (vals[j] < 0) {
                break;
            }
            int home = mix(keys[j]) & mask;
            // Move j to i if its home is not cyclically within (i, j].
            if (i <= j ? (home <= i || home > j) : (home <= i && home > j)) {
                keys[i] = keys[j];
                vals[i] = vals[j];
                i = j;
            }
        }
        vals[i] = -1;
    }
}
