package io.capsim.scenarios.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.capsim.scenarios.validate.ScenarioException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SweepGridTest {

    @Test
    void firstParameterVariesSlowest() {
        SweepGrid g = SweepGrid.parse("--param", List.of("a.x=1,2", "b.y=p,q,r"));
        assertEquals(6, g.size());
        // Nested loops: (1,p) (1,q) (1,r) (2,p) (2,q) (2,r).
        assertEquals(List.of("1", "q"), g.point(1).values());
        assertEquals(List.of("2", "p"), g.point(3).values());
        assertEquals(List.of("a.x=2", "b.y=r"), g.point(5).overrides());
    }

    @Test
    void folderNamesAreSafeDistinctAndIndependentOfTheOtherValues() {
        SweepGrid g = SweepGrid.parse("--param", List.of("description=../../etc,a/b,a_b,\u202Ex", "seed=1,2"));
        Set<String> names = new HashSet<>();
        for (SweepGrid.Point p : g.points()) {
            assertTrue(p.folder().matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,200}"), p.folder());
            assertFalse(p.folder().contains("/"));
            names.add(p.folder());
        }
        assertEquals(g.size(), names.size(), "a/b and a_b read the same but are told apart by the hash");
        // Adding a value renames no point already there.
        SweepGrid more = SweepGrid.parse("--param", List.of("description=../../etc,a/b,a_b,\u202Ex", "seed=1,2,3"));
        Set<String> moreNames = new HashSet<>();
        more.points().forEach(p -> moreNames.add(p.folder()));
        assertTrue(moreNames.containsAll(names));
    }

    @Test
    void shardsPartitionThePointsRoundRobin() {
        int[] seen = new int[10];
        for (int i = 1; i <= 3; i++) {
            SweepGrid.Shard s = SweepGrid.Shard.parse("--shard", i + "/3");
            for (int k = 0; k < 10; k++) {
                if (s.contains(k)) {
                    seen[k]++;
                    assertEquals(i - 1, k % 3);
                }
            }
        }
        for (int c : seen) {
            assertEquals(1, c);
        }
        for (String bad : List.of("0/3", "4/3", "1/0", "a/b", "1", "1/2/3")) {
            assertThrows(ScenarioException.class, () -> SweepGrid.Shard.parse("--shard", bad), bad);
        }
    }

    @Test
    void badParametersAreAllReported() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> SweepGrid.parse("--param",
                List.of("novalue", "a..b=1", "x=1,1", "y=1,", "x=3")));
        assertEquals(5, e.problems().size(), e.problems().toString());
    }

    @Test
    void sloGrammarAndFieldLookup() throws Exception {
        Slo s = Slo.parse("--slo", "services.api.v2.latencyMs.p99 <= 250");
        assertEquals(Slo.Op.LE, s.op());
        assertEquals(250, s.target());
        var summary = new ObjectMapper().readTree(
                "{\"services\":{\"api.v2\":{\"latencyMs\":{\"p99\":200.5}},\"api\":{\"latencyMs\":{\"p99\":1}}}}");
        // The service named "api.v2" is matched whole.
        assertEquals(200.5, s.value(summary, "--slo"));
        assertTrue(s.met(200.5));
        assertEquals(49.5, s.margin(200.5));
        assertFalse(s.met(Double.NaN));
        assertTrue(Slo.parse("--slo", "cluster.cpu.used>0.5").met(0.6));
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> Slo.parse("--slo", "services.api.latencyMs.p98<=1").value(summary, "--slo"));
        assertTrue(e.problems().get(0).message().contains("did you mean services.api.latencyMs.p99?"),
                e.problems().toString());
        for (String bad : List.of("p99", "p99=<3", "a.b<=x", "<=3", "a..b<=3")) {
            assertThrows(ScenarioException.class, () -> Slo.parse("--slo", bad), bad);
        }
    }

    @Test
    void binarySearchFindsTheLeastAndEvaluatesTheOneBelow() {
        for (int answer = 3; answer <= 21; answer++) {
            int a = answer;
            Set<Integer> evaluated = new HashSet<>();
            int got = CapacitySearch.least(3, 20, c -> {
                evaluated.add(c);
                return c >= a;
            });
            assertEquals(a, got);
            if (a > 3 && a <= 20) {
                assertTrue(evaluated.contains(a - 1));
            }
        }
    }

    @Test
    void replicationZeroIsTheMasterSeedAndTheOthersDiffer() {
        assertEquals(42, CandidateReplications.seed(42, 0));
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seeds.add(CandidateReplications.seed(42, i));
        }
        assertEquals(1000, seeds.size());
    }
}
