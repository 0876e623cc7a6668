package io.capsim.workloads.trace.genai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceFormatContract;
import io.capsim.workloads.trace.TraceOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The GenAI 2026 reader on the whole real request trace (gzip). */
class AlibabaGenAiTraceFormatTest extends TraceFormatContract {

    @Override
    protected TraceFormat format() {
        return new AlibabaGenAiTraceFormat();
    }

    @Override
    protected Path sample() {
        return Samples.path(Samples.GENAI);
    }

    @Override
    protected long expectedRows() {
        // 26,823 rows, less 30 PENDING and 3 PROCESSING (README: SUCCEED 26,392 + FAILED 398).
        return 26_790;
    }

    /**
     * Read by hand: line 2 {@code 2024-11-15 16:57:50,TXT_2_IMG,SUCCEED,32.0,G0000,63.0,26.0,1.0,
     * 30.0,M0000,0} (origin, 32 s of work); line 5 {@code 2024-11-15 18:17:16,IMG_2_IMG,SUCCEED,
     * 53.0,G0001,93.0,,8.0,40.0,M0001,0} -> 1 h 19 min 26 s = 4,766 s; line 202 {@code 2024-11-17
     * 04:44:00,TXT_2_IMG,FAILED,3.0,G0019,67.0,,2.0,30.0,M0013,0}; last delivered line 26822
     * {@code 2024-12-08 17:33:45,...,SUCCEED,15.0,G2054,...} -> 23 days 35 min 55 s = 1,989,355 s.
     * Lines 9632.. (PENDING) and 22918, 26823, 26824 (PROCESSING) are not delivered. The work
     * column sums to 768,803 s over delivered rows (awk over the file).
     */
    @Test
    void rowsMatchHandReadValues() {
        try (AlibabaGenAiTraceFormat.Cursor c = new AlibabaGenAiTraceFormat().open(sample(), TraceOptions.defaults())) {
            long workSeconds = 0;
            int seen = 0;
            while (c.advance()) {
                workSeconds += c.workTicks() / 1_000_000_000L;
                assertTrue(c.line() != 9632 && c.line() != 22918, "filtered rows are not delivered");
                if (c.line() == 2) {
                    assertEquals(0, c.timeTicks());
                    assertEquals(32_000_000_000L, c.workTicks());
                    assertEquals(AlibabaGenAiTraceFormat.PredictType.TXT_2_IMG, c.predictType());
                    assertEquals(26.0, c.negativePromptLength());
                    seen++;
                } else if (c.line() == 5) {
                    assertEquals(4_766_000_000_000L, c.timeTicks());
                    assertEquals(53_000_000_000L, c.workTicks());
                    assertEquals(AlibabaGenAiTraceFormat.PredictType.IMG_2_IMG, c.predictType());
                    assertFalse(c.failed());
                    assertEquals(1, c.groupId());
                    assertEquals(93.0, c.promptLength());
                    assertEquals(-1, c.negativePromptLength(), "empty negative prompt");
                    assertEquals(8, c.imagesPerPrompt());
                    assertEquals(40, c.inferenceSteps());
                    assertEquals(1, c.modelId());
                    assertEquals(0, c.loras());
                    seen++;
                } else if (c.line() == 202) {
                    assertTrue(c.failed());
                    assertEquals(3_000_000_000L, c.workTicks());
                    assertEquals(19, c.groupId());
                    assertEquals(13, c.modelId());
                    seen++;
                }
            }
            assertEquals(3, seen);
            assertEquals(26_822, c.line());
            assertEquals(1_989_355_000_000_000L, c.timeTicks());
            assertEquals(15_000_000_000L, c.workTicks());
            assertEquals(2054, c.groupId());
            assertEquals(33, c.filteredRows());
            assertEquals(768_803, workSeconds);
        }
    }
}
