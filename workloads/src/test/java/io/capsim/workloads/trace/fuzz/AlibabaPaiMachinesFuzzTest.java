package io.capsim.workloads.trace.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the {@code alibaba-pai-2020-machines} trace reader (see {@link TraceFuzzing}). */
class AlibabaPaiMachinesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        TraceFuzzing.readAll("alibaba-pai-2020-machines", data, null);
    }
}
