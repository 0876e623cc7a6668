package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.reports.model.RunReport;
import io.capsim.reports.json.SummaryJson;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.validate.ScenarioReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void watchingProgressDoesNotChangeTheRun() {
        Scenario s = ScenarioReader.read(Path.of("examples/quickstart.yaml"), List.of("duration=5m"));
        List<Long> seen = new ArrayList<>();
        ScenarioRunner.Outcome watched = ScenarioRunner.execute(s, (now, end) -> seen.add(now));
        ScenarioRunner.Outcome plain = ScenarioRunner.execute(s);
        assertEquals(SummaryJson.toTree(new RunReport(s.name(), s.seed(), plain.result())),
                SummaryJson.toTree(new RunReport(s.name(), s.seed(), watched.result())));
        assertEquals(100, seen.size());
        assertEquals(300_000_000_000L, seen.get(99));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1));
        }
    }
}
