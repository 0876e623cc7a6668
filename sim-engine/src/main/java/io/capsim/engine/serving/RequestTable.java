package io.capsim.engine.serving;

import io.capsim.engine.workload.ArrivalCursor;
import java.util.Arrays;

/**
 * The requests of one service in flight (waiting or in service), as rows of one primitive array
 * (a request's fields side by side, so touching a request touches one cache line) indexed by a
 * request id that is reused once the request leaves, last freed first. A request keeps the attributes
 * it arrived with (its own demand, token counts) until a replica engine uses them, and costs no
 * object. Memory follows the requests in flight, not the requests that passed through.
 */
public final class RequestTable {

    // A row: arrival, work, input tokens, output tokens, the replica serving it (-1: none), and what
    // an LLM engine keeps across preemptions: tokens generated, when the first came (-1: not yet),
    // whether it has started service (0 or 1).
    private static final int ARRIVAL = 0;
    private static final int WORK = 1;
    private static final int IN = 2;
    private static final int OUT = 3;
    private static final int REPLICA = 4;
    private static final int GENERATED = 5;
    private static final int FIRST_TOKEN = 6;
    private static final int STARTED = 7;
    private static final int ROW = 8; // a power of two: a row is one 64-byte line when aligned

    private long[] rows = unserved(new long[64 * ROW], 0);
    // Prefix-cache block ids by request id, kept beside the rows (only services that use them fill
    // them): each id's array is reused by the next request given that id, so a steady run allocates
    // nothing here.
    private long[][] prefix;
    private int[] prefixLength;
    private int[] free = new int[64];
    private int freeTop;
    private int used;
    private final boolean engineState; // rows carry an engine's per-request state, cleared on add

    /** A table whose rows carry an LLM engine's per-request state (generated, first token, started). */
    public RequestTable() {
        this(true);
    }

    /**
     * A table; without {@code engineState} the engine-state columns (generated, first token,
     * started) are not cleared for a new request, and the engine must not use them.
     */
    public RequestTable(boolean engineState) {
        this.engineState = engineState;
    }

    /**
     * A new request.
     *
     * @param arrivalTicks when it arrived
     * @param workTicks its own demand, or -1 (none)
     * @param in prompt tokens, or -1
     * @param out output tokens, or -1
     * @return its id
     */
    public int add(long arrivalTicks, long workTicks, long in, long out) {
        int id;
        if (freeTop > 0) {
            id = free[--freeTop];
        } else {
            if (used == free.length) {
                grow();
            }
            id = used++;
        }
        long[] r = rows;
        int o = id * ROW;
        r[o + ARRIVAL] = arrivalTicks;
        r[o + WORK] = workTicks;
        r[o + IN] = in;
        r[o + OUT] = out;
        if (engineState) {
            r[o + GENERATED] = 0;
            r[o + FIRST_TOKEN] = -1;
            r[o + STARTED] = 0;
        } // REPLICA is -1 already: set so when the row was made or last freed
        return id;
    }

    private void grow() {
        int m = free.length * 2;
        rows = unserved(Arrays.copyOf(rows, m * ROW), free.length);
        free = Arrays.copyOf(free, m);
    }

    /**
     * Records the prefix-cache block ids the arrival {@code c} carries ({@link
     * ArrivalCursor#prefixBlocks()}; none when it carries none or is null) for request {@code id}.
     */
    public void prefix(int id, ArrivalCursor c) {
        if (prefix == null || prefix.length < free.length) {
            prefix = prefix == null ? new long[free.length][] : Arrays.copyOf(prefix, free.length);
            prefixLength = prefixLength == null ? new int[free.length] : Arrays.copyOf(prefixLength, free.length);
        }
        int n = c == null ? 0 : Math.max(0, c.prefixBlocks());
        long[] a = prefix[id];
        if (a == null || a.length < n) {
            a = prefix[id] = new long[Math.max(16, Integer.highestOneBit(Math.max(1, n - 1)) << 1)];
        }
        for (int i = 0; i < n; i++) {
            a[i] = c.prefixBlock(i);
        }
        prefixLength[id] = n;
    }

    /**
     * A new request with the arrival, demand, token counts and prefix blocks of request {@code id}
     * (a client's next attempt while a server still holds the last one).
     *
     * @return its id
     */
    public int copy(int id) {
        int c = add(arrival(id), work(id), inputTokens(id), outputTokens(id));
        int n = prefixBlocks(id);
        if (n > 0 || (prefixLength != null && c < prefixLength.length)) {
            if (prefix.length <= c) {
                prefix = Arrays.copyOf(prefix, free.length);
                prefixLength = Arrays.copyOf(prefixLength, free.length);
            }
            long[] a = prefix[c];
            if (a == null || a.length < n) {
                a = prefix[c] = new long[Math.max(16, n)];
            }
            if (n > 0) {
                System.arraycopy(prefix[id], 0, a, 0, n);
            }
            prefixLength[c] = n;
        }
        return c;
    }

    /** Prefix-cache blocks recorded for request {@code id} (0 if none were). */
    public int prefixBlocks(int id) {
        return prefixLength == null || id >= prefixLength.length ? 0 : prefixLength[id];
    }

    /** The id of prefix block {@code i} of request {@code id}, {@code 0 <= i < prefixBlocks(id)}. */
    public long prefixBlock(int id, int i) {
        return prefix[id][i];
    }

    /** Marks rows {@code from} on as served by no replica. */
    private static long[] unserved(long[] rows, int from) {
        for (int o = from * ROW + REPLICA; o < rows.length; o += ROW) {
            rows[o] = -1;
        }
        return rows;
    }

    /** The request leaves; its id may be reused. */
    public void remove(int id) {
        rows[id * ROW + REPLICA] = -1;
        free[freeTop++] = id;
    }

    /**
     * The requests in service on the replica with serial {@code r} (marked so by {@link #replica(int,
     * int)} when they started), in id order. A scan of the table, for the rare loss of a replica.
     */
    public int[] inService(int r) {
        int[] out = new int[8];
        int n = 0;
        for (int id = 0; id < used; id++) {
            int o = id * ROW;
            if (rows[o + REPLICA] == r) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = id;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Requests in flight. */
    public int live() {
        return used - freeTop;
    }

    /** Arrival time, ticks. */
    public long arrival(int id) {
        return rows[id * ROW + ARRIVAL];
    }

    /** Its own demand, ticks, or -1. */
    public long work(int id) {
        return rows[id * ROW + WORK];
    }

    /** Prompt tokens, or -1. */
    public long inputTokens(int id) {
        return rows[id * ROW + IN];
    }

    /** Output tokens, or -1. */
    public long outputTokens(int id) {
        return rows[id * ROW + OUT];
    }

    /** The replica (serial) serving the request, or -1 (set by engines when a request starts). */
    public int replica(int id) {
        return (int) rows[id * ROW + REPLICA];
    }

    /** Sets the replica. */
    public void replica(int id, int r) {
        rows[id * ROW + REPLICA] = r;
    }

    /** Output tokens generated so far (by an LLM engine). */
    public long generated(int id) {
        return rows[id * ROW + GENERATED];
    }

    /** Sets the output tokens generated so far. */
    public void generated(int id, long tokens) {
        rows[id * ROW + GENERATED] = tokens;
    }

    /** When the first output token was generated, ticks, or -1. */
    public long firstToken(int id) {
        return rows[id * ROW + FIRST_TOKEN];
    }

    /** Sets when the first output token was generated. */
    public void firstToken(int id, long ticks) {
        rows[id * ROW + FIRST_TOKEN] = ticks;
    }

    /** True once an engine has reported the request's start of service. */
    public boolean started(int id) {
        return rows[id * ROW + STARTED] != 0;
    }

    /** Marks the request started (or not). */
    public void started(int id, boolean started) {
        rows[id * ROW + STARTED] = started ? 1 : 0;
    }
}
