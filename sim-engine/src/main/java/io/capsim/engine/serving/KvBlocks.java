package io.capsim.engine.serving;

/**
 * The KV cache of one {@link ContinuousBatching} replica, as vLLM's KV cache manager and block
 * pool keep it ({@code vllm/v1/core/kv_cache_manager.py}, {@code block_pool.py}): {@code
 * kvCacheBlocks} paged blocks of {@code blockTokens} tokens, how many are free (reported to the
 * service's {@link LlmMeter}), and with {@link LlmSpec#prefixCaching()} the replica's {@link
 * PrefixCache}. Free blocks include those of unreferenced prefix-cache entries; taking blocks
 * evicts such entries, least recently released first, until the blocks taken are truly free.
 *
 * <p>Requests are named by their id in the {@link RequestTable}; which blocks and entries a running
 * request holds is its slot's business ({@link RunningBatch}). Deterministic; allocates nothing
 * beyond its prefix cache.
 */
final class KvBlocks {

    private final ReplicaHost host;
    private final LlmMeter meter;
    private final RequestTable table;
    private final int block;
    private final long totalBlocks;
    private final PrefixCache cache; // null without prefix caching
    private final int prefixTokens; // tokens per prefix block
    private long freeBlocks;

    /** All blocks free; the service's meter counts this replica's blocks from now. */
    KvBlocks(ReplicaHost host, LlmSpec llm) {
        this.host = host;
        this.meter = host.llm();
        this.table = host.requests();
        this.block = llm.blockTokens();
        this.totalBlocks = llm.kvCacheBlocks();
        this.freeBlocks = totalBlocks;
        this.prefixTokens = llm.prefixBlockTokens();
        this.cache = llm.prefixCaching() ? new PrefixCache(prefixTokens / block, totalBlocks) : null;
        meter.replicaChanged(host.sim().now(), totalBlocks);
    }

    /** Free blocks, those of unreferenced prefix-cache entries included. */
    long free() {
        return freeBlocks;
    }

    /** Blocks that hold {@code tokens} tokens. */
    long blocksFor(long tokens) {
        return (tokens + block - 1) / block;
    }

    /** Takes {@code n} blocks (negative: returns them). */
    void take(long n) {
        give(-n);
    }

    /**
     * Returns {@code n} blocks (negative: takes them, evicting unreferenced prefix-cache entries
     * until the blocks taken are truly free).
     *
     * @throws IllegalStateException if the free count leaves [0, total]
     */
    void give(long n) {
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
     * Request {@code id}, holding {@code held} blocks of which {@code entries} prefix-cache entries
     * are shared, gives them up: its own blocks are freed, its entries released (free once no
     * request holds them).
     */
    void release(int id, int entries, long held) {
        if (entries == 0) {
            give(held);
            return;
        }
        int unheld = cache.release(table, id, entries);
        give(held - entries * cache.unit() + unheld * cache.unit());
    }

    /** True with prefix caching. */
    boolean caching() {
        return cache != null;
    }

    /**
     * Leading prompt blocks of request {@code id} the prefix cache holds (0 without prefix
     * caching), at most the prompt's full blocks and leaving at least one token of the {@code
     * whole} to compute (its logits give the next token), as vLLM limits a hit.
     */
    int cachedBlocks(int id, long whole) {
        if (cache == null) {
            return 0;
        }
        long max = Math.min(table.prefixBlocks(id), Math.min(table.inputTokens(id), whole - 1) / prefixTokens);
        return max > 0 ? cache.match(table, id, (int) max) : 0;
    }

    /** Tokens of {@code entries} prefix blocks: a multiple of the block size. */
    long prefixTokens(int entries) {
        return (long) entries * prefixTokens;
    }

    /** Of the entries the last {@link #cachedBlocks} found, the blocks no one holds: free until shared. */
    long idleBlocks() {
        return cache.idle() * cache.unit();
    }

    /**
     * Request {@code id} shares the first {@code entries} prefix-cache entries the last {@link
     * #cachedBlocks} found, {@code idle} of whose blocks were free; returns the blocks it now holds.
     */
    long share(int id, int entries, long idle) {
        cache.acquire(table, id, entries);
        take(idle);
        return entries * cache.unit();
    }

    /**
     * Request {@code id}, which shares its first {@code from} prefix blocks, finished its prefill:
     * its full prompt blocks beyond those join the cache. Returns the entries it now references.
     */
    int cachePrompt(int id, int from) {
        int to = (int) Math.min(table.prefixBlocks(id), table.inputTokens(id) / prefixTokens);
        if (to <= from) {
            return from;
        }
        int present = cache.insert(table, id, from, to);
        // Blocks cached by another request meanwhile: this request's copies are freed (those no one
        // held were free already, and are now held).
        give((long) (present - cache.idleTaken()) * cache.unit());
        return to;
    }

    /** The replica is gone: the meter stops counting its blocks. */
    void drained(long now) {
        meter.replicaChanged(now, -totalBlocks);
        meter.kvChanged(now, -(totalBlocks - freeBlocks));
    }
}
