package io.capsim.engine.serving;

import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.Counts;
import io.capsim.engine.random.Distributions;
import io.capsim.engine.random.DurationDistribution;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.LatencyRecorder;
import io.capsim.engine.results.SessionResult;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The agent sessions of a run (closed-loop traffic, {@link SessionSpec}): each arrival of a session
 * stream starts a session whose calls are requests to services, each sent when the previous one's
 * answer has reached the client ({@link Service.Caller}) plus a think time, so slower serving delays
 * every later call.
 *
 * <p>A session is a tree of at most two levels of <em>chains</em>: the supervisor's chain, and the
 * sub-agents' chains a fan-out starts. A chain sends its calls one after another; after a supervisor
 * call that is not its last, the session fans out (with the fan-out's probability) to {@code width}
 * sub-agents, which send their first calls at once; the supervisor waits for the last of them to end
 * (the join) and then, after its think time, sends its next call. A call that is rejected or fails
 * fails the session: no chain of it sends another call, and it is counted failed once every call in
 * flight has left. The first call of a session takes the sizes its arrival carries (a trace's token
 * counts), the others draw them.
 *
 * <p>Chains are rows of primitive arrays, reused once a chain ends; a call is one kernel event and
 * a tagged request, so nothing is allocated per call. Randomness: stream {@code sessions/<name>/x}
 * for each drawn quantity {@code x} ({@code calls}, {@code think}, {@code work}, {@code inputTokens},
 * {@code outputTokens}; {@code agent/...} for the sub-agents; {@code fan-out} for the coin and width).
 */
public final class Sessions implements EventHandler, Service.Caller {

    private static final int CALL = 0;
    private static final int ANSWER = 1;

    private static final byte FAILED = 1;
    private static final byte MEASURED = 2;

    private final Simulator sim;
    private final long measureFrom;
    private final List<Stream> streams = new ArrayList<>();

    // Chains: a row per chain in flight.
    private int[] streamOf = new int[64];
    private int[] parent = new int[64]; // the supervisor's chain, or -1 for a supervisor
    private int[] left = new int[64]; // calls still to send
    private int[] pending = new int[64]; // sub-agents not yet ended (a supervisor waiting at a join)
    private int[] calls = new int[64]; // calls the session has sent (on the supervisor's row)
    private long[] start = new long[64]; // when the session started (on the supervisor's row)
    private byte[] flags = new byte[64]; // FAILED, MEASURED (on the supervisor's row)
    private int[] free = new int[64];
    private int freeTop;
    private int used;

    /**
     * @param measureFromTicks sessions starting from then on are measured
     */
    public Sessions(Simulator sim, long measureFromTicks) {
        this.sim = sim;
        this.measureFrom = measureFromTicks;
    }

    /**
     * Adds a session stream and tells its services to report to this.
     *
     * @param services the run's services by name; the spec's must be among them
     * @return what the stream's arrival feed hands each arrival to
     */
    public ArrivalFeed.Sink add(SessionSpec spec, Map<String, Service> services, RandomStreams random) {
        String base = "sessions/" + spec.name() + "/";
        Role main = new Role(spec.main(), services, random, base);
        SessionSpec.FanOut f = spec.fanOut();
        Role agent = f == null ? null : new Role(f.agent(), services, random, base + "agent/");
        UniformRandomProvider fan = random.stream(base + "fan-out");
        Stream s = new Stream(spec, main, agent, f == null ? null : f.width().create(fan), fan,
                f == null ? 0 : f.probability());
        int index = streams.size();
        streams.add(s);
        main.service.caller(this);
        if (agent != null) {
            agent.service.caller(this);
        }
        return a -> start(index, a);
    }

    /** The chain-sending part of a session: its service and what it draws. */
    private static final class Role {
        final Service service;
        final Counts calls;
        final DurationDistribution think;
        final DurationDistribution work;
        final Counts input;
        final Counts output;

        Role(SessionSpec.Chain c, Map<String, Service> services, RandomStreams random, String base) {
            service = services.get(c.service());
            if (service == null) {
                throw new IllegalArgumentException("sessions " + base + ": unknown service " + c.service());
            }
            calls = c.calls().create(random.stream(base + "calls"));
            think = c.thinkTime() == null ? null : Distributions.create(c.thinkTime(), random.stream(base + "think"));
            work = c.work() == null ? null : Distributions.create(c.work(), random.stream(base + "work"));
            input = c.inputTokens() == null ? null : c.inputTokens().create(random.stream(base + "inputTokens"));
            output = c.outputTokens() == null ? null : c.outputTokens().create(random.stream(base + "outputTokens"));
        }

        long thinkTicks() {
            return think == null ? 0 : think.sampleTicks();
        }

        int callsInChain() {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, calls.sample()));
        }
    }

    /** One session stream and what its measured sessions did. */
    private static final class Stream {
        final SessionSpec spec;
        final Role main;
        final Role agent;
        final Counts width;
        final UniformRandomProvider coin;
        final double probability;
        long started;
        long completed;
        long failed;
        long calls;
        long agentCalls;
        long fanOuts;
        double callsSum;
        final LatencyRecorder completion = new LatencyRecorder();
        final Histogram callsPerSession = new Histogram(1, 1L << 40, 3);

        Stream(SessionSpec spec, Role main, Role agent, Counts width, UniformRandomProvider coin, double probability) {
            this.spec = spec;
            this.main = main;
            this.agent = agent;
            this.width = width;
            this.coin = coin;
            this.probability = probability;
        }
    }

    // ---- the life of a session ----

    private void start(int stream, ArrivalCursor arrival) {
        long now = sim.now();
        Stream s = streams.get(stream);
        int c = newChain(stream, -1, s.main.callsInChain());
        start[c] = now;
        calls[c] = 0;
        flags[c] = now >= measureFrom ? MEASURED : 0;
        if (now >= measureFrom) {
            s.started++;
        }
        send(c, arrival.workTicks(), arrival.inputTokens(), arrival.outputTokens());
    }

    /** The chain sends its next call now, with the given sizes where not negative, else drawn ones. */
    private void send(int c, long work, long in, long out) {
        Stream s = streams.get(streamOf[c]);
        boolean supervisor = parent[c] < 0;
        Role r = supervisor ? s.main : s.agent;
        int root = supervisor ? c : parent[c];
        left[c]--;
        calls[root]++;
        if ((flags[root] & MEASURED) != 0) {
            s.calls++;
            if (!supervisor) {
                s.agentCalls++;
            }
        }
        long w = work >= 0 ? work : r.work == null ? -1 : r.work.sampleTicks();
        long i = in >= 0 ? in : r.input == null ? -1 : r.input.sample();
        long o = out >= 0 ? out : r.output == null ? -1 : r.output.sample();
        r.service.call(c, w, i, o);
    }

    @Override
    public void left(int chain, boolean answered, long delayTicks) {
        int root = parent[chain] < 0 ? chain : parent[chain];
        if (!answered) {
            flags[root] |= FAILED;
        }
        sim.scheduleAfter(delayTicks, this, ANSWER, chain); // the answer reaches the client then
    }

    @Override
    public void handle(int kind, long arg) {
        int c = (int) arg;
        if (kind == CALL) {
            send(c, -1, -1, -1);
        } else {
            answered(c);
        }
    }

    /** The chain's call has been answered (or has failed) at the client, now. */
    private void answered(int c) {
        int root = parent[c] < 0 ? c : parent[c];
        if ((flags[root] & FAILED) != 0 || left[c] == 0) {
            end(c);
            return;
        }
        Stream s = streams.get(streamOf[c]);
        if (c == root && s.agent != null && (s.probability >= 1 || s.coin.nextDouble() < s.probability)) {
            long w = s.width.sample();
            if (w > 0) {
                if ((flags[root] & MEASURED) != 0) {
                    s.fanOuts++;
                }
                int sent = 0;
                // Children end in later events only, so the join count is set after the loop; a
                // child refused at once fails the session, and no further child is sent.
                while (sent < w && (flags[root] & FAILED) == 0) {
                    send(newChain(streamOf[c], c, s.agent.callsInChain()), -1, -1, -1);
                    sent++;
                }
                pending[c] = sent;
                return;
            }
        }
        Role r = c == root ? s.main : s.agent;
        sim.scheduleAfter(r.thinkTicks(), this, CALL, c);
    }

    /** The chain has sent its last call and that call has left. */
    private void end(int c) {
        int p = parent[c];
        if (p >= 0) {
            freeChain(c);
            if (--pending[p] == 0) { // the join: the last sub-agent has ended
                if ((flags[p] & FAILED) != 0) {
                    end(p);
                } else {
                    sim.scheduleAfter(streams.get(streamOf[p]).main.thinkTicks(), this, CALL, p);
                }
            }
            return;
        }
        if ((flags[c] & MEASURED) != 0) {
            Stream s = streams.get(streamOf[c]);
            if ((flags[c] & FAILED) != 0) {
                s.failed++;
            } else {
                s.completed++;
                s.completion.recordTicks(sim.now() - start[c]);
                s.callsPerSession.recordValue(calls[c]);
                s.callsSum += calls[c];
            }
        }
        freeChain(c);
    }

    private int newChain(int stream, int parentChain, int callsInChain) {
        int c;
        if (freeTop > 0) {
            c = free[--freeTop];
        } else {
            if (used == streamOf.length) {
                grow();
            }
            c = used++;
        }
        streamOf[c] = stream;
        parent[c] = parentChain;
        left[c] = callsInChain;
        pending[c] = 0;
        return c;
    }

    private void freeChain(int c) {
        free[freeTop++] = c;
    }

    private void grow() {
        int n = streamOf.length * 2;
        streamOf = Arrays.copyOf(streamOf, n);
        parent = Arrays.copyOf(parent, n);
        left = Arrays.copyOf(left, n);
        pending = Arrays.copyOf(pending, n);
        calls = Arrays.copyOf(calls, n);
        start = Arrays.copyOf(start, n);
        flags = Arrays.copyOf(flags, n);
        free = Arrays.copyOf(free, n);
    }

    // ---- results ----

    /** What each session stream's measured sessions did, in the order the streams were added. */
    public List<SessionResult> results() {
        List<SessionResult> out = new ArrayList<>();
        for (Stream s : streams) {
            SessionSpec.FanOut f = s.spec.fanOut();
            out.add(new SessionResult(s.spec.name(), s.spec.main().service(), f == null ? null : f.agent().service(),
                    s.started, s.completed, s.failed, s.started - s.completed - s.failed,
                    s.completion.histogram(), s.completion.meanMillis(), s.callsPerSession.copy(),
                    s.completed == 0 ? Double.NaN : s.callsSum / s.completed, s.calls, s.agentCalls, s.fanOuts));
        }
        return out;
    }
}
