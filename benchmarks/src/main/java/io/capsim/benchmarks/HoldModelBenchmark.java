package io.capsim.benchmarks;

import io.capsim.engine.kernel.DaryHeapEventList;
import io.capsim.engine.kernel.EventHandler;
import io.capsim.engine.kernel.EventList;
import io.capsim.engine.kernel.RadixHeapEventList;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classic hold model (Vaucher and Duval 1975; Jones 1986): a queue of N pending events; each
 * operation removes the first event and adds one at a random later time (exponential increment
 * with mean 1 s = 1e9 ticks, ticks being nanoseconds as in the kernel). Throughput in hold
 * operations per second.
 *
 * <ul>
 *   <li>{@code capsimDefault}: what the kernel's {@code Simulator} uses: the 4-ary heap up to
 *       {@link Simulator#RADIX_THRESHOLD} pending events, the radix heap beyond;
 *   <li>{@code radixHeap}: {@link RadixHeapEventList} alone;
 *   <li>{@code daryHeap}: the kernel's 4-ary {@link DaryHeapEventList} (branch-free child selection, lazy cancel);
 *   <li>{@code priorityQueue}: {@code java.util.PriorityQueue} of event objects ordered by
 *       (time, sequence), allocating a new event per push, as a Java DES schedules events;
 *   <li>{@code priorityQueueReuse}: the same, re-inserting the polled object (its best case).
 * </ul>
 * All draw their increments from one precomputed table, so the random number generator is not
 * measured.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class HoldModelBenchmark {

    @Param({"1000", "1000000"})
    int size;

    private static final int TABLE = 1 << 16;
    private long[] increments;
    private int next;

    private EventList kernelDefault;
    private EventList radix;
    private EventList dary;
    private static final EventHandler NOOP = (k, a) -> {};

    static final class Event implements Comparable<Event> {
        long time;
        long seq;

        Event(long time, long seq) {
            this.time = time;
            this.seq = seq;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private PriorityQueue<Event> queue;
    private long seq;

    @Setup(Level.Trial)
    public void setUp() {
        UniformRandomProvider rng = new RandomStreams(2026).stream("hold");
        ZigguratSampler.Exponential exp = ZigguratSampler.Exponential.of(rng, 1e9);
        increments = new long[TABLE];
        for (int i = 0; i < TABLE; i++) {
            increments[i] = (long) exp.sample();
        }
        DaryHeapEventList adaptive = new DaryHeapEventList(size);
        radix = new RadixHeapEventList(size);
        dary = new DaryHeapEventList(size);
        queue = new PriorityQueue<>(size);
        for (int i = 0; i < size; i++) {
            long t = (long) exp.sample();
            adaptive.add(t, 0, NOOP, 0, i);
            radix.add(t, 0, NOOP, 0, i);
            dary.add(t, 0, NOOP, 0, i);
            queue.add(new Event(t, seq++));
        }
        kernelDefault = size > Simulator.RADIX_THRESHOLD ? adaptive.toRadixHeap() : adaptive;
    }

    private long increment() {
        long v = increments[next];
        next = (next + 1) & (TABLE - 1);
        return v;
    }

    private long hold(EventList h) {
        h.removeFirst();
        long t = h.lastTime() + increment();
        h.add(t, 0, NOOP, 0, 0);
        return t;
    }

    @Benchmark
    public long capsimDefault() {
        return hold(kernelDefault);
    }

    @Benchmark
    public long radixHeap() {
        return hold(radix);
    }

    @Benchmark
    public long daryHeap() {
        return hold(dary);
    }

    @Benchmark
    public long priorityQueue() {
        Event e = queue.poll();
        Event next = new Event(e.time + increment(), seq++);
        queue.add(next);
        return next.time;
    }

    @Benchmark
    public long priorityQueueReuse() {
        Event e = queue.poll();
        e.time += increment();
        e.seq = seq++;
        queue.add(e);
        return e.time;
    }
}
