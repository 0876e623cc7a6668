package io.capsim.workloads.arrival;

import io.capsim.engine.spi.Registry;
import java.util.List;

/**
 * The built-in arrival processes, by name: {@value PoissonProcess#NAME}, {@value MmppProcess#NAME}, {@value OnOffProcess#NAME},
 * {@value DiurnalProcess#NAME}, {@value PiecewiseRateProcess#NAME}, {@value HawkesProcess#NAME} and
 * {@value FlashCrowdProcess#NAME}.
 */
public final class ArrivalProcesses {

    /** Every built-in process. */
    public static final Registry<ArrivalProcess> REGISTRY =
            Registry.of("arrival process", List.of(new PoissonProcess(), new MmppProcess(), new OnOffProcess(),
                    new DiurnalProcess(), new PiecewiseRateProcess(), new HawkesProcess(), new FlashCrowdProcess()),
                    ArrivalProcess::name);

    private ArrivalProcesses() {}
}
