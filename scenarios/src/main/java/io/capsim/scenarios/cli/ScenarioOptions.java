package io.capsim.scenarios.cli;

import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.model.ScenarioDocument;
import io.capsim.scenarios.validate.Location;
import io.capsim.scenarios.validate.Problem;
import io.capsim.scenarios.validate.ScenarioException;
import io.capsim.scenarios.validate.ScenarioReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario file and its overrides, shared by the commands that read a scenario. */
final class ScenarioOptions {

    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario file (YAML).")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a scalar field by its path before validation, "
                    + "e.g. --set services.web.replicas=8 or --set 'nodePools.gpu.zones[2]=zone-c' (an index one past "
                    + "the end appends; PATH=null removes); a key with dots in brackets and quotes, e.g. "
                    + "--set 'services.web.nodeSelector[\"kubernetes.io/arch\"]=arm64'. Repeatable; applied in order.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Master random seed (overrides the scenario's seed).")
    Long seed;

    @Mixin
    LimitOptions limits;

    @Option(names = "--allow-paths", paramLabel = "DIR",
            description = "Also read trace and list files from DIR (by default only files inside the scenario's "
                    + "folder or the working folder are read). Repeatable.")
    List<Path> allowPaths = new ArrayList<>();

    /** Reads, overrides and validates a scenario of either kind, with the file's hash. */
    ScenarioReader.Loaded load() {
        return ScenarioReader.load(file, withSeed(), limits.settings(allowPaths));
    }

    /** Reads, overrides and validates a scenario of either kind. */
    ScenarioDocument loadDocument() {
        return load().document();
    }

    /** Reads, overrides and validates a serving scenario. */
    Scenario loadServing() {
        ScenarioDocument d = loadDocument();
        if (d instanceof Scenario s) {
            return s;
        }
        throw new ScenarioException(new Problem(Location.of(file.toString()), "schedulingExperiment",
                "this command needs a serving scenario; " + file + " is a scheduling experiment"));
    }

    /** The {@code --set} overrides as given, then {@code seed=N} for {@code --seed}. */
    List<String> withSeed() {
        List<String> all = new ArrayList<>(overrides);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        return all;
    }
}
