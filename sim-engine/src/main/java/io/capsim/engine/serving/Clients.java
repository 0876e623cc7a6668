package io.capsim.engine.serving;

import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.results.ClientResult;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The clients of one service ({@link ClientSpec}): each request's attempts, its timeout timer and
 * its retries. An attempt times out {@code timeout} after it was sent; the server then drops it if
 * it can ({@code onTimeout: cancel}, {@link ReplicaEngine#cancel}) or keeps serving it for nobody
 * (an orphan, its work wasted). A request whose attempt timed out, or was rejected for want of
 * room, is sent again after an exponential backoff with jitter while attempts remain; after the
 * last it is abandoned (or rejected). A retried request keeps its first arrival time, so its
 * latency is the client's, from the first attempt.
 *
 * <p>State per request id in primitive arrays beside the {@link RequestTable} (grown with it, so
 * a steady run allocates nothing); one timer event per attempt, cancelled when the request leaves.
 */
final class Clients {

    private static final byte ACTIVE = 0; // an attempt is out: queued or in service
    private static final byte ORPHAN = 1; // its client left; the server still holds it
    private static final byte BACKOFF = 2; // waiting to be sent again, held by no one

    private final Service service;
    private final ClientSpec spec;
    private final UniformRandomProvider rng;
    private final Simulator sim;
    private final RequestTable table;
    private final EventHandler onTimeout = this::timedOut;
    private final EventHandler onRetry = this::resend;

    private int[] attempt = new int[64];
    private byte[] state = new byte[64];
    private long[] seq = new long[64]; // the attempt's number among all, 0 once the request left
    private long[] timer = new long[64]; // its pending timer, or -1
    private ReplicaEngine[] holder = new ReplicaEngine[64]; // the replica holding it, or null
    private long attempts;

    private long timeouts;
    private long retries;
    private long abandoned;
    private long wasted;
    private long cancelled;

    Clients(Service service, ClientSpec spec, UniformRandomProvider rng) {
        if (spec.jitter() != ClientSpec.Jitter.NONE && rng == null) {
            throw new IllegalArgumentException("service " + service.name() + ": retry jitter needs a random stream");
        }
        this.service = service;
        this.spec = spec;
        this.rng = rng;
        this.sim = service.sim();
        this.table = service.requests();
        Arrays.fill(timer, -1);
    }

    private void grow(int id) {
        if (id < attempt.length) {
            return;
        }
        int n = Math.max(id + 1, attempt.length * 2);
        attempt = Arrays.copyOf(attempt, n);
        state = Arrays.copyOf(state, n);
        seq = Arrays.copyOf(seq, n);
        int from = timer.length;
        timer = Arrays.copyOf(timer, n);
        Arrays.fill(timer, from, n, -1);
        holder = Arrays.copyOf(holder, n);
    }

    /** Attempt {@code n} of request {@code id} is sent now (its timer starts). */
    void begin(int id, int n) {
        grow(id);
        attempt[id] = n;
        state[id] = ACTIVE;
        holder[id] = null;
        seq[id] = ++attempts;
        timer[id] = spec.timeoutTicks() > 0 ? sim.scheduleAfter(spec.timeoutTicks(), onTimeout, id, seq[id]) : -1;
    }

    /** Request {@code id} is now held by replica {@code e} (null: the service queue). */
    void heldBy(int id, ReplicaEngine e) {
        holder[id] = e;
    }

    /** True if request {@code id}'s client left while a server still held it. */
    boolean orphan(int id) {
        return state[id] == ORPHAN;
    }

    /** A server finished (or lost) an attempt nobody waited for. */
    void wasted(int id) {
        if (service.measured(id)) {
            wasted++;
        }
    }

    /** Request {@code id} leaves the service: its timer is cancelled. */
    void removed(int id) {
        if (timer[id] >= 0) {
            sim.cancel(timer[id]);
            timer[id] = -1;
        }
        seq[id] = 0;
        holder[id] = null;
    }

    /**
     * Request {@code id}, held by no one, failed its attempt (no room, or timed out and dropped): it
     * is sent again after a backoff if attempts remain.
     *
     * @return false if none remain (the caller rejects or abandons it)
     */
    boolean retryLater(int id) {
        if (attempt[id] >= spec.maxAttempts()) {
            return false;
        }
        if (timer[id] >= 0) {
            sim.cancel(timer[id]);
        }
        if (service.measured(id)) {
            retries++;
        }
        state[id] = BACKOFF;
        holder[id] = null;
        seq[id] = ++attempts;
        timer[id] = sim.scheduleAfter(backoff(attempt[id]), onRetry, id, seq[id]);
        return true;
    }

    /** The delay before the attempt after attempt {@code n}, jitter drawn, ns. */
    private long backoff(int n) {
        long d = spec.backoffTicks(n);
        if (d <= 0) {
            return 0;
        }
        return switch (spec.jitter()) {
            case NONE -> d;
            case FULL -> (long) (rng.nextDouble() * d);
            case EQUAL -> d / 2 + (long) (rng.nextDouble() * (d - d / 2));
        };
    }

    private void resend(int id, long s) {
        if (seq[id] != s || state[id] != BACKOFF) {
            return; // stale: cannot happen while timers are cancelled on leaving, kept as a guard
        }
        timer[id] = -1;
        begin(id, attempt[id] + 1);
        service.dispatch(id);
    }

    private void timedOut(int id, long s) {
        if (seq[id] != s || state[id] != ACTIVE) {
            return;
        }
        timer[id] = -1;
        boolean measured = service.measured(id);
        if (measured) {
            timeouts++;
        }
        boolean dropped = false;
        if (spec.onTimeout() == ClientSpec.OnTimeout.CANCEL) {
            ReplicaEngine e = holder[id];
            if (e == null) {
                dropped = service.leaveQueue(id);
            } else {
                int how = e.cancel(id);
                if (how != ReplicaEngine.KEPT) {
                    dropped = true;
                    service.droppedBy(e, id, how);
                    if (how == ReplicaEngine.DROPPED_IN_SERVICE && measured) {
                        wasted++;
                    }
                }
            }
            if (dropped && measured) {
                cancelled++;
            }
        }
        if (dropped) {
            holder[id] = null;
            if (!retryLater(id)) {
                if (measured) {
                    abandoned++;
                }
                service.remove(id);
            }
            return;
        }
        // The server keeps the attempt for nobody; the client's next attempt is a new request.
        state[id] = ORPHAN;
        if (attempt[id] >= spec.maxAttempts()) {
            if (measured) {
                abandoned++;
            }
            return;
        }
        int copy = service.copyForRetry(id);
        grow(copy);
        attempt[copy] = attempt[id];
        state[copy] = ACTIVE;
        retryLater(copy);
    }

    /** Requests abandoned so far (arrived in the window). */
    long abandoned() {
        return abandoned;
    }

    ClientResult result() {
        return new ClientResult(timeouts, retries, abandoned, wasted, cancelled);
    }
}
