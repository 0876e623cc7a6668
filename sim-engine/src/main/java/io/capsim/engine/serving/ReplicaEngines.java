package io.capsim.engine.serving;

import io.capsim.engine.spi.Registry;
import java.util.List;

/** The built-in replica engines, by name. */
public final class ReplicaEngines {

    /** Every built-in engine: {@value FixedSlots#NAME}, {@value ProcessorSharing#NAME}, {@value ContinuousBatching#NAME}. */
    public static final Registry<ReplicaEngineFactory> REGISTRY = Registry.of("replica engine",
            List.of(FixedSlots.FACTORY, ProcessorSharing.FACTORY, ContinuousBatching.FACTORY), ReplicaEngineFactory::name);

    private ReplicaEngines() {}
}
