package io.capsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.controllers.UsageRecommender;
import io.capsim.engine.kernel.SimTime;
import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceLimits;
import io.capsim.workloads.usage.BitbrainsFormat;
import io.capsim.workloads.usage.UsageCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The right-sizing replay on a hand-worked trace. */
class RightSizingTest {

    @TempDir
    Path dir;

    @Test
    void savedHoursAndTimeAboveTheRequestAreTheWorkedOutOnes() throws IOException {
        // One VM of 2 cores (2,000 m; 1,000 MHz per core), a sample every hour: used 500 m, 500 m,
        // 500 m, 1,500 m, 500 m (MHz = m here). Window 2 h, interval 1 h, p50 (nearest rank), no
        // margin, min 10 m. A sample's usage holds until the next sample.
        // Hours [0,1), [1,2): recorded 2,000 m (the first target comes at 2 h).
        // At 2 h: samples in (0, 2 h] = 500, 500: target 500 for [2,3).
        // At 3 h: samples in (1, 3] = 500, 1,500: rank ceil(0.5 x 2) = 1: 500 for [3,4), where usage is
        // 1,500: exceeded for 1 h.
        // At 4 h: samples (2, 4] = 1,500, 500: 500 (the last sample ends the replay).
        // Core-hours: recorded 4 x 2 = 8; recommended 2 + 2 + 0.5 + 0.5 = 5; saved 3; used
        // 0.5 + 0.5 + 0.5 + 1.5 = 3; exceeded 1 h of 4 = 0.25; never above the recorded 2,000 m.
        StringBuilder sb = new StringBuilder(BitbrainsFormat.HEADER + "\n");
        int[] used = {500, 500, 500, 1500, 500};
        for (int h = 0; h < used.length; h++) {
            sb.append("9,").append(3600 * h).append(",2,2000,").append(used[h]).append(",0,1024,512,0,0,0,0\n");
        }
        Path f = dir.resolve("t.csv");
        Files.writeString(f, sb.toString());
        RightSizing.Settings s = new RightSizing.Settings(RightSizing.Resource.CPU,
                new UsageRecommender.Settings(50, 0, 10, 1e9, SimTime.ofSeconds(7200)), SimTime.ofSeconds(3600));
        RightSizing.Result r;
        try (UsageCursor c = new BitbrainsFormat().open(f, BadRowPolicy.STOP, TraceLimits.DEFAULTS)) {
            r = RightSizing.run(c, s);
        }
        assertEquals(4, r.hours(), 1e-9);
        assertEquals(8, r.recordedHours(), 1e-9);
        assertEquals(5, r.recommendedHours(), 1e-9);
        assertEquals(3, r.savedHours(), 1e-9);
        assertEquals(3, r.usedHours(), 1e-9);
        assertEquals(0.25, r.exceededShare(), 1e-9);
        assertEquals(0, r.recordedExceededShare(), 1e-9);
        assertEquals(500, r.pods().get(0).lastTarget(), 1e-9);
    }
}
