package io.capsim.engine.serving;

import io.capsim.engine.spi.Registry;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The built-in routers, by name: {@code shared-queue} (one FIFO queue at the service; a request
 * starts on any replica with room: with one slot per replica and exponential demands, exactly
 * M/M/c), {@code round-robin}, {@code least-outstanding} (fewest requests in service plus waiting,
 * ties to the first from a rotating start so they spread; O(log n) through the service's tree of
 * loads), {@code random} (uniform) and {@code
 * power-of-two} (two distinct replicas drawn at random, the less loaded wins: Mitzenmacher's
 * "power of two choices"), and two that LLM gateways use: {@code least-outstanding-tokens} (fewest
 * prompt plus output tokens held, waiting or in service; ties by fewest requests) and {@code
 * prefix-affinity} (the longest cached prompt prefix among the replicas not much busier than the
 * least loaded; without any, the least loaded).
 */
public final class Routers {

    /** Registered names. */
    public static final String SHARED_QUEUE = "shared-queue";
    public static final String ROUND_ROBIN = "round-robin";
    public static final String LEAST_OUTSTANDING = "least-outstanding";
    public static final String RANDOM = "random";
    public static final String POWER_OF_TWO = "power-of-two";
    public static final String LEAST_OUTSTANDING_TOKENS = "least-outstanding-tokens";
    public static final String PREFIX_AFFINITY = "prefix-affinity";

    /** Every built-in router. */
    public static final Registry<RouterFactory> REGISTRY = Registry.of("routing", List.of(
            factory(SHARED_QUEUE, (s, r) -> new SharedQueue()),
            factory(ROUND_ROBIN, (s, r) -> new RoundRobin()),
            factory(LEAST_OUTSTANDING, (s, r) -> new LeastOutstanding(false)),
            factory(RANDOM, (s, r) -> new RandomChoice(r)),
            factory(POWER_OF_TWO, (s, r) -> new PowerOfTwo(r)),
            factory(LEAST_OUTSTANDING_TOKENS, (s, r) -> new LeastOutstanding(true)),
            factory(PREFIX_AFFINITY, (s, r) -> new PrefixAffinity(PrefixAffinity.DEFAULT_SLACK))),
            RouterFactory::name);

    private Routers() {}

    private static RouterFactory factory(String name, java.util.function.BiFunction<ServiceSpec, UniformRandomProvider, Router> f) {
        return new RouterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Router create(ServiceSpec spec, UniformRandomProvider rng) {
                return f.apply(spec, rng);
            }
        };
    }

    static final class SharedQueue implements Router {
        @Override
        public boolean queuesAtService() {
            return true;
        }

        @Override
        public int route(Replicas replicas, int request) {
            throw new UnsupportedOperationException("a shared queue is not routed: the service takes a free slot");
        }
    }

    static final class RoundRobin implements Router {
        private int next;

        @Override
        public int route(Replicas replicas, int request) {
            int n = replicas.count();
            if (n == 0) {
                return -1;
            }
            if (next >= n) {
                next = 0;
            }
            int r = next;
            next = r + 1;
            return r;
        }
    }

    static final class RandomChoice implements Router {
        private final UniformRandomProvider rng;

        RandomChoice(UniformRandomProvider rng) {
            this.rng = rng;
        }

        @Override
        public int route(Replicas replicas, int request) {
            int n = replicas.count();
            return n == 0 ? -1 : rng.nextInt(n);
        }
    }

    static final class PowerOfTwo implements Router {
        private final UniformRandomProvider rng;

        PowerOfTwo(UniformRandomProvider rng) {
            this.rng = rng;
        }

        @Override
        public int route(Replicas replicas, int request) {
            int n = replicas.count();
            if (n <= 1) {
                return n - 1;
            }
            int a = rng.nextInt(n);
            int b = rng.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            int la = replicas.outstanding(a);
            int lb = replicas.outstanding(b);
            return lb < la ? b : a;
        }
    }

    /**
     * Fewest requests held (in service plus waiting), or with {@code byTokens} fewest outstanding
     * tokens (prompt plus output of the requests held), as LLM gateways balance by tokens rather
     * than requests, ties going to fewer requests; remaining ties to the first from a rotating start,
     * so they spread. Requests without token counts weigh 0 tokens, so on them the two agree.
     */
    static final class LeastOutstanding implements Router {
        private final boolean byTokens;
        private int start;

        LeastOutstanding(boolean byTokens) {
            this.byTokens = byTokens;
        }

        @Override
        public boolean usesTokens() {
            return byTokens;
        }

        @Override
        public int route(Replicas replicas, int request) {
            int n = replicas.count();
            if (n == 0) {
                return -1;
            }
            if (start >= n) {
                start = 0;
            }
            int first = start;
            start = first + 1;
            if (!byTokens) { // the service keeps the replicas' loads in a tree: O(log n)
                return replicas.leastOutstanding(first);
            }
            int best = first;
            long bestTokens = Long.MAX_VALUE;
            int bestLoad = Integer.MAX_VALUE;
            for (int i = 0, r = first; i < n; i++, r = r + 1 == n ? 0 : r + 1) {
                long tokens = replicas.outstandingTokens(r);
                int load = replicas.outstanding(r);
                if (tokens < bestTokens || (tokens == bestTokens && load < bestLoad)) {
                    bestTokens = tokens;
                    bestLoad = load;
                    best = r;
                }
            }
            return best;
        }
    }

    /**
     * Prefix-cache affinity, as cache-aware LLM routers (SGLang's router, Ray Serve's
     * PrefixCacheAffinityRouter, the vLLM production stack's KV-aware routing) send a request where
     * its prompt's prefix is cached, unless that replica is much busier than the others:
     * <ol>
     *   <li>the least loaded replica's requests (waiting plus in service) plus {@code slack} bound
     *       the candidates;
     *   <li>among them, the longest run of the prompt's leading blocks cached wins ({@link
     *       Replicas#cachedPrefix}, read from the replicas' own caches: a gateway that mirrors
     *       them exactly);
     *   <li>ties, and a request no candidate has cached, go to the least loaded, then to the first
     *       from a rotating start.
     * </ol>
     */
    static final class PrefixAffinity implements Router {
        /** Requests above the least loaded replica's that a replica may hold and still be chosen for its cache. */
        static final int DEFAULT_SLACK = 4;
        private final int slack;
        private int start;

        PrefixAffinity(int slack) {
            this.slack = slack;
        }

        @Override
        public boolean usesPrefixes() {
            return true;
        }

        @Override
        public int route(Replicas replicas, int request) {
            int n = replicas.count();
            if (n == 0) {
                return -1;
            }
            if (start >= n) {
                start = 0;
            }
            int first = start;
            start = first + 1;
            int least = Integer.MAX_VALUE;
            for (int r = 0; r < n; r++) {
                least = Math.min(least, replicas.outstanding(r));
            }
            long bound = (long) least + slack;
            int best = -1;
            int bestHit = -1;
            int bestLoad = Integer.MAX_VALUE;
            for (int i = 0, r = first; i < n; i++, r = r + 1 == n ? 0 : r + 1) {
                int load = replicas.outstanding(r);
                if (load > bound) {
                    continue;
                }
                int hit = replicas.cachedPrefix(r, request);
                if (hit > bestHit || (hit == bestHit && load < bestLoad)) {
                    bestHit = hit;
                    bestLoad = load;
                    best = r;
                }
            }
            return best;
        }
    }
}
