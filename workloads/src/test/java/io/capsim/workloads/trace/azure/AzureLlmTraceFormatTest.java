package io.capsim.workloads.trace.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Azure reader on the real conversation trace (gzip, whole) and code trace (first 1,000 rows). */
class AzureLlmTraceFormatTest extends io.capsim.workloads.trace.TraceFormatContract {

    @Override
    protected TraceFormat format() {
        return new AzureLlmTraceFormat();
    }

    @Override
    protected Path sample() {
        return Samples.path(Samples.AZURE_CONV);
    }

    @Override
    protected long expectedRows() {
        return 19_366; // README: 19,366 data rows
    }

    /**
     * Rows read by hand from AzureLLMInferenceTrace_conv.csv:
     * line 2 {@code 2023-11-16 18:15:46.6805900,374,44} -> t = 0 (the first row is the origin);
     * line 3 {@code 2023-11-16 18:15:50.9951690,396,109} -> t = 4.3145790 s = 4,314,579,000 ns;
     * line 10001 {@code 2023-11-16 18:45:33.9898730,399,83} -> 29 min 47.3092830 s =
     * 1,787,309,283,000 ns; line 19367 (last, no newline) {@code 2023-11-16 19:14:08.4025270,197,183}
     * -> 58 min 21.7219370 s = 3,501,721,937,000 ns.
     */
    @Test
    void conversationRowsMatchHandReadValues() {
        try (TraceCursor c = format().open(sample(), TraceOptions.defaults())) {
            long[][] expected = {
                {2, 0, 374, 44},
                {3, 4_314_579_000L, 396, 109},
                {10_001, 1_787_309_283_000L, 399, 83},
                {19_367, 3_501_721_937_000L, 197, 183},
            };
            int k = 0;
            while (c.advance()) {
                if (k < expected.length && c.line() == expected[k][0]) {
                    assertEquals(expected[k][1], c.timeTicks(), "time at line " + c.line());
                    assertEquals(expected[k][2], c.inputTokens(), "ContextTokens at line " + c.line());
                    assertEquals(expected[k][3], c.outputTokens(), "GeneratedTokens at line " + c.line());
                    assertEquals(TraceCursor.NO_WORK, c.workTicks());
                    k++;
                }
            }
            assertEquals(expected.length, k, "all hand-read lines seen");
        }
    }

    /**
     * AzureLLMInferenceTrace_code.csv, CRLF: line 2 {@code 2023-11-16 18:17:03.9799600,4808,10}
     * (origin), line 1001 {@code 2023-11-16 18:25:45.5685360,94,54} -> 8 min 41.5885760 s =
     * 521,588,576,000 ns.
     */
    @Test
    void codeRowsMatchHandReadValues() {
        try (TraceCursor c = format().open(Samples.path(Samples.AZURE_CODE), TraceOptions.defaults())) {
            c.advance();
            assertEquals(0, c.timeTicks());
            assertEquals(4808, c.inputTokens());
            assertEquals(10, c.outputTokens());
            long rows = 1;
            while (c.advance()) {
                rows++;
                if (c.line() == 1001) {
                    assertEquals(521_588_576_000L, c.timeTicks());
                    assertEquals(94, c.inputTokens());
                    assertEquals(54, c.outputTokens());
                }
            }
            assertEquals(1000, rows);
        }
    }

    @Test
    void rejectsAnotherFormatsHeader() throws IOException {
        Path p = tmp.resolve("other.csv");
        Files.writeString(p, "time,input,output\n1,2,3\n");
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> format().open(p, TraceOptions.defaults()));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().startsWith("other.csv:1: header \"time,input,output\" is not"), e.getMessage());
    }

    @Test
    void reportsUnsortedTimestampsWithTheLineNumber() throws IOException {
        Path p = tmp.resolve("unsorted.csv");
        Files.writeString(p, AzureLlmTraceFormat.HEADER + "\n"
                + "2023-11-16 18:15:46.0,1,1\n"
                + "2023-11-16 18:15:47.0,2,2\n"
                + "2023-11-16 18:15:46.5,3,3\n"
                + "2023-11-16 18:15:48.0,4,4\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> {
            try (TraceCursor c = format().open(p, TraceOptions.defaults())) {
                while (c.advance()) {
                    // drain
                }
            }
        });
        assertEquals(4, e.line());
        assertTrue(e.reason().contains("before the previous row") && e.reason().contains("(line 3)"), e.reason());

        try (TraceCursor c = format().open(p, TraceOptions.of(BadRowPolicy.SKIP))) {
            long sum = 0;
            while (c.advance()) {
                sum += c.inputTokens();
            }
            assertEquals(1 + 2 + 4, sum, "the out-of-order row is skipped");
            assertEquals(1, c.skippedRows());
        }
    }

    @Test
    void badValuesNameTheColumn() throws IOException {
        Path p = tmp.resolve("bad.csv");
        Files.writeString(p, AzureLlmTraceFormat.HEADER + "\n2023-11-16 18:15:46.0,12x,1\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> {
            try (TraceCursor c = format().open(p, TraceOptions.defaults())) {
                c.advance();
            }
        });
        assertEquals("bad.csv:2: ContextTokens: \"12x\" is not an integer", e.getMessage());
    }
}
