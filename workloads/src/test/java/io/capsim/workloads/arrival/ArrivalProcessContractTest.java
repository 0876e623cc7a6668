package io.capsim.workloads.arrival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.random.DistributionFactory.ParamProblem;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every registered {@link ArrivalProcess} meets, with one valid spec per process. */
class ArrivalProcessContractTest {

    static final Map<String, Map<String, Double>> VALID = Map.of(
            "poisson", Map.of("rate", 50.0),
            "mmpp", Map.of("rate.0", 100.0, "rate.1", 0.0, "hold.0", 0.5, "hold.1", 2.0),
            "on-off", Map.of("onRate", 100.0, "onMean", 0.5, "offMean", 2.0),
            "diurnal", Map.of("mean", 20.0, "amplitude", 1.0, "period", 60.0),
            "piecewise", Map.of("rate.0", 5.0, "at.1", 1.0, "rate.1", 50.0, "period", 3.0),
            "hawkes", Map.of("baseline", 5.0, "branching", 0.9, "decay", 10.0),
            "flash-crowd", Map.of("rate", 10.0, "factor", 20.0, "start", 1.0, "duration", 0.5, "period", 2.0));

    static Stream<String> names() {
        return ArrivalProcesses.REGISTRY.names().stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyProcessHasAValidSpecHereAndIsFoundByItsExactName(String name) {
        assertTrue(VALID.containsKey(name), "add a valid spec for " + name);
        ArrivalProcess p = ArrivalProcesses.REGISTRY.find(name).orElseThrow();
        assertEquals(name, p.name());
        assertTrue(p.parameters().containsAll(VALID.get(name).keySet()));
        assertEquals(List.of(), p.validate(new ProcessSpec(name, VALID.get(name))));
        assertTrue(ArrivalProcesses.REGISTRY.find(name.toUpperCase(java.util.Locale.ROOT)).isEmpty() || name.isEmpty());
    }

    @ParameterizedTest
    @MethodSource("names")
    void timesStartAtZeroOrLaterAndNeverDecrease(String name) {
        ArrivalCursor c = open(name, 1);
        long prev = 0;
        for (int i = 0; i < 100_000; i++) {
            assertTrue(c.advance());
            assertTrue(c.timeTicks() >= prev, name + " at arrival " + i);
            prev = c.timeTicks();
        }
        assertEquals(ArrivalCursor.NO_WORK, c.workTicks());
        assertEquals("test." + name, c.origin());
    }

    @ParameterizedTest
    @MethodSource("names")
    void missingParametersAreReportedAndOpenRefusesThem(String name) {
        ArrivalProcess p = ArrivalProcesses.REGISTRY.find(name).orElseThrow();
        List<ParamProblem> problems = p.validate(new ProcessSpec(name, Map.of()));
        assertFalse(problems.isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.open(new ProcessSpec(name, Map.of()), new RandomStreams(1).stream("x"), "arrivals.web"));
        assertTrue(e.getMessage().startsWith("arrivals.web." + problems.get(0).parameter() + ": "), e.getMessage());
    }

    @Property(tries = 30)
    void sameSeedSameArrivals(@ForAll long seed) {
        for (String name : ArrivalProcesses.REGISTRY.names()) {
            ArrivalCursor a = open(name, seed);
            ArrivalCursor b = open(name, seed);
            for (int i = 0; i < 200; i++) {
                assertEquals(a.advance(), b.advance());
                assertEquals(a.timeTicks(), b.timeTicks(), name);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void unknownNamesGetASuggestion() {
        assertEquals("unknown arrival process \"hawks\"; did you mean \"hawkes\"? (allowed: poisson, mmpp, on-off,"
                + " diurnal, piecewise, hawkes, flash-crowd)", ArrivalProcesses.REGISTRY.unknownMessage("hawks"));
    }

    @org.junit.jupiter.api.Test
    void badParameterValuesNameTheAllowedRange() {
        ArrivalProcess hawkes = ArrivalProcesses.REGISTRY.find("hawkes").orElseThrow();
        assertEquals(List.of(new ParamProblem("branching", "1.0 is not in [0, 1) (mean arrivals triggered by each arrival)")),
                hawkes.validate(new ProcessSpec("hawkes", Map.of("baseline", 1.0, "branching", 1.0, "decay", 1.0))));
        ArrivalProcess mmpp = ArrivalProcesses.REGISTRY.find("mmpp").orElseThrow();
        assertEquals("rate.1", mmpp.validate(new ProcessSpec("mmpp", Map.of("rate.0", 1.0))).get(0).parameter());
        ArrivalProcess piecewise = ArrivalProcesses.REGISTRY.find("piecewise").orElseThrow();
        assertEquals(new ParamProblem("at.2", "5.0 must be greater than at[1] = 10.0"), piecewise.validate(
                new ProcessSpec("piecewise", Map.of("rate.0", 1.0, "at.1", 10.0, "rate.1", 2.0, "at.2", 5.0,
                        "rate.2", 1.0))).get(0));
    }

    /** A jump matrix may be written whole, its diagonal 0 (a state does not jump to itself). */
    @org.junit.jupiter.api.Test
    void anMmppJumpMatrixMayHoldAZeroDiagonal() {
        ArrivalProcess mmpp = ArrivalProcesses.REGISTRY.find("mmpp").orElseThrow();
        Map<String, Double> full = Map.of("rate.0", 5.0, "rate.1", 0.0, "hold.0", 1.0, "hold.1", 2.0,
                "to.0.0", 0.0, "to.0.1", 1.0, "to.1.0", 1.0, "to.1.1", 0.0);
        assertTrue(mmpp.parameters().containsAll(full.keySet()));
        assertEquals(List.of(), mmpp.validate(new ProcessSpec("mmpp", full)));
        Map<String, Double> self = new java.util.HashMap<>(full);
        self.put("to.1.1", 3.0);
        List<ParamProblem> p = mmpp.validate(new ProcessSpec("mmpp", self));
        assertEquals(1, p.size(), p.toString());
        assertEquals("to.1.1", p.get(0).parameter());
        assertTrue(p.get(0).message().startsWith("3.0 must be 0: a state does not jump to itself"), p.get(0).message());
    }

    @org.junit.jupiter.api.Test
    void onOffIsTheTwoStateMmpp() {
        ArrivalCursor a = open("on-off", 5);
        ArrivalCursor b = ArrivalProcesses.REGISTRY.find("mmpp").orElseThrow().open(new ProcessSpec("mmpp",
                VALID.get("mmpp")), new RandomStreams(5).stream("arrivals/on-off"), "x");
        for (int i = 0; i < 10_000; i++) {
            assertTrue(a.advance() && b.advance());
            assertEquals(b.timeTicks(), a.timeTicks());
        }
    }

    private static ArrivalCursor open(String name, long seed) {
        return ArrivalProcesses.REGISTRY.find(name).orElseThrow().open(new ProcessSpec(name, VALID.get(name)),
                new RandomStreams(seed).stream("arrivals/" + name), "test." + name);
    }

    @org.junit.jupiter.api.Test
    void parameterNamesShowListItemsInBrackets() {
        assertEquals("rate[1]", ProcessSpec.shown("rate.1"));
        assertEquals("to[0][12]", ProcessSpec.shown("to.0.12"));
        assertEquals("period", ProcessSpec.shown("period"));
        assertEquals(".hold", ProcessSpec.shown(".hold"));
        assertEquals("a.b", ProcessSpec.shown("a.b"));
    }
}
