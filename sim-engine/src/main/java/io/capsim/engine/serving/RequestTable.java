package io.capsim.engine.serving;

import java.util.Arrays;

/**
 * The requests of one service in flight (waiting or in service), as parallel primitive arrays
 * indexed by a request id that is reused once the request leaves. A request keeps the attributes
 * it arrived with (its own demand, token counts) until a replica engine uses them, and costs no
 * object. Memory follows the requests in flight, not the requests that passed through.
 */
public final class RequestTable {

    private long[] arrival = new long[64];
    private long[] work = new long[64];
    private long[] inputTokens = new long[64];
    private long[] outputTokens = new long[64];
    private long[] handle = filled(64);
    private int[] replica = new int[64];
    private int[] free = new int[64];
    private int freeTop;
    private int used;
    private int live;

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
            if (used == arrival.length) {
                grow();
            }
            id = used++;
        }
        arrival[id] = arrivalTicks;
        work[id] = workTicks;
        inputTokens[id] = in;
        outputTokens[id] = out;
        live++;
        return id;
    }

    private void grow() {
        int m = arrival.length * 2;
        arrival = Arrays.copyOf(arrival, m);
        work = Arrays.copyOf(work, m);
        inputTokens = Arrays.copyOf(inputTokens, m);
        outputTokens = Arrays.copyOf(outputTokens, m);
        long[] h = filled(m);
        System.arraycopy(handle, 0, h, 0, handle.length);
        handle = h;
        replica = Arrays.copyOf(replica, m);
        free = Arrays.copyOf(free, m);
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** The request leaves; its id may be reused. */
    public void remove(int id) {
        handle[id] = -1;
        free[freeTop++] = id;
        live--;
    }

    /**
     * The requests in service on the replica with serial {@code r}: those with a pending event whose replica is
     * {@code r}, in id order. A scan of the table, for the rare loss of a replica.
     */
    public int[] inService(int r) {
        int[] out = new int[8];
        int n = 0;
        for (int id = 0; id < used; id++) {
            if (handle[id] != -1 && replica[id] == r) {
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
        return live;
    }

    /** Arrival time, ticks. */
    public long arrival(int id) {
        return arrival[id];
    }

    /** Its own demand, ticks, or -1. */
    public long work(int id) {
        return work[id];
    }

    /** Prompt tokens, or -1. */
    public long inputTokens(int id) {
        return inputTokens[id];
    }

    /** Output tokens, or -1. */
    public long outputTokens(int id) {
        return outputTokens[id];
    }

    /** Kernel handle of the request's pending event (its completion), or -1 when it has none. */
    public long handle(int id) {
        return handle[id];
    }

    /** Sets the pending event's handle. */
    public void handle(int id, long h) {
        handle[id] = h;
    }

    /** The replica (service-local index) serving or holding the request, or -1 (set by engines that track it). */
    public int replica(int id) {
        return replica[id];
    }

    /** Sets the replica. */
    public void replica(int id, int r) {
        replica[id] = r;
    }
}
