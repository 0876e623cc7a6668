package io.capsim.engine.serving;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The running requests of one {@link ContinuousBatching} replica, one slot each: the request, its
 * prefill progress, the KV blocks and prefix-cache entries it holds, the admission order (oldest
 * to newest: the newest is the one preempted), the slots still prefilling, the prefill chunks of
 * the step in flight, and the {@link DecodingSet} of the slots decoding. The engine decides what
 * runs; this class keeps the slots consistent and gives a slot's KV back to the {@link KvBlocks}
 * when it stops.
 *
 * <p>Cost: O(1) per operation except {@link #find} (O(running)) and taking a slot off the
 * prefilling list (O(prefilling), a few). Slots are reused; nothing is allocated once the arrays
 * have grown to the batch size.
 */
final class RunningBatch {

    /** The slots decoding. */
    final DecodingSet decode;
    private final KvBlocks kv;

    // Per slot.
    private int[] req = new int[8];
    private long[] target = new long[8]; // tokens to prefill: prompt + tokens generated before admission
    private long[] computed = new long[8]; // of those, computed so far
    private long[] blocks = new long[8]; // blocks held while prefilling
    private int[] shared = new int[8]; // prefix-cache entries it references (its leading prompt blocks)
    private int[] prev = new int[8];
    private int[] next = new int[8]; // admission order, oldest first
    private int[] freeSlots = new int[8];
    private int freeTop;
    private int slotsMade;
    private int oldest = -1;
    private int newest = -1;
    private int running;

    // Prefilling slots in admission order (few: each takes a share of the token budget).
    private int[] prefilling = new int[8];
    private int prefills;

    // The prefill chunks of the step in flight: slot (-1: cancelled) and tokens.
    private int[] chunkSlot = new int[8];
    private long[] chunkTokens = new long[8];
    private int chunks;

    /** An empty batch whose KV lives in {@code kv} (blocks of {@code blockTokens} tokens). */
    RunningBatch(KvBlocks kv, int blockTokens) {
        this.kv = kv;
        this.decode = new DecodingSet(blockTokens);
    }

    /** Running requests. */
    int running() {
        return running;
    }

    /** The request of slot {@code s}. */
    int req(int s) {
        return req[s];
    }

    /** Tokens slot {@code s} prefills: its prompt and the tokens generated before its admission. */
    long target(int s) {
        return target[s];
    }

    /** Of those, the tokens computed so far. */
    long computed(int s) {
        return computed[s];
    }

    /** Blocks prefilling slot {@code s} holds. */
    long blocks(int s) {
        return blocks[s];
    }

    /** The newest slot, or -1. */
    int newest() {
        return newest;
    }

    /** The slot running request {@code id}, or -1. */
    int find(int id) {
        int s = oldest;
        while (s >= 0 && req[s] != id) {
            s = next[s];
        }
        return s;
    }

    /** Slots prefilling. */
    int prefills() {
        return prefills;
    }

    /** The {@code k}-th prefilling slot, oldest first. */
    int prefilling(int k) {
        return prefilling[k];
    }

    /** Request {@code id} joins as the newest, prefilling, with {@code whole} tokens to prefill; returns its slot. */
    int admit(int id, long whole) {
        int s = freeTop > 0 ? freeSlots[--freeTop] : newSlot();
        req[s] = id;
        target[s] = whole;
        computed[s] = 0;
        blocks[s] = 0;
        shared[s] = 0;
        decode.absent(s);
        prev[s] = newest;
        next[s] = -1;
        if (newest >= 0) {
            next[newest] = s;
        } else {
            oldest = s;
        }
        newest = s;
        running++;
        if (prefills == prefilling.length) {
            prefilling = Arrays.copyOf(prefilling, prefills * 2);
        }
        prefilling[prefills++] = s;
        return s;
    }

    private int newSlot() {
        int s = slotsMade++;
        if (s == req.length) {
            int m = s * 2;
            req = Arrays.copyOf(req, m);
            target = Arrays.copyOf(target, m);
            computed = Arrays.copyOf(computed, m);
            blocks = Arrays.copyOf(blocks, m);
            shared = Arrays.copyOf(shared, m);
            prev = Arrays.copyOf(prev, m);
            next = Arrays.copyOf(next, m);
            freeSlots = Arrays.copyOf(freeSlots, m);
            decode.grow(m);
        }
        return s;
    }

    /**
     * Just admitted slot {@code s} shares its first {@code entries} prefix blocks ({@code tokens}
     * tokens) from the prefix cache, {@code idle} of whose blocks no one held; its prefill starts
     * after them.
     */
    void share(int s, int entries, long idle, long tokens) {
        blocks[s] = kv.share(req[s], entries, idle);
        shared[s] = entries;
        computed[s] = tokens;
    }

    /** Starts planning a step: no chunks yet. */
    void clearChunks() {
        chunks = 0;
    }

    /** Schedules a prefill chunk of slot {@code s} in the step being planned, taking {@code need} blocks. */
    void take(int s, long chunk, long need) {
        kv.take(need);
        blocks[s] += need;
        if (chunks == chunkSlot.length) {
            chunkSlot = Arrays.copyOf(chunkSlot, chunks * 2);
            chunkTokens = Arrays.copyOf(chunkTokens, chunks * 2);
        }
        chunkSlot[chunks] = s;
        chunkTokens[chunks++] = chunk;
    }

    /** Prefill chunks of the step in flight. */
    int chunks() {
        return chunks;
    }

    /** Tokens of chunk {@code k} (0 if its request left). */
    long chunkTokens(int k) {
        return chunkTokens[k];
    }

    /**
     * Chunk {@code k} of the step in flight ran: its slot's prefill progresses. Returns the slot if
     * its prefill is complete (it leaves the prefilling list), else -1 (also for a chunk whose
     * request left).
     */
    int chunkRan(int k) {
        int s = chunkSlot[k];
        if (s < 0) {
            return -1;
        }
        computed[s] += chunkTokens[k];
        if (computed[s] < target[s]) {
            return -1;
        }
        removePrefilling(s);
        return s;
    }

    /**
     * Slot {@code s} stops at once, {@code stepping} or not, after step {@code iteration}: its KV is
     * given back, with the block its decode took for the step in flight; its prefill chunk in that
     * step yields nothing. It stays linked (see {@link #remove}). Returns true if it was decoding.
     */
    boolean leave(int s, long iteration, boolean stepping) {
        if (decode.has(s)) {
            // A decode in the step in flight took a block if the slot's phase is the step's.
            boolean inStep = stepping && decode.phase(s) == decode.phaseOf(iteration + 1);
            stop(s, iteration, -1);
            if (inStep) {
                kv.give(1);
            }
            return true;
        }
        for (int k = 0; k < chunks; k++) {
            if (chunkSlot[k] == s) {
                chunkTokens[k] = 0;
                chunkSlot[k] = -1;
            }
        }
        stop(s, iteration, -1);
        return false;
    }

    /** Slot {@code s} computed its prompt: with prefix caching, its full prompt blocks join the cache. */
    void promptComputed(int s) {
        if (kv.caching()) {
            shared[s] = kv.cachePrompt(req[s], shared[s]);
        }
    }

    /** Slot {@code s}, its prefill done after step {@code t}, decodes until step {@code end}. */
    void startDecoding(int s, long t, long end) {
        decode.add(s, t, target[s], end);
    }

    /**
     * Slot {@code s} stops: its KV is given back and it leaves the prefilling list or the decoding
     * set (it stays linked: see {@link #remove}). A decoding slot of phase {@code plannedPhase}
     * gives back the block taken for its decode in the step being planned too (-1: none planned).
     * Returns the KV tokens it had, after step {@code iteration} if it was decoding.
     */
    long stop(int s, long iteration, int plannedPhase) {
        if (!decode.has(s)) {
            removePrefilling(s);
            releasePrefill(s);
            return computed[s];
        }
        boolean planned = decode.phase(s) == plannedPhase;
        long tokens = decode.remove(s, iteration);
        // Preempted while a step is planned: it gives back the block taken for that step's decode too.
        release(s, kv.blocksFor(tokens) + (planned ? 1 : 0));
        return tokens;
    }

    /** Prefilling slot {@code s}, off the prefilling list, gives back its blocks and prefix-cache entries. */
    void releasePrefill(int s) {
        release(s, blocks[s]);
    }

    private void release(int s, long held) {
        int n = shared[s];
        shared[s] = 0;
        kv.release(req[s], n, held);
    }

    /** Slot {@code s}, holding nothing now, leaves the batch; its slot is free for reuse. */
    void remove(int s) {
        if (prev[s] >= 0) {
            next[prev[s]] = next[s];
        } else {
            oldest = next[s];
        }
        if (next[s] >= 0) {
            prev[next[s]] = prev[s];
        } else {
            newest = prev[s];
        }
        running--;
        freeSlots[freeTop++] = s;
    }

    /**
     * Hands every running request to {@code lost}, oldest first, and forgets them (the replica is
     * gone; their KV is not given back).
     */
    void drain(IntConsumer lost) {
        for (int s = oldest; s >= 0; s = next[s]) {
            lost.accept(req[s]);
        }
        running = 0;
        decode.clear();
        prefills = 0;
        oldest = newest = -1;
    }

    private void removePrefilling(int s) {
        for (int k = 0; k < prefills; k++) {
            if (prefilling[k] == s) {
                System.arraycopy(prefilling, k + 1, prefilling, k, prefills - k - 1);
                prefills--;
                return;
            }
        }
        throw new IllegalStateException("slot " + s + " is not prefilling");
    }
}
