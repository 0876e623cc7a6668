package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in scenarios/examples through {@code capsim validate}: each scenario is accepted, and
 * the one scheduler configuration (which scenarios name in {@code scheduler.configuration}) is
 * refused with one message saying what it is.
 */
class ExampleFilesTest {

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void validates(Path file) {
        Cli r = Cli.run("validate", file.toString());
        if (file.getFileName().toString().equals("scheduler-config.yaml")) {
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("scheduler-config.yaml:4:7: kind: this file is a KubeSchedulerConfiguration, "
                    + "not a scenario"), r.err());
            return;
        }
        assertEquals(0, r.exitCode(), file + ": " + r.err());
    }
}
