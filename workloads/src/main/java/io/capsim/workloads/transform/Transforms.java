package io.capsim.workloads.transform;

import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.ArrivalField;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;

/**
 * Transforms of arrival streams, each a cursor decorator that keeps O(1) state per source (merge
 * keeps one current arrival per source) and allocates nothing per arrival. Sizes pass through
 * unchanged; only times, and which arrivals appear, change.
 */
public final class Transforms {

    private Transforms() {}

    /**
     * Multiplies every time by {@code factor}: 0.5 replays twice as fast (double the rate), 2 half
     * as fast. Times are rounded to the nearest tick.
     *
     * @param factor in (0, 1e6]
     */
    public static ArrivalCursor timeScale(ArrivalCursor source, double factor) {
        if (!(factor > 0 && factor <= 1e6)) {
            throw new IllegalArgumentException("timeScale: factor " + factor + " is not in (0, 1e6]");
        }
        return new Delegating(source) {
            private long t;

            @Override
            public boolean advance() {
                if (!source.advance()) {
                    return false;
                }
                double x = source.timeTicks() * factor;
                if (x >= 0x1p63) {
                    return false;
                }
                t = Math.round(x);
                return true;
            }

            @Override
            public long timeTicks() {
                return t;
            }
        };
    }

    /**
     * Adds {@code offsetTicks} to every time.
     *
     * @param offsetTicks at least 0
     */
    public static ArrivalCursor shift(ArrivalCursor source, long offsetTicks) {
        if (offsetTicks < 0) {
            throw new IllegalArgumentException("shift: offset " + offsetTicks + " ns is negative");
        }
        return new Delegating(source) {
            @Override
            public boolean advance() {
                return source.advance() && source.timeTicks() <= Long.MAX_VALUE - offsetTicks;
            }

            @Override
            public long timeTicks() {
                return source.timeTicks() + offsetTicks;
            }
        };
    }

    /**
     * Keeps the arrivals in {@code [fromTicks, toTicks)}, and stops at the first at or after
     * {@code toTicks}. With {@code rebase}, times are shifted so that {@code fromTicks} becomes 0.
     */
    public static ArrivalCursor window(ArrivalCursor source, long fromTicks, long toTicks, boolean rebase) {
        if (fromTicks < 0 || toTicks <= fromTicks) {
            throw new IllegalArgumentException("window: [" + fromTicks + ", " + toTicks + ") ns is not a"
                    + " non-empty interval from 0 or later");
        }
        long base = rebase ? fromTicks : 0;
        return new Delegating(source) {
            private boolean done;

            @Override
            public boolean advance() {
                while (!done && source.advance()) {
                    long t = source.timeTicks();
                    if (t >= toTicks) {
                        break;
                    }
                    if (t >= fromTicks) {
                        return true;
                    }
                }
                done = true;
                return false;
            }

            @Override
            public long timeTicks() {
                return source.timeTicks() - base;
            }
        };
    }

    /**
     * Keeps each arrival independently with probability {@code keep} (random thinning, which turns
     * a Poisson process of rate r into one of rate {@code keep r}), drawing from {@code rng}.
     *
     * @param keep in [0, 1]
     */
    public static ArrivalCursor thin(ArrivalCursor source, double keep, UniformRandomProvider rng) {
        if (!(keep >= 0 && keep <= 1)) {
            throw new IllegalArgumentException("thin: probability " + keep + " is not in [0, 1]");
        }
        ContinuousSampler u = ContinuousUniformSampler.of(rng, 0, 1);
        return new Delegating(source) {
            @Override
            public boolean advance() {
                while (source.advance()) {
                    if (u.sample() < keep) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /**
     * Keeps the arrivals whose {@code field} lies in {@code [min, max]}. An absent value reads as
     * -1, so it is dropped unless {@code min <= -1}.
     */
    public static ArrivalCursor filter(ArrivalCursor source, ArrivalField field, long min, long max) {
        Objects.requireNonNull(field, "field");
        if (min > max) {
            throw new IllegalArgumentException("filter." + field.key() + ": min " + min + " > max " + max);
        }
        return new Delegating(source) {
            @Override
            public boolean advance() {
                while (source.advance()) {
                    long v = field.of(source);
                    if (v >= min && v <= max) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /**
     * Merges time-ordered sources into one time-ordered stream; on equal times the earlier source
     * in the list comes first. Closing the merge closes every source.
     */
    public static ArrivalCursor merge(List<? extends ArrivalCursor> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("merge: no sources");
        }
        return new Merge(List.copyOf(sources));
    }

    /**
     * Replays the stream that {@code open} gives in passes of {@code periodTicks}: pass i delivers
     * the arrivals of a fresh cursor that fall in {@code [0, periodTicks)}, shifted by
     * {@code i * periodTicks}. Arrivals at or after the period are dropped, so passes never
     * overlap.
     *
     * @param passes number of passes, or 0 for ever
     */
    public static ArrivalCursor loop(Supplier<? extends ArrivalCursor> open, long periodTicks, long passes) {
        if (periodTicks <= 0 || passes < 0) {
            throw new IllegalArgumentException("loop: period " + periodTicks + " ns must be > 0 and passes "
                    + passes + " >= 0");
        }
        return new Loop(open, periodTicks, passes);
    }

    /**
     * A loop period for a finite stream: its last time plus its mean gap,
     * {@code last + (last - first) / (n - 1)}, so that the replay keeps the mean rate across the
     * seam. Reads the stream once (O(1) memory) and closes it.
     *
     * @throws IllegalArgumentException if the stream has fewer than 2 arrivals or spans no time
     */
    public static long naturalPeriod(ArrivalCursor c) {
        long n = 0;
        long first = 0;
        long last = 0;
        try (c) {
            while (c.advance()) {
                if (n == 0) {
                    first = c.timeTicks();
                }
                last = c.timeTicks();
                n++;
            }
        }
        if (n < 2 || last == first) {
            throw new IllegalArgumentException("loop: cannot derive a period from " + n + " arrival(s) spanning "
                    + (last - first) + " ns; give the period");
        }
        return last + (last - first) / (n - 1);
    }

    /**
     * Scales the arrival rate by {@code factor}. Below 1, thins the stream (each arrival kept with
     * probability {@code factor}). Above 1, superposes {@code floor(factor)} copies and, for the
     * fractional part, one more copy thinned to that probability; copy 0 is unshifted and every
     * other copy is shifted by its own offset drawn uniformly from {@code [0, maxOffsetTicks)}, so
     * copies do not arrive in lockstep. Over a loop whose period is {@code maxOffsetTicks} the
     * shifts are rotations and the mean rate is exactly {@code factor} times the original; over a
     * finite trace the shifted copies run past its end.
     *
     * @param open opens one independent copy of the source per call
     * @param factor in (0, 1000]
     * @param maxOffsetTicks at least 1 when {@code factor > 1}
     * @param rng draws the offsets and thinning decisions
     */
    public static ArrivalCursor rateScale(Supplier<? extends ArrivalCursor> open, double factor, long maxOffsetTicks,
            UniformRandomProvider rng) {
        if (!(factor > 0 && factor <= 1000)) {
            throw new IllegalArgumentException("rateScale: factor " + factor + " is not in (0, 1000]");
        }
        if (factor <= 1) {
            return factor == 1 ? open.get() : thin(open.get(), factor, rng);
        }
        if (maxOffsetTicks < 1) {
            throw new IllegalArgumentException("rateScale: maxOffset " + maxOffsetTicks + " ns must be >= 1");
        }
        int whole = (int) Math.floor(factor);
        double fraction = factor - whole;
        List<ArrivalCursor> copies = new ArrayList<>();
        ContinuousSampler offset = ContinuousUniformSampler.of(rng, 0, maxOffsetTicks);
        for (int i = 0; i < whole; i++) {
            ArrivalCursor c = open.get();
            copies.add(i == 0 ? c : shift(c, (long) offset.sample()));
        }
        if (fraction > 1e-12) {
            copies.add(shift(thin(open.get(), fraction, rng), (long) offset.sample()));
        }
        return merge(copies);
    }

    /** k-way merge by linear scan of the heads: O(k) per arrival, for the handful of sources a scenario has. */
    private static final class Merge extends Delegating {
        private final ArrivalCursor[] sources;
        private final long[] head;
        private final boolean[] live;
        private boolean started;
        private int current = -1;

        Merge(List<ArrivalCursor> sources) {
            super(sources.get(0));
            this.sources = sources.toArray(new ArrivalCursor[0]);
            this.head = new long[this.sources.length];
            this.live = new boolean[this.sources.length];
        }

        @Override
        public boolean advance() {
            if (!started) {
                started = true;
                for (int i = 0; i < sources.length; i++) {
                    pull(i);
                }
            } else if (current >= 0) {
                pull(current);
            }
            int best = -1;
            for (int i = 0; i < sources.length; i++) {
                if (live[i] && (best < 0 || head[i] < head[best])) {
                    best = i;
                }
            }
            current = best;
            if (best < 0) {
                return false;
            }
            source = sources[best];
            return true;
        }

        private void pull(int i) {
            live[i] = sources[i].advance();
            if (live[i]) {
                head[i] = sources[i].timeTicks();
            }
        }

        @Override
        public void close() {
            RuntimeException first = null;
            for (ArrivalCursor c : sources) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private static final class Loop extends Delegating {
        private final Supplier<? extends ArrivalCursor> open;
        private final long period;
        private final long passes;
        private long pass;
        private long offset;
        private boolean emptyPass = true;
        private boolean done;

        Loop(Supplier<? extends ArrivalCursor> open, long period, long passes) {
            super(open.get());
            this.open = open;
            this.period = period;
            this.passes = passes;
        }

        @Override
        public boolean advance() {
            while (!done) {
                if (source.advance() && source.timeTicks() < period) {
                    emptyPass = false;
                    return true;
                }
                source.close();
                pass++;
                if ((passes != 0 && pass >= passes) || emptyPass || offset > Long.MAX_VALUE - 2 * period) {
                    done = true;
                    break;
                }
                offset += period;
                emptyPass = true;
                source = open.get();
            }
            return false;
        }

        @Override
        public long timeTicks() {
            return source.timeTicks() + offset;
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
