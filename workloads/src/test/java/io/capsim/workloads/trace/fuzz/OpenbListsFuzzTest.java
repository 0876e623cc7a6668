package io.capsim.workloads.trace.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the openb node and pod list readers of scheduling experiments (see {@link TraceFuzzing}). */
class OpenbListsFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        TraceFuzzing.readOpenbList(data);
    }
}
