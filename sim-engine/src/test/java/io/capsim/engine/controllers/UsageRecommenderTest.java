package io.capsim.engine.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.kernel.SimTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The recommender's target on hand-worked tables. */
class UsageRecommenderTest {

    private static final long S = SimTime.SECOND;

    static Stream<Arguments> cases() {
        // Samples 100, 200, ..., 1000 at 1 s .. 10 s.
        return Stream.of(
                // p90 of 10 samples: rank ceil(9) = 9th smallest = 900; x 1.1 = 990.
                Arguments.of("p90, 10% margin", 90.0, 0.1, 0.0, 1e9, 100 * S, 10 * S, 990.0),
                // p50: rank 5 = 500; no margin.
                Arguments.of("median", 50.0, 0.0, 0.0, 1e9, 100 * S, 10 * S, 500.0),
                // p100 = max = 1000; capped by max 800.
                Arguments.of("bounded above", 100.0, 0.0, 0.0, 800.0, 100 * S, 10 * S, 800.0),
                // p1: rank ceil(0.1) = 1 = 100; raised to min 250.
                Arguments.of("bounded below", 1.0, 0.0, 250.0, 1e9, 100 * S, 10 * S, 250.0),
                // window 4 s at 10 s: samples at 7..10 s (6 s is not after 10 - 4): 700, 800, 900, 1000;
                // p50 rank 2 = 800.
                Arguments.of("window", 50.0, 0.0, 0.0, 1e9, 4 * S, 10 * S, 800.0),
                // asked at 5 s with a 100 s window: only samples up to 5 s count: 100..500, p100 = 500.
                Arguments.of("not ahead of time", 100.0, 0.0, 0.0, 1e9, 100 * S, 5 * S, 500.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTargetIsTheWorkedOutPercentile(String name, double p, double margin, double min, double max, long window,
            long at, double expected) {
        UsageRecommender r = new UsageRecommender(new UsageRecommender.Settings(p, margin, min, max, window));
        for (int k = 1; k <= 10; k++) {
            r.record(k * S, 100.0 * k);
        }
        assertEquals(expected, r.recommend(at), 1e-9);
    }

    @Test
    void oldSamplesAreDroppedAndTimeMustNotGoBack() {
        UsageRecommender r = new UsageRecommender(new UsageRecommender.Settings(50, 0, 0, 1e9, 10 * S));
        for (int k = 0; k < 1000; k++) {
            r.record(k * S, k);
        }
        r.recommend(999 * S);
        assertEquals(10, r.samples(), "a window of 10 s holds 10 one-second samples");
        assertTrue(Double.isNaN(r.recommend(2000 * S)), "no sample in the window: no target");
        assertThrows(IllegalArgumentException.class, () -> r.record(5 * S, 1));
        assertThrows(IllegalArgumentException.class, () -> new UsageRecommender.Settings(0, 0, 0, 1, 1));
    }
}
