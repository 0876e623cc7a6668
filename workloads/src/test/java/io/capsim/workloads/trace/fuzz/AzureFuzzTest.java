package io.capsim.workloads.trace.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the {@code azure-llm-2023} trace reader (see {@link TraceFuzzing}). */
class AzureFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        TraceFuzzing.readAll("azure-llm-2023", data, null);
    }
}
