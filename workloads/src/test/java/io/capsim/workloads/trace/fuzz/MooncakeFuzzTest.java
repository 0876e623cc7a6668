package io.capsim.workloads.trace.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the {@code mooncake} trace reader (see {@link TraceFuzzing}). */
class MooncakeFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        TraceFuzzing.readAll("mooncake", data, null);
    }
}
