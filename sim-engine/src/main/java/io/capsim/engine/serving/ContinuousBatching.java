package io.capsim.engine.serving;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The {@code continuous-batching} replica engine: an LLM server scheduling at the level of
 * iterations, as vLLM's v1 scheduler ({@code vllm/v1/core/sched/scheduler.py}) and SGLang run.
 * Each step, in order:
 * <ol>
 *   <li>every decoding request decodes one token; a request whose KV grows past its last block
 *       takes a new block (blocks of {@code blockTokens}, as vLLM's paged cache); when no block is
 *       left, the newest running request is preempted: its blocks are freed and it goes back to the
 *       front of the waiting queue, to be recomputed (prompt plus the tokens it had generated) when
 *       admitted again, as vLLM does by default;
 *   <li>requests part way through their prefill get the next chunk of their prompt, within the
 *       step's token budget ({@code maxBatchedTokens}, decodes counted first);
 *   <li>if nothing was preempted, waiting requests are admitted first come first served while the
 *       batch has room ({@code concurrency} running), the budget has tokens and the KV cache has
 *       blocks for their first chunk.
 * </ol>
 * A request's prefill ends with its first token; each decode step adds one; it completes with
 * its last. The step's duration is {@link LlmCostModel#stepSeconds} of the step's aggregates
 * divided by the node's speed.
 *
 * <p>Cost: a step does not walk the decoding requests. They are kept as aggregates (their count,
 * their summed context, and their counts by context modulo the block size, which says how many
 * need a new block at each step) and in a heap by the step at which they finish; a step costs
 * O(prefill chunks + completions × log n), so a batch of 256 simulates as fast as a batch of 8.
 * A replica has one pending kernel event.
 *
 * <p>With {@link LlmSpec#prefixCaching()}, a request whose leading prompt blocks are in the
 * replica's {@link PrefixCache} starts its prefill after them (their KV is shared, not computed
 * again); the full prompt blocks it computes join the cache when its prefill ends.
 *
 * <p>Simplified: speculative decoding, swapping to CPU memory and priorities are not
 * modelled; a request that carries no token counts, or whose prompt and output can never fit the KV
 * cache, is refused on arrival (counted, as a server refuses a prompt beyond its maximum length).
 */
public final class ContinuousBatching extends ReplicaEngine {

    /** Registered name. */
    public static final String NAME = "continuous-batching";

    /** The factory. */
    public static final ReplicaEngineFactory FACTORY = new ReplicaEngineFactory() {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean keepsRequestState() {
            return true;
        }

        @Override
        public ReplicaEngine create(ServiceSpec spec, ReplicaHost host, double speed) {
            if (spec.llm() == null) {
                throw new IllegalArgumentException("service " + spec.name() + ": engine " + NAME + " needs an llm spec");
            }
            return new ContinuousBatching(host, speed, spec.llm(), spec.concurrency(), spec.queueCapacity());
        }
    };

    private static final int TOKENIZED = -2; // timer kind: the waiting head becomes admissible
    private static final int KICK = -3; // timer kind: an idle replica got work; plan once this instant's arrivals are in

    private final LlmSpec llm;
    private final LlmCostModel cost;
    private final LlmMeter meter;
    private final RequestTable table;
    private final int maxBatch;
    private final int queueCapacity;
    private final int block;
    private final long totalBlocks;
    private final IntFifo waiting = new IntFifo();
    private final PrefixCache cache; // null without prefix caching
    private final int prefixTokens; // tokens per prefix block

    private long freeBlocks;
    private long iteration; // steps completed

    // Running requests, one slot each (at most maxBatch slots).
    private int[] req = new int[8];
    private long[] target = new long[8]; // tokens to prefill: prompt + tokens generated before admission
    private long[] computed = new long[8]; // of those, computed so far
    private long[] blocks = new long[8]; // blocks held while prefilling
    private long[] kv0 = new long[8]; // decoding: KV tokens when decoding began
    private long[] t0 = new long[8]; // decoding: the step after which decoding began
    private long[] finish = new long[8]; // decoding: the step at which it completes
    private int[] heapPos = new int[8]; // decoding: its place in the heap; -1 while prefilling
    private int[] shared = new int[8]; // prefix-cache entries it references (its leading prompt blocks)
    private int[] prev = new int[8];
    private int[] next = new int[8]; // admission order, oldest first
    private int[] freeSlots = new int[8];
    private int freeTop;
    private int slotsMade;
    private int oldest = -1;
    private int newest = -1;
    private int running;

    // Decoding requests: a min-heap of slots by (finish step, slot), and aggregates.
    private int[] heap = new int[8];
    private int decoding;
    private long sumKv; // KV tokens of the decoding requests
    private final long[] byPhase; // decoding requests by (kv0 - t0 - 1) mod block: those of phase -t need a block at step t

    // Prefilling requests in admission order (few: each takes a share of the token budget).
    private int[] prefilling = new int[8];
    private int prefills;

    // The step in flight.
    private boolean stepping;
    private long stepTicks;
    private int stepDecodes;
    private int[] chunkSlot = new int[8];
    private long[] chunkTokens = new long[8];
    private int chunks;
    private int planPhase = -1; // the phase whose decodes took a block for the step being planned, or -1
    private boolean tokenTimer;
    private boolean kickTimer;

    ContinuousBatching(ReplicaHost host, double speed, LlmSpec llm, int maxBatch, int queueCapacity) {
        super(host, speed);
        if (!(speed > 0)) {
            throw new IllegalArgumentException("continuous batching needs speed > 0");
        }
        this.llm = llm;
        this.cost = llm.cost();
        this.meter = host.llm();
        this.table = host.requests();
        this.maxBatch = maxBatch;
        this.queueCapacity = queueCapacity;
        this.block = llm.blockTokens();
        this.totalBlocks = llm.kvCacheBlocks();
        this.freeBlocks = totalBlocks;
        this.byPhase = new long[block];
        this.prefixTokens = llm.prefixBlockTokens();
        this.cache = llm.prefixCaching() ? new PrefixCache(prefixTokens / block, totalBlocks) : null;
        meter.replicaChanged(host.sim().now(), totalBlocks);
    }

    @Override
    public int freeCapacity() {
        return Math.max(0, maxBatch - running - waiting.size());
    }

    /**
     * Aborts a request whose client left, as vLLM does on a disconnect: a waiting one leaves the
     * queue; a running one leaves the batch at once, its KV freed (a step in flight still takes its
     * time, but the request's share of it yields nothing).
     */
    @Override
    public int cancel(int id) {
        if (waiting.remove(id)) {
            host.queuedAtReplica(-1);
            boolean started = table.started(id); // preempted: it had started here
            table.replica(id, -1);
            resetProgress(id); // sent again, it starts over
            slotFreed();
            return started ? DROPPED_IN_SERVICE : DROPPED_WAITING;
        }
        int s = oldest;
        while (s >= 0 && req[s] != id) {
            s = next[s];
        }
        if (s < 0) {
            return KEPT; // not here
        }
        long now = host.sim().now();
        if (heapPos[s] >= 0) {
            // A decode in the step in flight took a block if the slot's phase is the step's.
            long t = iteration + 1;
            boolean inStep = stepping && Math.floorMod(kv0[s] - t0[s] - 1, block) == Math.floorMod(-t, block);
            if (stepping) {
                stepDecodes--; // its token of the step in flight is not produced
            }
            endDecoding(s);
            if (inStep) {
                freeKv(1);
            }
        } else {
            for (int k = 0; k < chunks; k++) {
                if (chunkSlot[k] == s) {
                    chunkTokens[k] = 0; // its chunk in the step in flight yields nothing
                    chunkSlot[k] = -1;
                }
            }
            removePrefilling(s);
            release(s, blocks[s]);
        }
        table.replica(id, -1);
        resetProgress(id);
        unlink(s, now);
        slotFreed();
        return DROPPED_IN_SERVICE;
    }

    @Override
    public int cachedPrefix(int id) {
        return cache == null ? 0 : cachedBlocks(id, table.inputTokens(id));
    }

    @Override
    public int outstanding() {
        return running + waiting.size();
    }

    @Override
    public boolean offer(int id) {
        if (!servable(id)) {
            return false; // the service counts it rejected
        }
        // queueCapacity bounds the requests waiting beyond the batch's free places (0: none wait).
        if (waiting.size() - Math.max(0, maxBatch - running) >= queueCapacity) {
            return false;
        }
        enqueue(id);
        return true;
    }

    @Override
    public void start(int id) {
        if (!servable(id)) {
            host.refused(id, this);
            slotFreed();
            return;
        }
        enqueue(id);
    }

    private boolean servable(int id) {
        long in = table.inputTokens(id);
        long out = table.outputTokens(id);
        if (in < 1 || out < 1 || !llm.fits(in, out)) {
            meter.refused(table.arrival(id));
            return false;
        }
        return true;
    }

    private void enqueue(int id) {
        waiting.add(id);
        host.queuedAtReplica(1);
        if (!stepping && !kickTimer) {
            // An idle server picks up everything that arrived at this instant before it schedules.
            kickTimer = true;
            host.schedule(0, KICK, this);
        }
    }

    @Override
    public void wake(int kind) {
        if (kind == TOKENIZED || kind == KICK) {
            if (kind == KICK) {
                kickTimer = false;
            } else {
                tokenTimer = false;
            }
            if (!stepping) {
                plan();
            }
            return;
        }
        long t = ++iteration; // stepping stays true until the next plan: requests arriving meanwhile wait
        planPhase = -1; // the step's blocks are now part of its requests' KV
        long now = host.sim().now();
        int firstTokens = 0;
        long prefilled = 0;
        // Decodes: each decoding request generated one token.
        sumKv += stepDecodes;
        while (decoding > 0 && finish[heap[0]] == t) {
            int s = heap[0];
            long out = table.outputTokens(req[s]);
            table.generated(req[s], out);
            endDecoding(s);
            complete(s, now);
        }
        // Prefill chunks: a finished prefill yields a token.
        for (int k = 0; k < chunks; k++) {
            int s = chunkSlot[k];
            if (s < 0) {
                continue; // cancelled during the step
            }
            computed[s] += chunkTokens[k];
            prefilled += chunkTokens[k];
            if (computed[s] < target[s]) {
                continue;
            }
            firstTokens++;
            removePrefilling(s);
            int id = req[s];
            long g = table.generated(id) + 1;
            table.generated(id, g);
            if (table.firstToken(id) < 0) {
                table.firstToken(id, now);
                meter.firstToken(table.arrival(id), now + llm.streamTicks());
            }
            if (cache != null) {
                cachePrompt(s, id);
            }
            long out = table.outputTokens(id);
            if (g >= out) {
                release(s, blocks[s]);
                complete(s, now);
            } else {
                beginDecoding(s, t, target[s], t + (out - g));
            }
        }
        meter.step(now, stepTicks, stepDecodes, firstTokens, prefilled);
        stepping = false;
        plan();
    }

    /** Plans the next step and sets its timer; idle if there is nothing to run. */
    private void plan() {
        long now = host.sim().now();
        long t = iteration + 1;
        boolean preempted = false;
        // 1. Decodes, with the blocks they need.
        int phase = Math.floorMod(-t, block);
        while (byPhase[phase] > freeBlocks) {
            preemptNewest(now);
            preempted = true;
        }
        freeKv(-byPhase[phase]);
        planPhase = phase;
        long tokens = 0; // prefill tokens; the decodes are added at the end (a preemption may still take some)
        int requests = 0;
        double pairs = 0;
        long budget = llm.maxBatchedTokens() - decoding;
        chunks = 0;
        // 2. Prefills under way, oldest first.
        for (int k = 0; k < prefills && budget > 0; k++) {
            int s = prefilling[k];
            long chunk = Math.min(target[s] - computed[s], budget);
            long need = ceilDiv(computed[s] + chunk, block) - blocks[s];
            boolean self = false;
            while (need > freeBlocks && !self) {
                self = newest == s;
                preemptNewest(now);
                preempted = true;
            }
            if (self) {
                break; // it was the newest: preempted itself, and nothing after it runs
            }
            take(s, chunk, need);
            tokens += chunk;
            budget -= chunk;
            pairs += LlmCostModel.prefillPairs(computed[s], chunk);
            requests++;
        }
        // 3. Admissions, first come first served.
        while (!preempted && running < maxBatch && budget > 0 && !waiting.isEmpty()) {
            int id = waiting.peek();
            boolean resumed = table.generated(id) > 0;
            long ready = table.arrival(id) + llm.tokenizeTicks();
            if (!resumed && ready > now) {
                if (tokens + decoding == 0 && !tokenTimer) {
                    tokenTimer = true;
                    host.schedule(ready - now, TOKENIZED, this);
                }
                break;
            }
            long whole = table.inputTokens(id) + table.generated(id);
            int hit = cache == null ? 0 : cachedBlocks(id, whole);
            long cached = (long) hit * prefixTokens; // a multiple of the block size
            long chunk = llm.chunkedPrefill() ? Math.min(whole - cached, budget) : whole - cached;
            if (chunk > budget && tokens + decoding > 0) {
                break; // unchunked: a prompt over the budget runs in a step of its own
            }
            long need = ceilDiv(chunk, block);
            long idleShared = hit == 0 ? 0 : cache.idle() * cache.unit(); // cached blocks no one holds: free now
            if (need + idleShared > freeBlocks) {
                break;
            }
            waiting.poll();
            host.queuedAtReplica(-1);
            int s = admit(id, whole, now);
            if (cache != null) {
                meter.prefixLookup(table.arrival(id), whole, cached);
                if (hit > 0) {
                    cache.acquire(table, id, hit);
                    freeKv(-idleShared);
                    shared[s] = hit;
                    computed[s] = cached;
                    blocks[s] = hit * cache.unit();
                }
            }
            take(s, chunk, need);
            tokens += chunk;
            budget -= chunk;
            pairs += LlmCostModel.prefillPairs(cached, chunk);
            requests++;
        }
        planPhase = -1;
        if (tokens + decoding == 0) {
            return; // idle until an arrival (or the waiting head is tokenized)
        }
        stepDecodes = decoding;
        double seconds = cost.stepSeconds(tokens + decoding, requests + decoding, pairs, decoding,
                decoding > 0 ? sumKv + decoding : 0);
        double ticks = Math.ceil(seconds * 1e9 / speed);
        stepTicks = ticks < 1 ? 1 : ticks >= 0x1p62 ? 1L << 62 : (long) ticks;
        stepping = true;
        host.schedule(stepTicks, -1, this);
    }

    /** Schedules a prefill chunk of slot {@code s} in this step, taking {@code need} blocks. */
    private void take(int s, long chunk, long need) {
        freeKv(-need);
        blocks[s] += need;
        if (chunks == chunkSlot.length) {
            chunkSlot = Arrays.copyOf(chunkSlot, chunks * 2);
            chunkTokens = Arrays.copyOf(chunkTokens, chunks * 2);
        }
        chunkSlot[chunks] = s;
        chunkTokens[chunks++] = chunk;
    }

    /** A waiting request joins the batch as the newest, with {@code whole} tokens to prefill. */
    private int admit(int id, long whole, long now) {
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

    private int newSlot() {
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
    private void beginDecoding(int s, long t, long kv, long end) {
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
    private long kvNow(int s) {
        return kv0[s] + (iteration - t0[s]);
    }

    /** Takes decoding slot {@code s} out of the aggregates and the heap, freeing its blocks. */
    private void endDecoding(int s) {
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

    /** The request of slot {@code s} has its last token now. */
    private void complete(int s, long now) {
        int id = req[s];
        unlink(s, now);
        long out = table.outputTokens(id);
        meter.completed(table.arrival(id), out, now - table.firstToken(id));
        table.replica(id, -1);
        host.completed(id, this, llm.streamTicks() + llm.detokenizeTicks());
        slotFreed();
    }

    /** One more request may be held: take the service queue's next, or report the room. */
    private void slotFreed() {
        int nextId = host.nextShared(this);
        if (nextId >= 0) {
            start(nextId);
        } else {
            host.freed(this);
        }
    }

    /** Preempts the newest running request: frees its KV; it waits at the front, to be recomputed. */
    private void preemptNewest(long now) {
        int s = newest;
        if (s < 0) {
            throw new IllegalStateException("KV cache exhausted with nothing running");
        }
        long lost;
        if (heapPos[s] >= 0) {
            lost = kvNow(s);
            endDecoding(s);
        } else { // never one given a chunk in the step being planned: those are older
            lost = computed[s];
            removePrefilling(s);
            release(s, blocks[s]);
        }
        int id = req[s];
        unlink(s, now);
        waiting.addFirst(id);
        host.queuedAtReplica(1);
        meter.preempted(now, lost);
    }

    private void unlink(int s, long now) {
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

    /**
     * Returns {@code n} blocks to the cache (negative: takes them). Free blocks include those of
     * unreferenced prefix-cache entries; taking blocks evicts such entries, least recently released
     * first, until the blocks taken are truly free.
     */
    private void freeKv(long n) {
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
    private void release(int s, long held) {
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
    private int cachedBlocks(int id, long whole) {
        long max = Math.min(table.prefixBlocks(id), Math.min(table.inputTokens(id), whole - 1) / prefixTokens);
        return max > 0 ? cache.match(table, id, (int) max) : 0;
    }

    /** Slot {@code s} finished its prefill: its full prompt blocks beyond those it shared join the cache. */
    private void cachePrompt(int s, int id) {
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

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Override
    public void drain(IntConsumer lostInService, IntConsumer lostQueued) {
        long now = host.sim().now();
        meter.replicaChanged(now, -totalBlocks);
        meter.kvChanged(now, -(totalBlocks - freeBlocks));
        meter.batchChanged(now, -running);
        for (int s = oldest; s >= 0; s = next[s]) {
            int id = req[s];
            table.replica(id, -1);
            resetProgress(id);
            lostInService.accept(id);
        }
        running = 0;
        loadChanged(now, 0);
        decoding = 0;
        prefills = 0;
        oldest = newest = -1;
        int q = waiting.size();
        host.queuedAtReplica(-q);
        while (!waiting.isEmpty()) {
            int id = waiting.poll();
            if (table.started(id)) { // preempted: it had started here; the host sees it in service
                resetProgress(id);
                lostInService.accept(id);
            } else {
                lostQueued.accept(id);
            }
        }
    }

    /** A request sent elsewhere starts over (its first-token time stays: the client saw it). */
    private void resetProgress(int id) {
        table.generated(id, 0);
        table.started(id, false);
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
