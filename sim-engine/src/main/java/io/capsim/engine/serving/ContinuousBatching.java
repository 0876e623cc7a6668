package io.capsim.engine.serving;

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
 * <p>This class holds the waiting queue and decides what each step runs; the running requests are
 * a {@link RunningBatch} and the KV cache a {@link KvBlocks}. A step does not walk the decoding
 * requests: a {@link DecodingSet} keeps them as aggregates and in a heap by the step at which they
 * finish, so a step costs O(prefill chunks + completions × log n), and a batch of 256 simulates as
 * fast as a batch of 8. A replica has one pending kernel event.
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
    private final WaitingQueue waiting;
    private final KvBlocks kv;
    private final RunningBatch batch;
    private final DecodingSet decode; // the batch's

    private long iteration; // steps completed

    // The step in flight (its prefill chunks are the batch's).
    private boolean stepping;
    private long stepTicks;
    private int stepDecodes;
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
        this.waiting = new WaitingQueue(host);
        this.kv = new KvBlocks(host, llm);
        this.batch = new RunningBatch(kv, llm.blockTokens());
        this.decode = batch.decode;
    }

    @Override
    public int freeCapacity() {
        return Math.max(0, maxBatch - batch.running() - waiting.size());
    }

    /**
     * Aborts a request whose client left, as vLLM does on a disconnect: a waiting one leaves the
     * queue; a running one leaves the batch at once, its KV freed (a step in flight still takes its
     * time, but the request's share of it yields nothing).
     */
    @Override
    public int cancel(int id) {
        if (waiting.remove(id)) {
            boolean started = table.started(id); // preempted: it had started here
            table.replica(id, -1);
            resetProgress(id); // sent again, it starts over
            slotFreed();
            return started ? DROPPED_IN_SERVICE : DROPPED_WAITING;
        }
        int s = batch.find(id);
        if (s < 0) {
            return KEPT; // not here
        }
        if (batch.leave(s, iteration, stepping) && stepping) {
            stepDecodes--; // its token of the step in flight is not produced
        }
        table.replica(id, -1);
        resetProgress(id);
        remove(s, host.sim().now());
        slotFreed();
        return DROPPED_IN_SERVICE;
    }

    @Override
    public int cachedPrefix(int id) {
        return kv.cachedBlocks(id, table.inputTokens(id));
    }

    @Override
    public int outstanding() {
        return batch.running() + waiting.size();
    }

    @Override
    public boolean offer(int id) {
        if (!servable(id)) {
            return false; // the service counts it rejected
        }
        // queueCapacity bounds the requests waiting beyond the batch's free places (0: none wait).
        if (waiting.size() - Math.max(0, maxBatch - batch.running()) >= queueCapacity) {
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
        long now = host.sim().now();
        int firstTokens = 0;
        long prefilled = 0;
        // Decodes: each decoding request generated one token.
        decode.stepped(stepDecodes);
        for (int s; (s = decode.finishing(t)) >= 0; ) {
            long out = table.outputTokens(batch.req(s));
            table.generated(batch.req(s), out);
            batch.stop(s, iteration, -1);
            complete(s, now);
        }
        // Prefill chunks: a finished prefill yields a token.
        for (int k = 0; k < batch.chunks(); k++) {
            prefilled += batch.chunkTokens(k); // 0 for a request that left
            int s = batch.chunkRan(k);
            if (s < 0) {
                continue; // left during the step, or its prefill goes on
            }
            firstTokens++;
            int id = batch.req(s);
            long g = table.generated(id) + 1;
            table.generated(id, g);
            if (table.firstToken(id) < 0) {
                table.firstToken(id, now);
                meter.firstToken(table.arrival(id), now + llm.streamTicks());
            }
            batch.promptComputed(s);
            long out = table.outputTokens(id);
            if (g >= out) {
                batch.releasePrefill(s);
                complete(s, now);
            } else {
                batch.startDecoding(s, t, t + (out - g));
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
        int phase = decode.phaseOf(t);
        while (decode.needing(phase) > kv.free()) {
            preemptNewest(now, -1);
            preempted = true;
        }
        kv.take(decode.needing(phase)); // from here, a preempted decode of this phase gives its block back
        long tokens = 0; // prefill tokens; the decodes are added at the end (a preemption may still take some)
        int requests = 0;
        double pairs = 0;
        long budget = llm.maxBatchedTokens() - decode.count();
        batch.clearChunks();
        // 2. Prefills under way, oldest first.
        for (int k = 0; k < batch.prefills() && budget > 0; k++) {
            int s = batch.prefilling(k);
            long computed = batch.computed(s);
            long chunk = Math.min(batch.target(s) - computed, budget);
            long need = kv.blocksFor(computed + chunk) - batch.blocks(s);
            boolean self = false;
            while (need > kv.free() && !self) {
                self = batch.newest() == s;
                preemptNewest(now, phase);
                preempted = true;
            }
            if (self) {
                break; // it was the newest: preempted itself, and nothing after it runs
            }
            batch.take(s, chunk, need);
            tokens += chunk;
            budget -= chunk;
            pairs += LlmCostModel.prefillPairs(computed, chunk);
            requests++;
        }
        // 3. Admissions, first come first served.
        while (!preempted && batch.running() < maxBatch && budget > 0 && !waiting.isEmpty()) {
            int id = waiting.peek();
            boolean resumed = table.generated(id) > 0;
            long ready = table.arrival(id) + llm.tokenizeTicks();
            if (!resumed && ready > now) {
                if (tokens + decode.count() == 0 && !tokenTimer) {
                    tokenTimer = true;
                    host.schedule(ready - now, TOKENIZED, this);
                }
                break;
            }
            long whole = table.inputTokens(id) + table.generated(id);
            int hit = kv.cachedBlocks(id, whole);
            long cached = kv.prefixTokens(hit); // a multiple of the block size
            long chunk = llm.chunkedPrefill() ? Math.min(whole - cached, budget) : whole - cached;
            if (chunk > budget && tokens + decode.count() > 0) {
                break; // unchunked: a prompt over the budget runs in a step of its own
            }
            long need = kv.blocksFor(chunk);
            long idleShared = hit == 0 ? 0 : kv.idleBlocks(); // cached blocks no one holds: free now
            if (need + idleShared > kv.free()) {
                break;
            }
            waiting.poll();
            int s = admit(id, whole, now);
            if (kv.caching()) {
                meter.prefixLookup(table.arrival(id), whole, cached);
                if (hit > 0) {
                    batch.share(s, hit, idleShared, cached);
                }
            }
            batch.take(s, chunk, need);
            tokens += chunk;
            budget -= chunk;
            pairs += LlmCostModel.prefillPairs(cached, chunk);
            requests++;
        }
        int decoding = decode.count();
        if (tokens + decoding == 0) {
            return; // idle until an arrival (or the waiting head is tokenized)
        }
        stepDecodes = decoding;
        double seconds = cost.stepSeconds(tokens + decoding, requests + decoding, pairs, decoding,
                decoding > 0 ? decode.sumKv() + decoding : 0);
        double ticks = Math.ceil(seconds * 1e9 / speed);
        stepTicks = ticks < 1 ? 1 : ticks >= 0x1p62 ? 1L << 62 : (long) ticks;
        stepping = true;
        host.schedule(stepTicks, -1, this);
    }

    /** A waiting request joins the batch as the newest, with {@code whole} tokens to prefill. */
    private int admit(int id, long whole, long now) {
        int s = batch.admit(id, whole);
        meter.batchChanged(now, 1);
        loadChanged(now, batch.running());
        if (!table.started(id)) {
            table.started(id, true);
            table.replica(id, serial);
            host.started(id, this);
        }
        return s;
    }

    /** The request of slot {@code s}, its KV given back, has its last token now. */
    private void complete(int s, long now) {
        int id = batch.req(s);
        remove(s, now);
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

    /**
     * Preempts the newest running request: frees its KV (with the block a decode of phase {@code
     * plannedPhase} took for the step being planned; -1: none); it waits at the front, to be recomputed.
     */
    private void preemptNewest(long now, int plannedPhase) {
        int s = batch.newest();
        if (s < 0) {
            throw new IllegalStateException("KV cache exhausted with nothing running");
        }
        // A prefilling one was never given a chunk in the step being planned: those are older.
        long lost = batch.stop(s, iteration, plannedPhase);
        int id = batch.req(s);
        remove(s, now);
        waiting.addFirst(id);
        meter.preempted(now, lost);
    }

    /** Slot {@code s}, its KV given back, leaves the batch. */
    private void remove(int s, long now) {
        batch.remove(s);
        meter.batchChanged(now, -1);
        loadChanged(now, batch.running());
    }

    @Override
    public void drain(IntConsumer lostInService, IntConsumer lostQueued) {
        long now = host.sim().now();
        kv.drained(now);
        meter.batchChanged(now, -batch.running());
        batch.drain(id -> {
            table.replica(id, -1);
            resetProgress(id);
            lostInService.accept(id);
        });
        loadChanged(now, 0);
        waiting.drain(table, id -> { // preempted: it had started here; the host sees it in service
            resetProgress(id);
            lostInService.accept(id);
        }, lostQueued);
    }

    /** A request sent elsewhere starts over (its first-token time stays: the client saw it). */
    private void resetProgress(int id) {
        table.generated(id, 0);
        table.started(id, false);
    }
}
