package io.capsim.engine.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static long[] draw(UniformRandomProvider rng, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void sameSeedAndNameGiveTheSameSequence() {
        assertArrayEquals(draw(new RandomStreams(7).stream("arrivals/web"), 100),
                draw(new RandomStreams(7).stream("arrivals/web"), 100));
    }

    @Test
    void aStreamDoesNotDependOnWhichOtherStreamsExistOrTheirOrder() {
        RandomStreams a = new RandomStreams(7);
        long[] alone = draw(a.stream("arrivals/web"), 50);
        RandomStreams b = new RandomStreams(7);
        UniformRandomProvider other = b.stream("service-time/new-component");
        draw(other, 1000);
        assertArrayEquals(alone, draw(b.stream("arrivals/web"), 50));
    }

    @Test
    void namesAndSeedsGiveDifferentSequences() {
        long[] web = draw(new RandomStreams(7).stream("arrivals/web"), 10);
        assertFalse(Arrays.equals(web, draw(new RandomStreams(7).stream("arrivals/web2"), 10)));
        assertFalse(Arrays.equals(web, draw(new RandomStreams(8).stream("arrivals/web"), 10)));
        // near-identical names must not give related streams: check the first draws differ in many bits
        long x = new RandomStreams(7).stream("a").nextLong() ^ new RandomStreams(7).stream("b").nextLong();
        assertEquals(true, Long.bitCount(x) > 10, "first draws of streams a and b share too many bits");
    }

    @Test
    void refusesAnEmptyName() {
        assertThrows(IllegalArgumentException.class, () -> new RandomStreams(1).stream(""));
    }
}
