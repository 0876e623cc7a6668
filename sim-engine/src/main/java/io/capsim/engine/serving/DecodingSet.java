package io.capsim.engine.serving;

import java.util.Arrays;

/**
 * The decoding requests of one {@link ContinuousBatching} replica, kept so that a step does not
 * walk them: their count, their summed KV tokens, their counts by phase, and a min-heap of their
 * slots by (finish step, slot). A slot (the engine's index of a running request) that began
 * decoding with {@code kv0} KV tokens after step {@code t0} holds {@code kv0 + (t - t0)} after
 * step {@code t}; its phase, {@code (kv0 - t0 - 1) mod blockTokens}, says at which steps its KV
 * grows past its last block: those of phase {@code -t mod blockTokens} take a new block at step
 * {@code t}.
 *
 * <p>Cost: adding and removing a slot are O(log n); the aggregates are O(1); nothing is allocated
 * once the arrays have grown to the engine's slot count.
 */
final class DecodingSet {

    private final int block;
    private long[] kv0 = new long[8]; // KV tokens when decoding began
    private long[] t0 = new long[8]; // the step after which decoding began
    private long[] finish = new long[8]; // the step at which it completes
    private int[] heapPos = new int[8]; // its place in the heap; -1 while not decoding
    private int[] heap = new int[8];
    private int decoding;
    private long sumKv; // KV tokens of the decoding requests
    private final long[] byPhase; // decoding requests by phase

    /** An empty set for KV blocks of {@code blockTokens} tokens (at least 1). */
    DecodingSet(int blockTokens) {
        this.block = blockTokens;
        this.byPhase = new long[blockTokens];
    }

    /** Makes room for slots {@code 0 .. slots - 1}. */
    void grow(int slots) {
        if (slots > heap.length) {
            kv0 = Arrays.copyOf(kv0, slots);
            t0 = Arrays.copyOf(t0, slots);
            finish = Arrays.copyOf(finish, slots);
            heapPos = Arrays.copyOf(heapPos, slots);
            heap = Arrays.copyOf(heap, slots);
        }
    }

    /** Decoding requests. */
    int count() {
        return decoding;
    }

    /** Their summed KV tokens, as of the last {@link #stepped}. */
    long sumKv() {
        return sumKv;
    }

    /** True if slot {@code s} is decoding. */
    boolean has(int s) {
        return heapPos[s] >= 0;
    }

    /** Slot {@code s} now holds a request that is not decoding. */
    void absent(int s) {
        heapPos[s] = -1;
    }

    /** The phase whose decoding requests take a new KV block at step {@code t}. */
    int phaseOf(long t) {
        return Math.floorMod(-t, block);
    }

    /** The phase of decoding slot {@code s}. */
    int phase(int s) {
        return Math.floorMod(kv0[s] - t0[s] - 1, block);
    }

    /** Decoding requests of phase {@code phase}: those taking a new block at its steps. */
    long needing(int phase) {
        return byPhase[phase];
    }

    /** A step ran with {@code decodes} decoding requests: each has one more KV token. */
    void stepped(int decodes) {
        sumKv += decodes;
    }

    /** A decoding slot that completes at step {@code t}, or -1 if none is left. */
    int finishing(long t) {
        return decoding > 0 && finish[heap[0]] == t ? heap[0] : -1;
    }

    /** KV tokens of decoding slot {@code s} after step {@code iteration}. */
    long kv(int s, long iteration) {
        return kv0[s] + (iteration - t0[s]);
    }

    /** Slot {@code s} finished its prefill after step {@code t} with {@code kv} tokens cached; it completes at step {@code end}. */
    void add(int s, long t, long kv, long end) {
        kv0[s] = kv;
        t0[s] = t;
        finish[s] = end;
        sumKv += kv;
        byPhase[Math.floorMod(kv - t - 1, block)]++;
        int i = decoding++;
        heapPos[s] = i;
        heap[i] = s;
        siftUp(i);
    }

    /** Takes decoding slot {@code s} out of the aggregates and the heap; returns its KV tokens after step {@code iteration}. */
    long remove(int s, long iteration) {
        long kv = kv(s, iteration);
        sumKv -= kv;
        byPhase[phase(s)]--;
        int i = heapPos[s];
        int last = --decoding;
        if (i != last) {
            int m = heap[last];
            heap[i] = m;
            heapPos[m] = i;
            siftDown(i);
            siftUp(heapPos[m]);
        }
        heapPos[s] = -1;
        return kv;
    }

    /** Forgets every decoding request (the replica is gone). */
    void clear() {
        decoding = 0;
    }

    // ---- the heap of decoding slots by (finish step, slot) ----

    private boolean less(int a, int b) {
        return finish[a] < finish[b] || (finish[a] == finish[b] && a < b);
    }

    private void siftUp(int i) {
        int s = heap[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!less(s, heap[p])) {
                break;
            }
            heap[i] = heap[p];
            heapPos[heap[i]] = i;
            i = p;
        }
        heap[i] = s;
        heapPos[s] = i;
    }

    private void siftDown(int i) {
        int s = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= decoding) {
                break;
            }
            if (c + 1 < decoding && less(heap[c + 1], heap[c])) {
                c++;
            }
            if (!less(heap[c], s)) {
                break;
            }
            heap[i] = heap[c];
            heapPos[heap[i]] = i;
            i = c;
        }
        heap[i] = s;
        heapPos[s] = i;
    }
}
