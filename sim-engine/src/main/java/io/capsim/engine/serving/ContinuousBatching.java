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
 * A replica has one pending kernel event. The slots, the heap and the KV blocks are kept by
 * {@link BatchSlots}, the superclass; this class schedules the steps.
 *
 * <p>With {@link LlmSpec#prefixCaching()}, a request whose leading prompt blocks are in the
 * replica's {@link PrefixCache} starts its prefill after them (their KV is shared, not computed
 * again); the full prompt blocks it computes join the cache when its prefill ends.
 *
 * <p>Simplified: speculative decoding, swapping to CPU memory and priorities are not
 * modelled; a request that carries no token counts, or whose prompt and output can never fit the KV
 * cache, is refused on arrival (counted, as a server refuses a prompt beyond its maximum length).
 */
public final class ContinuousBatching extends BatchSlots {

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

    private final LlmCostModel cost;
    private final int maxBatch;
    private final int queueCapacity;
    private final IntFifo waiting = new IntFifo();

    // The step in flight.
    private boolean stepping;
    private long stepTicks;
    private int stepDecodes;
    private int[] chunkSlot = new int[8];
    private long[] chunkTokens = new long[8];
    private int chunks;
    private boolean tokenTimer;
    private boolean kickTimer;

    ContinuousBatching(ReplicaHost host, double speed, LlmSpec llm, int maxBatch, int queueCapacity) {
        super(host, speed, llm);
        this.cost = llm.cost();
        this.maxBatch = maxBatch;
        this.queueCapacity = queueCapacity;
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
}
