package io.capsim.engine.sched.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases in the style of kube-scheduler's least_allocated_test.go and friends. */
class ResourceScoringTest {

    static Stream<Arguments> leastAllocated() {
        return Stream.of(
                // nothing requested on an empty node: (4000-0)*100/4000 = 100, (10000-0)*100/10000 = 100 -> 100
                Arguments.of("empty node", new long[] {0, 0}, new long[] {4000, 10000}, new long[] {1, 1}, 100),
                // cpu (4000-3000)*100/4000 = 25, mem (10000-5000)*100/10000 = 50 -> (25+50)/2 = 37
                Arguments.of("half and quarter", new long[] {3000, 5000}, new long[] {4000, 10000}, new long[] {1, 1}, 37),
                // weights 2:1 -> (25*2 + 50)/3 = 33
                Arguments.of("weighted", new long[] {3000, 5000}, new long[] {4000, 10000}, new long[] {2, 1}, 33),
                // over capacity scores 0 for that resource: (0 + 50)/2 = 25
                Arguments.of("over capacity", new long[] {5000, 5000}, new long[] {4000, 10000}, new long[] {1, 1}, 25),
                // zero capacity is skipped: only memory counts -> 50
                Arguments.of("no gpu on node", new long[] {1000, 5000}, new long[] {0, 10000}, new long[] {1, 1}, 50));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void leastAllocated(String name, long[] req, long[] cap, long[] w, long expected) {
        assertEquals(expected, ResourceScoring.leastAllocated(req, cap, w, req.length));
    }

    static Stream<Arguments> mostAllocated() {
        return Stream.of(
                Arguments.of("empty node", new long[] {0, 0}, new long[] {4000, 10000}, new long[] {1, 1}, 0),
                // cpu 3000*100/4000 = 75, mem 5000*100/10000 = 50 -> 62
                Arguments.of("partly used", new long[] {3000, 5000}, new long[] {4000, 10000}, new long[] {1, 1}, 62),
                // requested is capped at capacity: 100 and 50 -> 75
                Arguments.of("over capacity capped", new long[] {6000, 5000}, new long[] {4000, 10000}, new long[] {1, 1}, 75),
                // weights 1:3 -> (75 + 150)/4 = 56
                Arguments.of("weighted", new long[] {3000, 5000}, new long[] {4000, 10000}, new long[] {1, 3}, 56));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void mostAllocated(String name, long[] req, long[] cap, long[] w, long expected) {
        assertEquals(expected, ResourceScoring.mostAllocated(req, cap, w, req.length));
    }

    static Stream<Arguments> requestedToCapacityRatio() {
        int[] xs = {0, 100};
        int[] ys = {0, 10};
        int[] bin = {0, 50, 100};
        int[] binY = {10, 0, 10};
        return Stream.of(
                // linear 0->0, 100->10 (x10): utilization 75 -> 75, 50 -> 50 -> round(125/2) = 63
                Arguments.of("linear packing", new long[] {3000, 5000}, new long[] {4000, 10000}, xs, ys, 63),
                // V shape: util 75 -> 0 + (100-0)*(75-50)/50 = 50; util 50 -> 0, which is left out of the
                // mean with its weight (kube-scheduler: if resourceScore > 0) -> round(50/1) = 50
                Arguments.of("v shape: a zero score is left out", new long[] {3000, 5000}, new long[] {4000, 10000},
                        bin, binY, 50),
                // both at the bottom of the V: util 50 and 50 -> 0 and 0 -> no resource counts -> 0
                Arguments.of("v shape: every score zero", new long[] {2000, 5000}, new long[] {4000, 10000}, bin, binY,
                        0),
                // below the first point takes its score: util 0 -> 100 for both -> 100
                Arguments.of("empty on v shape", new long[] {0, 0}, new long[] {4000, 10000}, bin, binY, 100));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void requestedToCapacityRatio(String name, long[] req, long[] cap, int[] xs, int[] ys, long expected) {
        assertEquals(expected, ResourceScoring.requestedToCapacityRatio(req, cap, new long[] {1, 1}, 2, xs, ys));
    }

    static Stream<Arguments> balancedAllocation() {
        return Stream.of(
                // fractions 0.75 and 0.5: std = |0.75-0.5|/2 = 0.125 -> (1-0.125)*100 = 87
                Arguments.of("two resources", new long[] {3000, 5000}, new long[] {4000, 10000}, 87),
                // equal fractions -> 100
                Arguments.of("balanced", new long[] {2000, 5000}, new long[] {4000, 10000}, 100),
                // fractions 0.5, 0.5, 1.0: mean 2/3, var = (1/36+1/36+1/9)/3 = 1/18, std = 0.2357 -> 76
                Arguments.of("three resources", new long[] {2000, 5000, 8000}, new long[] {4000, 10000, 8000}, 76),
                // fractions capped at 1: 1.0 and 0.5 -> std 0.25 -> 75
                Arguments.of("capped", new long[] {9000, 5000}, new long[] {4000, 10000}, 75));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void balancedAllocation(String name, long[] req, long[] cap, long expected) {
        assertEquals(expected, ResourceScoring.balancedAllocation(req, cap, req.length));
    }
}
