package io.capsim.scenarios.run;

import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.RunResult;
import io.capsim.engine.serving.ServingModel;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.arrival.ArrivalProcess;
import io.capsim.workloads.arrival.ArrivalProcesses;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires a validated scenario into the engine and runs it: scenario → workloads (one named random
 * stream per arrival stream, {@code arrivals/<name>}) → engine → {@link RunResult}. A pure function
 * of the scenario, seed included.
 */
public final class ScenarioRunner {

    private ScenarioRunner() {}

    /** Runs the scenario once with its own seed. */
    public static RunResult run(Scenario scenario) {
        RandomStreams streams = new RandomStreams(scenario.seed());
        List<ServingModel.Feed> feeds = new ArrayList<>();
        for (Scenario.ArrivalSpec a : scenario.arrivals()) {
            ArrivalProcess process = ArrivalProcesses.REGISTRY.find(a.process().process())
                    .orElseThrow(() -> new IllegalArgumentException(
                            ArrivalProcesses.REGISTRY.unknownMessage(a.process().process())));
            feeds.add(new ServingModel.Feed(a.service(),
                    process.open(a.process(), streams.stream("arrivals/" + a.name()), "arrivals." + a.name())));
        }
        ServingModel model = new ServingModel(
                scenario.nodePools(),
                scenario.services(),
                feeds,
                streams,
                SimTime.ofSeconds(scenario.warmupSeconds()),
                SimTime.ofSeconds(scenario.durationSeconds()));
        return model.run();
    }
}
