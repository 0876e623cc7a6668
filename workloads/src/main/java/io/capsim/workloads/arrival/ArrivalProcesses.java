package io.capsim.workloads.arrival;

import io.capsim.engine.spi.Registry;
import java.util.List;

/** The built-in arrival processes, by name. */
public final class ArrivalProcesses {

    /** Every built-in process. */
    public static final Registry<ArrivalProcess> REGISTRY =
            Registry.of("arrival process", List.of(new PoissonProcess()), ArrivalProcess::name);

    private ArrivalProcesses() {}
}
