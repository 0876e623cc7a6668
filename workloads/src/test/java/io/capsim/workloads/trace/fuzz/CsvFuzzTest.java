package io.capsim.workloads.trace.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the {@code csv} trace reader (see {@link TraceFuzzing}; the last byte picks the layout (odd: named columns), the one before it the policy). */
class CsvFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzz(FuzzedDataProvider data) {
        TraceFuzzing.readAll("csv", data, data.consumeBoolean() ? TraceFuzzing.CSV : TraceFuzzing.ISO);
    }
}
