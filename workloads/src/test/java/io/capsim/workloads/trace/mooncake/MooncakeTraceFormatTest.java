package io.capsim.workloads.trace.mooncake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceFormatContract;
import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Mooncake reader on the first 1,000 lines of the real conversation trace. */
class MooncakeTraceFormatTest extends TraceFormatContract {

    @Override
    protected TraceFormat format() {
        return new MooncakeTraceFormat();
    }

    @Override
    protected Path sample() {
        return Samples.path(Samples.MOONCAKE);
    }

    @Override
    protected long expectedRows() {
        return 1_000;
    }

    /**
     * Read by hand: line 1 {@code {"timestamp": 0, "input_length": 6758, "output_length": 500,
     * "hash_ids": [0, ..., 13]}} (14 ids); line 500 timestamp 165000 ms = 165 s, 15597 in, 138 out;
     * line 1000 timestamp 330000 ms, 19399 in, 285 out, 38 hash ids (= ceil(19399 / 512)).
     */
    @Test
    void rowsMatchHandReadValues() {
        try (MooncakeTraceFormat.Cursor c = new MooncakeTraceFormat().open(sample(), TraceOptions.defaults())) {
            c.advance();
            assertEquals(0, c.timeTicks());
            assertEquals(6758, c.inputTokens());
            assertEquals(500, c.outputTokens());
            assertEquals(14, c.hashBlocks());
            while (c.advance()) {
                if (c.line() == 500) {
                    assertEquals(165_000_000_000L, c.timeTicks());
                    assertEquals(15597, c.inputTokens());
                    assertEquals(138, c.outputTokens());
                }
                assertEquals((c.inputTokens() + 511) / 512, c.hashBlocks(), "hash_ids at line " + c.line());
            }
            assertEquals(1000, c.line());
            assertEquals(330_000_000_000L, c.timeTicks());
            assertEquals(19399, c.inputTokens());
            assertEquals(285, c.outputTokens());
            assertEquals(38, c.hashBlocks());
        }
    }

    @Test
    void acceptsKeysInAnyOrderAndSkipsUnknownValues() throws IOException {
        Path p = tmp.resolve("t.jsonl");
        Files.writeString(p, "{\"output_length\": 7, \"meta\": {\"a\": [1, \"x,}\"]}, \"input_length\": 3,"
                + " \"timestamp\": 1500}\n\n{\"timestamp\":2000,\"input_length\":1,\"output_length\":2}\n");
        try (MooncakeTraceFormat.Cursor c = new MooncakeTraceFormat().open(p, TraceOptions.defaults())) {
            c.advance();
            assertEquals(1_500_000_000L, c.timeTicks());
            assertEquals(3, c.inputTokens());
            assertEquals(7, c.outputTokens());
            assertEquals(-1, c.hashBlocks());
            c.advance();
            assertEquals(3, c.line());
            assertEquals(2_000_000_000L, c.timeTicks());
        }
    }

    @Test
    void aMissingKeyIsABadRow() throws IOException {
        Path p = tmp.resolve("m.jsonl");
        Files.writeString(p, "{\"timestamp\": 0, \"input_length\": 3}\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> {
            try (MooncakeTraceFormat.Cursor c = new MooncakeTraceFormat().open(p, TraceOptions.defaults())) {
                c.advance();
            }
        });
        assertEquals("m.jsonl:1: missing key \"output_length\"", e.getMessage());
    }
}
