package io.capsim.engine.serving;

/**
 * How a service picks the replica for a request (the load balancer or gateway in front of its
 * replicas). Built per service by a {@link RouterFactory} registered by name in {@link Routers}.
 */
public interface Router {

    /**
     * True if requests wait in one queue at the service until a replica has room ({@code
     * shared-queue}); false (the default) if each request is sent to a replica at once and waits there.
     */
    default boolean queuesAtService() {
        return false;
    }

    /**
     * The replica for a new request: any ready replica, or -1 only when none is ready. A router that
     * {@link #queuesAtService queues at the service} is not asked: the service hands a request to
     * the replica whose slot was freed last, or queues it.
     *
     * @param replicas the service's ready replicas
     * @param request the request's id in {@link Replicas#requests()}
     */
    int route(Replicas replicas, int request);

    /** True if the router reads requests' prefix block ids ({@link RequestTable#prefixBlocks}). */
    default boolean usesPrefixes() {
        return false;
    }

    /** True if the router reads {@link Replicas#outstandingTokens}, which the service then keeps. */
    default boolean usesTokens() {
        return false;
    }

    /** The service's ready replicas, as routers see them. */
    interface Replicas {
        /** Ready replicas, indexed 0 .. count-1. */
        int count();

        /** Requests in service plus waiting at replica {@code i}. */
        int outstanding(int i);

        /**
         * The replica with the fewest {@link #outstanding} requests, ties going to the first at or
         * after {@code from} in cyclic order (from, from + 1, ..., count - 1, 0, ...); -1 if none is
         * ready. O(log count).
         */
        int leastOutstanding(int from);

        /** The requests in flight. */
        RequestTable requests();

        /**
         * Tokens (prompt plus output) of the requests held at replica {@code i}, waiting or in
         * service; kept only for a router that {@linkplain Router#usesTokens() uses them}.
         */
        long outstandingTokens(int i);

        /**
         * Leading prefix blocks of {@code request}'s prompt that replica {@code i}'s prefix cache
         * holds now (0 for an engine without one).
         */
        int cachedPrefix(int i, int request);
    }
}
