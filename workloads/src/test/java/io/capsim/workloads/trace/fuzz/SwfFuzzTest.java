package io.capsim.workloads.trace.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the {@code swf} trace reader (see {@link TraceFuzzing}). */
class SwfFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        TraceFuzzing.readAll("swf", data, null);
    }
}
