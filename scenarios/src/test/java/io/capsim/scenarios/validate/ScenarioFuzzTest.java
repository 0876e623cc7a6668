package io.capsim.scenarios.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.capsim.workloads.trace.TraceLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the scenario reader with {@code --set} overrides: any input
 * yields a valid model or a {@link ScenarioException} whose problems are located in the input or an
 * override, never another exception.
 *
 * <p>{@code ./mvnw verify} runs it on the committed corpus ({@code ScenarioFuzzTestInputs/fuzz/},
 * every finding kept there); {@code .ci/fuzz} fuzzes it (see {@code docs/RELIABILITY.md}).
 */
class ScenarioFuzzTest {

    /** Small limits, so the fuzzer meets them often and an input stays cheap. */
    static final ReadSettings SETTINGS = new ReadSettings(new InputLimits(64 << 10, 4096, 16, 200,
            TraceLimits.DEFAULTS.withMaxLineBytes(4096)), List.of());

    /** Files named in a fuzzed scenario resolve here: the examples, so real traces can be reached. */
    static final Path BASE = Path.of("examples").toAbsolutePath();

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 3);
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            overrides.add(data.consumeString(80));
        }
        byte[] yaml = data.consumeRemainingAsBytes();
        try {
            assertNotNull(ScenarioReader.parse(yaml, "fuzz.yaml", overrides, BASE, SETTINGS));
        } catch (ScenarioException e) {
            checkLocated(e, yaml);
        }
    }

    /** Every problem has a message, and a location in the input, an override, or no line at all. */
    static void checkLocated(ScenarioException e, byte[] input) {
        assertFalse(e.problems().isEmpty());
        long lines = 1; // at most: YAML breaks lines at LF, CR, NEL (0x85) and LS/PS (E2 80 A8/A9)
        for (byte b : input) {
            if (b == '\n' || b == '\r' || b == (byte) 0x85 || b == (byte) 0xA8 || b == (byte) 0xA9) {
                lines++;
            }
        }
        for (Problem p : e.problems()) {
            assertFalse(p.message().isBlank(), p.toString());
            Location l = p.location();
            assertTrue(l.line() >= 0 && l.line() <= lines + 1 && l.column() >= 0, p.toString());
            assertTrue(l.source().equals("fuzz.yaml") || l.source().equals("profile.yaml")
                    || l.source().startsWith("--set ") || l.source().equals("classpath"), p.toString());
        }
    }
}
