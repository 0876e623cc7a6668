package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsim.scenarios.validate.ScenarioException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PlanRange}: the --vary options of {@code capsim plan}, parsed and checked without a run. */
class PlanRangeTest {

    @Test
    void parsesEachRangeInOrder() {
        List<PlanRange> ranges = PlanRange.parseAll(List.of("nodePools.a.count = 0..6", "services.web.replicas=2 .. 9 "));
        assertEquals(List.of(new PlanRange("nodePools.a.count = 0..6", "nodePools.a.count", 0, 6),
                new PlanRange("services.web.replicas=2 .. 9 ", "services.web.replicas", 2, 9)), ranges);
        // One range prints its value alone; a mix prints path=value of each.
        assertEquals("3", PlanRange.value(ranges.subList(0, 1), List.of(3)));
        assertEquals("nodePools.a.count=3, services.web.replicas=4", PlanRange.value(ranges, List.of(3, 4)));
    }

    static Stream<Arguments> refused() {
        String format = "expected PATH=LO..HI with whole numbers 0 <= LO <= HI, HI - LO <= 1000000, "
                + "such as services.web.replicas=1..32";
        return Stream.of(
                Arguments.of("no range", List.of("services.web.replicas"), "--vary services.web.replicas: " + format),
                Arguments.of("negative", List.of("a=-1..3"), "--vary a=-1..3: " + format),
                Arguments.of("backwards", List.of("a=5..1"), "--vary a=5..1: " + format),
                // HI - LO = 1000001, one past MAX_RANGE.
                Arguments.of("too wide", List.of("a=0..1000001"), "--vary a=0..1000001: " + format),
                Arguments.of("twice", List.of("a=1..2", "a =3..4"), "--vary a =3..4: a is varied twice"),
                Arguments.of("four fields", List.of("a=1..2", "b=1..2", "c=1..2", "d=1..2"),
                        "--vary d=1..2: at most 3 --vary options (a mix of up to 3 fields)"),
                // The ranges before the last give 17 x 17 = 289 combinations, past 256.
                Arguments.of("too many combinations", List.of("a=0..16", "b=0..16", "c=1..2"),
                        "--vary a=0..16: the ranges before the last --vary give 289 combinations, more than 256 "
                                + "(each gets a binary search of the last range): narrow them"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithOneLocatedProblem(String name, List<String> vary, String expected) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> PlanRange.parseAll(vary));
        assertEquals(1, e.problems().size());
        assertEquals(expected, e.problems().get(0).toString());
    }
}
