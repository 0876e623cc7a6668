package io.capsim.scenarios.cli;

import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.model.SchedulingScenario;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code capsim validate FILE}: checks a scenario without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario file and report every problem with its file:line:column and field path.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions scenario;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ScenarioDocument doc = scenario.loadDocument();
        if (doc instanceof SchedulingScenario e) {
            spec.commandLine().getOut().printf("%s: scheduling experiment \"%s\" is valid: %d nodes, %d pods, "
                    + "%d polic%s, %d seed(s)%n", scenario.file, e.name(), e.nodes().size(), e.pods().size(),
                    e.policies().size(), e.policies().size() == 1 ? "y" : "ies", e.replications());
            return CapsimCommand.OK;
        }
        Scenario s = (Scenario) doc;
        long submitAt = s.arrivals().stream().filter(a -> a.times() != null).count();
        spec.commandLine().getOut().printf("%s: scenario \"%s\" is valid: %d node pool(s), %d service(s), %d job(s), "
                        + "%d arrival stream(s), %d scheduler profile(s)%n", scenario.file, s.name(), s.nodePools().size(),
                s.services().size(), s.jobs().size(), s.arrivals().size() - submitAt, s.scheduler().profiles().size());
        return CapsimCommand.OK;
    }
}
