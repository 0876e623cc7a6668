package io.capsim.scenarios.cli;

import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.validate.ScenarioReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario file and its overrides, shared by the commands that read a scenario. */
final class ScenarioOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario file (YAML).")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a scalar field by its dotted path before validation, "
                    + "e.g. --set services.web.replicas=8. Repeatable; applied in order.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Master random seed (overrides the scenario's seed).")
    Long seed;

    /** Reads, overrides and validates a scenario of either kind. */
    ScenarioDocument loadDocument() {
        return ScenarioReader.readDocument(file, withSeed());
    }

    /** Reads, overrides and validates a serving scenario. */
    Scenario load() {
        return ScenarioReader.read(file, withSeed());
    }

    private List<String> withSeed() {
        List<String> all = new ArrayList<>(overrides);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        return all;
    }
}
