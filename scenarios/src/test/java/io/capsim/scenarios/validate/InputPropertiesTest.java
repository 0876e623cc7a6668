package io.capsim.scenarios.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of the scenario input layer (jqwik), beside the coverage-guided fuzzers: any text is
 * parsed or refused with located problems; every number written in decimal reads back exactly;
 * every other YAML number form is refused with a message, never a NumberFormatException.
 */
class InputPropertiesTest {

    static final InputLimits SMALL = new InputLimits(64 << 10, 512, 8, 50, InputLimits.DEFAULTS.trace());

    @Property(tries = 2000)
    void anyTextParsesOrIsRefusedWithLocatedProblems(@ForAll @StringLength(max = 300) String text) {
        try {
            YamlTree.parse(text.getBytes(StandardCharsets.UTF_8), "fuzz.yaml", SMALL);
        } catch (ScenarioException e) {
            ScenarioFuzzTest.checkLocated(e, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> tokens = Arbitraries.of("a", "b: ", "- ", "[", "]", "{", "}", ", ", ": ", "\n", "\r", "  ",
                "&x ", "*x", "&y ", "*y", "<<: ", "'", "\"", "#", ".nan", "0x1F", "017", "1e400", "!!str ", "---\n",
                "|\n", "\t", "\u0000", "\u2028", "~");
        return tokens.list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void yamlLikeTextParsesOrIsRefusedWithLocatedProblems(@ForAll("yamlish") String text) {
        anyTextParsesOrIsRefusedWithLocatedProblems(text);
    }

    @Property(tries = 1000)
    void decimalIntegersReadBackExactly(@ForAll long v) {
        assertEquals(v, YamlNumbers.parseLong(Long.toString(v)));
        assertEquals((double) v, YamlNumbers.parse(Long.toString(v)));
    }

    @Property(tries = 1000)
    void decimalNumbersReadBackExactly(@ForAll @DoubleRange(min = -1e300, max = 1e300) double v) {
        String text = Double.toString(v); // such as 1.0E-5: a decimal with an exponent
        assertEquals(v, YamlNumbers.parse(text));
        assertEquals(v, Double.parseDouble(YamlNumbers.plain(text)));
    }

    @Property(tries = 2000)
    void anyOtherTextIsRefusedWithAMessageNeverANumberFormatException(@ForAll @StringLength(max = 40) String text) {
        try {
            double v = YamlNumbers.parse(text);
            assertTrue(Double.isFinite(v), text);
        } catch (NumberFormatException e) {
            throw new AssertionError("a raw NumberFormatException for \"" + text + "\"", e);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains(text.trim()), e.getMessage());
        }
    }

    @Property(tries = 200)
    void otherYamlNumberFormsAreRefusedNamingWhatTheyAre(@ForAll("otherForms") String text) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> YamlNumbers.parse(text));
        assertTrue(List.of("is not a number", "is infinite", "is hexadecimal", "is binary", "leading zero").stream()
                .anyMatch(e.getMessage()::contains), e.getMessage());
    }

    @Provide
    Arbitrary<String> otherForms() {
        return Arbitraries.oneOf(
                Arbitraries.of(".nan", ".NaN", ".NAN", ".inf", "-.inf", "+.Inf", ".INF"),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(v -> "0x" + Long.toHexString(v)),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(v -> "-0b" + Long.toBinaryString(v)),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(v -> "0" + Long.toOctalString(v)));
    }
}
