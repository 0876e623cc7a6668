package io.capsim.workloads.trace.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the {@code alibaba-genai-2026} trace reader (see {@link TraceFuzzing}). */
class AlibabaGenAiFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        TraceFuzzing.readAll("alibaba-genai-2026", data, null);
    }
}
