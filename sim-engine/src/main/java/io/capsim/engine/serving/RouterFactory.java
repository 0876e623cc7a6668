package io.capsim.engine.serving;

import org.apache.commons.rng.UniformRandomProvider;

/** Builds the router of one service; registered by {@link #name()} in {@link Routers}. */
public interface RouterFactory {

    /** The name a scenario gives in {@code services.<name>.routing}, for example {@code round-robin}. */
    String name();

    /**
     * A router for one service.
     *
     * @param rng the service's routing stream ({@code routing/<service>}), for routers that draw
     */
    Router create(ServiceSpec spec, UniformRandomProvider rng);
}
