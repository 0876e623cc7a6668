package io.capsim.engine.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link LeastLoaded} picks what a scan from a rotating start picks (the router it replaced). */
class LeastLoadedTest {

    /** Loads held in an array, as a service's replicas report them. */
    private static final class Loads implements Router.Replicas {
        final int[] load;

        Loads(int[] load) {
            this.load = load;
        }

        @Override
        public int count() {
            return load.length;
        }

        @Override
        public int outstanding(int i) {
            return load[i];
        }

        @Override
        public int leastOutstanding(int from) {
            throw new UnsupportedOperationException();
        }


        @Override
        public RequestTable requests() {
            return null;
        }

        @Override
        public long outstandingTokens(int i) {
            return 0;
        }

        @Override
        public int cachedPrefix(int i, int request) {
            return 0;
        }
    }

    /** The first replica with the smallest load, scanning from {@code from} cyclically. */
    private static int scan(int[] load, int from) {
        int n = load.length;
        int best = -1;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0, r = from; i < n; i++, r = r + 1 == n ? 0 : r + 1) {
            if (load[r] < bestLoad) {
                bestLoad = load[r];
                best = r;
            }
        }
        return best;
    }

    @Test
    void handWorkedTies() {
        // loads 3 1 2 1 1: the ones are at 1, 3 and 4
        Loads l = new Loads(new int[] {3, 1, 2, 1, 1});
        LeastLoaded t = new LeastLoaded();
        t.reset(5);
        assertEquals(1, t.least(0, l));
        assertEquals(1, t.least(1, l));
        assertEquals(3, t.least(2, l));
        assertEquals(3, t.least(3, l));
        assertEquals(4, t.least(4, l));
        l.load[4] = 0;
        t.mark(4);
        assertEquals(4, t.least(0, l));
        t.reset(0);
        assertEquals(-1, t.least(0, l));
    }

    @Property(tries = 300)
    void agreesWithTheScan(@ForAll @Size(min = 1, max = 70) List<@IntRange(min = 0, max = 6) Integer> initial,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 10_000) Integer> steps) {
        int n = initial.size();
        int[] load = initial.stream().mapToInt(Integer::intValue).toArray();
        Loads l = new Loads(load);
        LeastLoaded t = new LeastLoaded();
        t.reset(n);
        for (int step : steps) {
            int from = step % n;
            assertEquals(scan(load, from), t.least(from, l));
            int r = (step / 7) % n; // change one replica's load by one, as a request arriving or leaving does
            load[r] = Math.max(0, load[r] + ((step & 1) == 0 ? 1 : -1));
            t.mark(r);
        }
    }
}
