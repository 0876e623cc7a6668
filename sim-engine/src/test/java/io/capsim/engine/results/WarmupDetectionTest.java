package io.capsim.engine.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** MSER-5 finds an initial transient, none in a stationary series, and gives up on a trend. */
class WarmupDetectionTest {

    @Test
    void findsTheEndOfAnInitialTransient() {
        // 1,000 observations: noise around 10 after a linear ramp from 0 over the first 100.
        SplittableRandom r = new SplittableRandom(1);
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i < 100 ? 10.0 * i / 100 : 10) + r.nextDouble(-1, 1);
        }
        int drop = WarmupDetection.mser5(v);
        assertTrue(drop >= 80 && drop <= 130 && drop % 5 == 0, "drop " + drop);
    }

    @Test
    void dropsNothingFromAStationarySeriesAndGivesUpOnATrend() {
        double[] flat = new double[200];
        java.util.Arrays.fill(flat, 3);
        assertEquals(0, WarmupDetection.mser5(flat));
        double[] trend = new double[200];
        for (int i = 0; i < trend.length; i++) {
            trend[i] = i;
        }
        assertEquals(-1, WarmupDetection.mser5(trend), "still rising half-way: not detected");
        assertEquals(-1, WarmupDetection.mser5(new double[19]), "fewer than 4 batches");
    }

    @Test
    void secondsAreTheTimeOfTheFirstObservationKept() {
        TimeSeries t = new TimeSeries("x", "u");
        for (int i = 0; i < 100; i++) {
            t.record(i * 2_000_000_000L, i < 20 ? 100 - 5 * i : (i % 2));
        }
        double s = WarmupDetection.seconds(t);
        int drop = WarmupDetection.mser5(t.values());
        assertEquals(drop * 2.0, s, 1e-9);
        assertTrue(drop >= 15 && drop <= 25, "drop " + drop);
    }
}
