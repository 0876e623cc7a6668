package io.capsim.engine.serving;

import io.capsim.engine.spi.Registry;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The built-in routers, by name: {@code shared-queue} (one FIFO queue at the service; a request
 * starts on any replica with room: with one slot per replica and exponential demands, exactly
 * M/M/c), {@code round-robin}, {@code least-outstanding} (fewest requests in service plus waiting,
 * scanned from a rotating start so ties spread), {@code random} (uniform) and {@code
 * power-of-two} (two distinct replicas drawn at random, the less loaded wins: Mitzenmacher's
 * "power of two choices").
 */
public final class Routers {

    /** Registered names. */
    public static final String SHARED_QUEUE = "shared-queue";
    public static final String ROUND_ROBIN = "round-robin";
    public static final String LEAST_OUTSTANDING = "least-outstanding";
    public static final String RANDOM = "random";
    public static final String POWER_OF_TWO = "power-of-two";

    /** Every built-in router. */
    public static final Registry<RouterFactory> REGISTRY = Registry.of("routing", List.of(
            factory(SHARED_QUEUE, (s, r) -> new SharedQueue()),
            factory(ROUND_ROBIN, (s, r) -> new RoundRobin()),
            factory(LEAST_OUTSTANDING, (s, r) -> new LeastOutstanding()),
            factory(RANDOM, (s, r) -> new RandomChoice(r)),
            factory(POWER_OF_TWO, (s, r) -> new PowerOfTwo(r))), RouterFactory::name);

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
            return replicas.takeFree();
        }
    }

    static final class RoundRobin implements Router {
        private int next;

        @Override
        public boolean queuesAtService() {
            return false;
        }

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

    static final class LeastOutstanding implements Router {
        private int start;

        @Override
        public boolean queuesAtService() {
            return false;
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
            return replicas.leastOutstanding(first);
        }
    }

    static final class RandomChoice implements Router {
        private final UniformRandomProvider rng;

        RandomChoice(UniformRandomProvider rng) {
            this.rng = rng;
        }

        @Override
        public boolean queuesAtService() {
            return false;
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
        public boolean queuesAtService() {
            return false;
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
}
