package io.capsim.engine.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The LLM gateway routers on hand-made replica states. */
class LlmRoutersTest {

    /** Replicas with fixed loads, outstanding tokens and cached prefixes (for request 0). */
    private record Fixed(int[] load, long[] tokens, int[] cached) implements Router.Replicas {
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
            int best = -1;
            for (int k = 0; k < load.length; k++) {
                int r = (from + k) % load.length;
                if (best < 0 || load[r] < load[best]) {
                    best = r;
                }
            }
            return best;
        }


        @Override
        public RequestTable requests() {
            return new RequestTable();
        }

        @Override
        public long outstandingTokens(int i) {
            return tokens[i];
        }

        @Override
        public int cachedPrefix(int i, int request) {
            return cached[i];
        }
    }

    static Stream<Arguments> leastOutstandingTokens() {
        return Stream.of(
                // fewest tokens wins though it holds the most requests
                Arguments.of("fewest tokens", new int[] {1, 5, 2}, new long[] {9000, 300, 4000}, 1),
                // 200 tokens at replicas 1 and 2: replica 2 holds fewer requests (2 < 3)
                Arguments.of("tie on tokens, fewer requests", new int[] {1, 3, 2}, new long[] {500, 200, 200}, 2),
                // requests without token counts weigh 0: least requests, as least-outstanding
                Arguments.of("no tokens: least requests", new int[] {4, 1, 3}, new long[] {0, 0, 0}, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void leastOutstandingTokens(String name, int[] load, long[] tokens, int expected) {
        Router r = new Routers.LeastOutstanding(true);
        assertTrue(r.usesTokens());
        assertEquals(expected, r.route(new Fixed(load, tokens, new int[load.length]), 0));
    }

    static Stream<Arguments> prefixAffinity() {
        return Stream.of(
                // least load 0, slack 4: candidates hold at most 4 (replicas 0, 1, 3); replica 2 caches 9
                // blocks but holds 5; of the candidates, 3 blocks at replicas 1 (load 3) and 3 (load 2): 3
                Arguments.of("longest prefix within the slack", new int[] {0, 3, 5, 2}, new int[] {0, 3, 9, 3}, 3),
                // loads within the slack: the longest prefix wins over the least loaded
                Arguments.of("longest prefix", new int[] {0, 1, 4}, new int[] {1, 2, 7}, 2),
                // nothing cached anywhere: the least loaded
                Arguments.of("no prefix: least loaded", new int[] {6, 2, 3}, new int[] {0, 0, 0}, 1),
                // all too busy but the least loaded, which caches nothing: it gets the request
                Arguments.of("all others too busy", new int[] {10, 2, 9}, new int[] {5, 0, 5}, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void prefixAffinity(String name, int[] load, int[] cached, int expected) {
        Router r = new Routers.PrefixAffinity(4);
        assertTrue(r.usesPrefixes());
        assertEquals(expected, r.route(new Fixed(load, new long[load.length], cached), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void reachableByName(String name) {
        assertEquals(name, Routers.REGISTRY.find(name).orElseThrow().name());
    }

    static Stream<String> names() {
        return Stream.of("least-outstanding-tokens", "prefix-affinity");
    }
}
