package io.capsim.scenarios.cli;

import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.workloads.trace.BadRowPolicy;
import picocli.CommandLine.Option;

/** {@code --on-bad-row stop|skip}, shared by the commands that read a trace file. */
final class BadRowOption {

    @Option(names = "--on-bad-row", paramLabel = "stop|skip", description = "Stop at a bad row (default) or skip and count it.")
    String onBadRow = "stop";

    /**
     * The policy named.
     *
     * @throws ScenarioException located at {@code --on-bad-row} if it names no policy
     */
    BadRowPolicy policy() {
        try {
            return BadRowPolicy.of(onBadRow);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(new Problem(Location.of("--on-bad-row"), "", e.getMessage()));
        }
    }
}
