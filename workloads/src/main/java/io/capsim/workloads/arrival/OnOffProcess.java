package io.capsim.workloads.arrival;

import io.capsim.engine.random.DistributionFactory.ParamProblem;
import io.capsim.engine.spi.Names;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The 2-state ON/OFF burst model under plain names: a {@link MmppProcess} with state 0 = ON
 * ({@code onRate}, mean length {@code onMean}) and state 1 = OFF ({@code offRate}, default 0, mean
 * length {@code offMean}). Same seed, same arrivals as the equivalent {@code mmpp} spec.
 *
 * <p>Mean rate {@code (onRate onMean + offRate offMean) / (onMean + offMean)}.
 *
 * <p>Parameters: {@code onRate} arrivals per second in (0, 1e9]; {@code onMean} and
 * {@code offMean} seconds &gt; 0; optional {@code offRate} arrivals per second in [0, 1e9].
 */
public final class OnOffProcess implements ArrivalProcess {

    /** Registered name. */
    public static final String NAME = "on-off";

    private final MmppProcess mmpp = new MmppProcess();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Names.ordered("onRate", "offRate", "onMean", "offMean");
    }

    @Override
    public List<ParamProblem> validate(ProcessSpec spec) {
        List<ParamProblem> out = new ArrayList<>();
        Params.range(spec, "onRate", 0, true, 1e9, false, "arrivals per second while ON", out);
        Params.optionalRange(spec, "offRate", 0, false, 1e9, false, "arrivals per second while OFF", out);
        Params.range(spec, "onMean", 0, true, 1e9, false, "seconds (mean ON period)", out);
        Params.range(spec, "offMean", 0, true, 1e9, false, "seconds (mean OFF period)", out);
        return out;
    }

    /** The equivalent {@code mmpp} spec. */
    public static ProcessSpec asMmpp(ProcessSpec spec) {
        return new ProcessSpec(MmppProcess.NAME, Map.of("rate.0", spec.get("onRate"),
                "rate.1", spec.has("offRate") ? spec.get("offRate") : 0.0,
                "hold.0", spec.get("onMean"), "hold.1", spec.get("offMean")));
    }

    @Override
    public ArrivalCursor open(ProcessSpec spec, UniformRandomProvider rng, String label) {
        Params.check(validate(spec), label);
        return mmpp.open(asMmpp(spec), rng, label);
    }
}
