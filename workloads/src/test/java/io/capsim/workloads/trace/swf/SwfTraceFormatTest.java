package io.capsim.workloads.trace.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceFormatContract;
import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The SWF reader on the whole real NASA iPSC/860 log (gzip). */
class SwfTraceFormatTest extends TraceFormatContract {

    @Override
    protected TraceFormat format() {
        return new SwfTraceFormat();
    }

    @Override
    protected Path sample() {
        return Samples.path(Samples.SWF);
    }

    @Override
    protected long expectedRows() {
        return 18_239;
    }

    /**
     * Read by hand (after 32 comment lines): line 33 {@code 1 0 -1 1451 128 -1 ... 1 1 -1 ...};
     * line 38 {@code 57 25574 -1 10 1 -1 -1 -1 -1 -1 -1 4 1 2 -1 -1 -1 -1}; line 18271 (last)
     * {@code 42264 7948936 -1 86 128 ... 12 2 -1 ...}. README processor histogram: 1 -> 4,935,
     * 2 -> 1,763, 4 -> 2,683, 8 -> 1,793, 16 -> 1,780, 32 -> 3,662, 64 -> 1,203, 128 -> 420.
     */
    @Test
    void jobsMatchHandReadValues() {
        Map<Long, Integer> histogram = new TreeMap<>();
        try (SwfTraceFormat.Cursor c = new SwfTraceFormat().open(sample(), TraceOptions.defaults())) {
            while (c.advance()) {
                histogram.merge(c.processors(), 1, Integer::sum);
                if (c.line() == 33) {
                    assertEquals(1, c.jobNumber());
                    assertEquals(0, c.timeTicks());
                    assertEquals(1451_000_000_000L, c.workTicks());
                    assertEquals(128_000, c.cpuMillis());
                    assertEquals(TraceCursor.NO_VALUE, c.memoryMiB());
                    assertEquals(-1, c.waitTicks());
                    assertEquals(1, c.userId());
                } else if (c.line() == 38) {
                    assertEquals(57, c.jobNumber());
                    assertEquals(25_574_000_000_000L, c.timeTicks());
                    assertEquals(10_000_000_000L, c.workTicks());
                    assertEquals(1_000, c.cpuMillis());
                    assertEquals(4, c.userId());
                    assertEquals(1, c.groupId());
                    assertEquals(2, c.executable());
                    assertEquals(-1, c.status());
                }
            }
            assertEquals(18_271, c.line());
            assertEquals(42264, c.jobNumber());
            assertEquals(7_948_936_000_000_000L, c.timeTicks());
            assertEquals(86_000_000_000L, c.workTicks());
            assertEquals(12, c.userId());
            assertEquals(2, c.groupId());
        }
        assertEquals(Map.of(1L, 4935, 2L, 1763, 4L, 2683, 8L, 1793, 16L, 1780, 32L, 3662, 64L, 1203, 128L, 420),
                histogram);
    }

    @Test
    void fractionalTimesAndMissingRunTimes() throws IOException {
        Path p = tmp.resolve("f.swf");
        Files.writeString(p, "; Version: 2.2\n\n1 0.5 -1 -1 2 -1 1024 -1 -1 -1 1 1 1 1 1 -1 -1 -1\n");
        try (SwfTraceFormat.Cursor c = new SwfTraceFormat().open(p, TraceOptions.defaults())) {
            c.advance();
            assertEquals(3, c.line());
            assertEquals(500_000_000L, c.timeTicks());
            assertEquals(TraceCursor.NO_WORK, c.workTicks());
            assertEquals(2, c.memoryMiB(), "2 processors x 1024 KB");
        }
    }

    @Test
    void aShortLineIsReported() throws IOException {
        Path p = tmp.resolve("s.swf");
        Files.writeString(p, "1 0 -1 10 2\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> {
            try (TraceCursor c = new SwfTraceFormat().open(p, TraceOptions.defaults())) {
                c.advance();
            }
        });
        assertTrue(e.getMessage().equals("s.swf:1: expected 18 fields, found 5"), e.getMessage());
    }
}
