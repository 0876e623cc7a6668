package io.capsim.engine.serving;

import java.util.Arrays;

/**
 * What {@link ContinuousBatching} keeps of its running requests and its KV cache: one slot per
 * running request (its prefill target and progress, the blocks it holds, its place in admission
 * order), the decoding requests as aggregates and a heap by the step at which each finishes, the
 * prefilling ones in admission order, and the free blocks (with the prefix cache's shared ones).
 * The engine's schedule (what each step runs, admissions, preemption, the step's timer) is in
 * {@link ContinuousBatching}, a subclass: the step loop reads these arrays on every step, and as
 * fields of the same object they cost no indirection (a split into separate objects cost the LLM
 * step loop 8-12%, {@code docs/PERFORMANCE.md}).
 */
abstract class BatchSlots extends ReplicaEngine {

    final LlmSpec llm;
    final LlmMeter meter;
    final RequestTable table;
    final int block;
    final long totalBlocks;
    final PrefixCache cache; // null without prefix caching
    final int prefixTokens; // tokens per prefix block

    long freeBlocks;
    long iteration; // steps completed

    // Running requests, one slot each (at most maxBatch slots).
    int[] req = new int[8];
    long[] target = new long[8]; // tokens to prefill: prompt + tokens generated before admission
    long[] computed = new long[8]; // of those, computed so far
    long[] blocks = new long[8]; // blocks held while prefilling
    long[] kv0 = new long[8]; // decoding: KV tokens when decoding began
    long[] t0 = new long[8]; // decoding: the step after which decoding began
    long[] finish = new long[8]; // decoding: the step at which it completes
    int[] heapPos = new int[8]; // decoding: its place in the heap; -1 while prefilling
    int[] shared = new int[8]; // prefix-cache entries it references (its leading prompt blocks)
    int[] prev = new int[8];
    int[] next = new int[8]; // admission order, oldest first
    int[] freeSlots = new int[8];
    int freeTop;
    int slotsMade;
    int oldest = -1;
    int newest = -1;
    int running;

    // Decoding requests: a min-heap of slots by (finish step, slot), and aggregates.
    int[] heap = new int[8];
    int decoding;
    long sumKv; // KV tokens of the decoding requests
    final long[] byPhase; // decoding requests by (kv0 - t0 - 1) mod block: those of phase -t need a block at step t

    // Prefilling requests in admission order (few: each takes a share of the token budget).
    int[] prefilling = new int[8];
    int prefills;

    int planPhase = -1; // the phase whose decodes took a block for the step being planned, or -1

    BatchSlots(ReplicaHost host, double speed, LlmSpec llm) {
        super(host, speed);
        if (!(speed > 0)) {
            throw new IllegalArgumentException("continuous batching needs speed > 0");
        }
        this.llm = llm;
        this.meter = host.llm();
        this.table = host.requests();
        this.block = llm.blockTokens();
        this.totalBlocks = llm.kvCacheBlocks();
        this.freeBlocks = totalBlocks;
        this.byPhase = new long[block];
        this.prefixTokens = llm.prefixBlockTokens();
        this.cache = llm.prefixCaching() ? new PrefixCache(prefixTokens / block, totalBlocks) : null;
        meter.replicaChanged(host.sim().now(), totalBlocks);
    }

    /** A waiting request joins the batch as the newest, with {@code whole} tokens to prefill. */
    final int admit(int id, long whole, long now) {
        int s = freeTop > 0 ? freeSlots[--freeTop] : newSlot();
        req[s] = id;
        target[s] = whole;
        computed[s] = 0;
        blocks[s] = 0;
        shared[s] = 0;
        heapPos[s] = -1;
        prev[s] = newest;
        next[s] = -1;
        if (newest >= 0) {
            next[newest] = s;
        } else {
            oldest = s;
        }
        newest = s;
        running++;
        meter.batchChanged(now, 1);
        loadChanged(now, running);
        if (prefills == prefilling.length) {
            prefilling = Arrays.copyOf(prefilling, prefills * 2);
        }
        prefilling[prefills++] = s;
        if (!table.started(id)) {
            table.started(id, true);
            table.replica(id, serial);
            host.started(id, this);
        }
        return s;
    }

    final int newSlot() {
        int s = slotsMade++;
        if (s == req.length) {
            int m = s * 2;
            req = Arrays.copyOf(req, m);
            target = Arrays.copyOf(target, m);
            computed = Arrays.copyOf(computed, m);
            blocks = Arrays.copyOf(blocks, m);
            kv0 = Arrays.copyOf(kv0, m);
            t0 = Arrays.copyOf(t0, m);
            finish = Arrays.copyOf(finish, m);
            heapPos = Arrays.copyOf(heapPos, m);
            shared = Arrays.copyOf(shared, m);
            prev = Arrays.copyOf(prev, m);
            next = Arrays.copyOf(next, m);
            freeSlots = Arrays.copyOf(freeSlots, m);
            heap = Arrays.copyOf(heap, m);
        }
        return s;
    }

    /** Slot {@code s} finished its prefill after step {@code t} with {@code kv} tokens cached; it completes at step {@code end}. */
    final void beginDecoding(int s, long t, long kv, long end) {
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

    /** KV tokens of decoding slot {@code s} now (after step {@code iteration}). */
    final long kvNow(int s) {
        return kv0[s] + (iteration - t0[s]);
    }

    /** Takes decoding slot {@code s} out of the aggregates and the heap, freeing its blocks. */
    final void endDecoding(int s) {
        long kv = kvNow(s);
        sumKv -= kv;
        int phase = Math.floorMod(kv0[s] - t0[s] - 1, block);
        byPhase[phase]--;
        // Preempted while a step is planned: it gives back the block taken for that step's decode too.
        release(s, ceilDiv(kv, block) + (phase == planPhase ? 1 : 0));
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
    }

    final void unlink(int s, long now) {
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
        meter.batchChanged(now, -1);
        loadChanged(now, running);
        freeSlots[freeTop++] = s;
    }

    final void removePrefilling(int s) {
        for (int k = 0; k < prefills; k++) {
            if (prefilling[k] == s) {
                System.arraycopy(prefilling, k + 1, prefilling, k, prefills - k - 1);
                prefills--;
                return;
            }
        }
        throw new IllegalStateException("slot " + s + " is not prefilling");
    }

    /**
     * Returns {@code n} blocks to the cache (negative: takes them). Free blocks include those of
     * unreferenced prefix-cache entries; taking blocks evicts such entries, least recently released
     * first, until the blocks taken are truly free.
     */
    final void freeKv(long n) {
        if (n != 0) {
            freeBlocks += n;
            if (freeBlocks < 0 || freeBlocks > totalBlocks) {
                throw new IllegalStateException("KV blocks out of range: " + freeBlocks + " free of " + totalBlocks);
            }
            meter.kvChanged(host.sim().now(), -n);
            if (n < 0 && cache != null) {
                while (freeBlocks < cache.evictable()) {
                    cache.evictOne();
                    meter.prefixEvicted(host.sim().now());
                }
            }
        }
    }

    /**
     * Slot {@code s}, holding {@code held} blocks (its shared prefix blocks included), gives them up:
     * its own blocks are freed, its prefix-cache entries released (free once no request holds them).
     */
    final void release(int s, long held) {
        int n = shared[s];
        if (n == 0) {
            freeKv(held);
            return;
        }
        shared[s] = 0;
        int unheld = cache.release(table, req[s], n);
        freeKv(held - n * cache.unit() + unheld * cache.unit());
    }

    /**
     * Leading prompt blocks of request {@code id} the prefix cache holds, at most the prompt's full
     * blocks and leaving at least one token of the {@code whole} to compute (its logits give the
     * next token), as vLLM limits a hit.
     */
    final int cachedBlocks(int id, long whole) {
        long max = Math.min(table.prefixBlocks(id), Math.min(table.inputTokens(id), whole - 1) / prefixTokens);
        return max > 0 ? cache.match(table, id, (int) max) : 0;
    }

    /** Slot {@code s} finished its prefill: its full prompt blocks beyond those it shared join the cache. */
    final void cachePrompt(int s, int id) {
        int to = (int) Math.min(table.prefixBlocks(id), table.inputTokens(id) / prefixTokens);
        int from = shared[s];
        if (to <= from) {
            return;
        }
        int present = cache.insert(table, id, from, to);
        shared[s] = to;
        // Blocks cached by another request meanwhile: this request's copies are freed (those no one
        // held were free already, and are now held).
        freeKv((long) (present - cache.idleTaken()) * cache.unit());
    }

    /** A request sent elsewhere starts over (its first-token time stays: the client saw it). */
    final void resetProgress(int id) {
        table.generated(id, 0);
        table.started(id, false);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    // ---- the heap of decoding slots by (finish step, slot) ----

    final boolean less(int a, int b) {
        return finish[a] < finish[b] || (finish[a] == finish[b] && a < b);
    }

    final void siftUp(int i) {
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

    final void siftDown(int i) {
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
