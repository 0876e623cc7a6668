package io.capsim.workloads.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsim.engine.kernel.SimTime;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.stats.TraceStats;
import io.capsim.workloads.trace.csv.ArrivalCsvWriter;
import io.capsim.workloads.trace.csv.CsvLayout;
import io.capsim.workloads.trace.csv.CsvTraceFormat;
import io.capsim.workloads.trace.csv.CsvUnit;
import io.capsim.workloads.trace.csv.OutputLimitException;
import io.capsim.workloads.trace.openb.OpenbTrace;
import io.capsim.workloads.trace.text.LineReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every trace input is bounded: a limit stops the read with file, line, the limit's name and no
 * more memory than the limit allows, under either bad-row policy.
 */
class TraceLimitsTest {

    @TempDir
    Path tmp;

    private static final CsvLayout SECONDS = CsvLayout.withHeader("t", CsvUnit.SECONDS, false);

    private Path gzip(long bytes, byte[] unit) throws IOException {
        Path p = tmp.resolve("t.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p), 1 << 16)) {
            o.write("t\n".getBytes(StandardCharsets.US_ASCII));
            for (long n = 0; n < bytes; n += unit.length) {
                o.write(unit);
            }
        }
        return p;
    }

    private static long readAll(Path p, TraceOptions o) {
        long rows = 0;
        try (TraceCursor c = new CsvTraceFormat().open(p, o)) {
            while (c.advance()) {
                rows++;
            }
        }
        return rows;
    }

    @Test
    void aLineLongerThanTheLimitStopsTheReadWithoutHoldingIt() throws IOException {
        Path p = gzip(8L << 20, new byte[1 << 16]); // 8 MiB of zero bytes after the header, no newline
        for (BadRowPolicy policy : BadRowPolicy.values()) {
            TraceLimitException e = assertThrows(TraceLimitException.class, () -> readAll(p,
                    new TraceOptions(policy, SECONDS, TraceLimits.DEFAULTS.withMaxLineBytes(1 << 20))));
            assertEquals(p + ":2: the line is longer than 1 MiB (limit trace-line)", e.getMessage());
            assertEquals(TraceLimits.LINE_LENGTH, e.limit());
        }
        Path ok = Files.writeString(tmp.resolve("ok.csv"), "t\n1" + " ".repeat(99) + "\n"); // 100 bytes
        assertEquals(1, readAll(ok, new TraceOptions(BadRowPolicy.STOP, SECONDS,
                TraceLimits.DEFAULTS.withMaxLineBytes(100))), "a line of exactly the limit is read");
        assertThrows(TraceLimitException.class, () -> readAll(ok, new TraceOptions(BadRowPolicy.STOP, SECONDS,
                TraceLimits.DEFAULTS.withMaxLineBytes(99))));
    }

    @Test
    void aGzipBombStopsAtTheRatioAndTheSizeLimits() throws IOException {
        // 64 MiB of "0\n" rows compress about 1000:1: the ratio limit (100) stops it past 16 MiB.
        Path bomb = gzip(64L << 20, "0\n".repeat(1 << 15).getBytes(StandardCharsets.US_ASCII));
        TraceLimitException e = assertThrows(TraceLimitException.class, () -> readAll(bomb, TraceOptions.of(SECONDS)));
        assertEquals(TraceLimits.COMPRESSION_RATIO, e.limit());
        assertTrue(e.getMessage().contains("times larger than it is") && e.getMessage().contains("a gzip bomb?"),
                e.getMessage());
        TraceLimits generous = new TraceLimits(32L << 20, 1e6, 1 << 20, TraceLimits.DEFAULTS.maxGapTicks(),
                TraceLimits.DEFAULTS.maxHorizonTicks());
        TraceLimitException size = assertThrows(TraceLimitException.class,
                () -> readAll(bomb, new TraceOptions(BadRowPolicy.STOP, SECONDS, generous)));
        assertEquals(TraceLimits.DECOMPRESSED_SIZE, size.limit());
        assertTrue(size.getMessage().contains("decompresses to more than 32 MiB (limit trace-size)"), size.getMessage());
        // An ordinary compressed trace is far from the ratio: the shipped Azure sample compresses 4:1.
        long rows = 0;
        try (TraceCursor c = io.capsim.workloads.trace.builtin.TraceFormats.open("azure-llm-2023", Samples.path(Samples.AZURE_CONV),
                TraceOptions.defaults())) {
            while (c.advance()) {
                rows++;
            }
        }
        assertTrue(rows > 19_000, rows + " rows");
    }

    @Test
    void timeGapsAndTheHorizonAreLimitsWithTimesAfterTheFirstRow() throws IOException {
        Path gap = Files.writeString(tmp.resolve("gap.csv"), "t\n5\n6\n3000000000\n7\n");
        for (BadRowPolicy policy : BadRowPolicy.values()) {
            TraceLimitException e = assertThrows(TraceLimitException.class,
                    () -> readAll(gap, new TraceOptions(policy, SECONDS)));
            assertEquals("gap.csv:4: time 2999999995 s after the first row is beyond 31622400 s (limit trace-horizon, "
                    + "the span a trace may cover)", e.getMessage());
        }
        TraceLimits wide = new TraceLimits(1L << 40, 100, 1 << 20, SimTime.ofSeconds(3600), SimTime.ofSeconds(9e9));
        TraceLimitException e = assertThrows(TraceLimitException.class,
                () -> readAll(gap, new TraceOptions(BadRowPolicy.STOP, SECONDS, wide)));
        assertEquals("gap.csv:4: time 2999999995 s after the first row is 2999999994 s after the previous row "
                + "(line 3), more than 3600 s (limit trace-gap)", e.getMessage());
    }

    @Test
    void outOfOrderTimesAreShownInSecondsAfterTheFirstRowNotEpochNanoseconds() throws IOException {
        Path p = Files.writeString(tmp.resolve("iso.csv"),
                "t\n2023-11-16T18:15:46.5Z\n2023-11-16T18:15:50Z\n2023-11-16T18:15:48.25Z\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> readAll(p,
                TraceOptions.of(CsvLayout.withHeader("t", CsvUnit.ISO_8601, true))));
        assertEquals("iso.csv:4: time 1.75 s after the first row is before the previous row's 3.5 s after the first "
                + "row (line 3); rows must be sorted by time", e.getMessage());
    }

    @Test
    void aFolderOrADeviceIsNotOpenedAsATrace() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("d.csv"));
        assertEquals(dir + ":0: is a folder, not a file",
                assertThrows(TraceFormatException.class, () -> LineReader.open(dir)).getMessage());
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertEquals("/dev/zero:0: is not a regular file (a device, pipe or socket)",
                assertThrows(TraceFormatException.class, () -> LineReader.open(Path.of("/dev/zero"))).getMessage());
    }

    @Test
    void openbListsReadBoundedLines() {
        String header = "sn,cpu_milli,memory_mib,gpu,model\n";
        TraceLimitException e = assertThrows(TraceLimitException.class, () -> OpenbTrace.readNodes(
                new StringReader(header + "x".repeat(5000) + "\n"), "nodes.csv",
                TraceLimits.DEFAULTS.withMaxLineBytes(4096)));
        assertEquals("nodes.csv:2: the line is longer than 4096 characters (limit trace-line)", e.getMessage());
        assertEquals(1, OpenbTrace.readNodes(new StringReader(header + "n1,1000,1024,1,T4\r\n"), "nodes.csv").size());
    }

    @Test
    void synthOutputStopsBeforeItsLimit() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ArrivalCsvWriter w = new ArrivalCsvWriter(sink, EnumSet.of(ArrivalField.WORK), 1000, "synth-size");
        io.capsim.engine.workload.ArrivalCursor endless = new io.capsim.engine.workload.ArrivalCursor() {
            long t;

            @Override
            public boolean advance() {
                t += SimTime.MILLISECOND;
                return true;
            }

            @Override
            public long timeTicks() {
                return t;
            }

            @Override
            public String origin() {
                return "endless";
            }

            @Override
            public void close() {
            }
        };
        OutputLimitException e = assertThrows(OutputLimitException.class,
                () -> w.writeAll(endless, Long.MAX_VALUE, Long.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("the output reached 1000 bytes (limit synth-size) after "), e.getMessage());
        w.close();
        assertTrue(sink.size() <= 1000 && sink.size() > 900, "stopped at the row that would pass it: " + sink.size());
    }

    @Test
    void traceStatsRefusesASpanBeyondItsLimit() throws IOException {
        Path p = Files.writeString(tmp.resolve("s.csv"), "t\n0\n100\n");
        assertThrows(IllegalArgumentException.class, () -> TraceStats.of(
                new CsvTraceFormat().open(p, TraceOptions.of(SECONDS)), Long.MAX_VALUE, SimTime.ofSeconds(99)));
        assertEquals(2, TraceStats.of(new CsvTraceFormat().open(p, TraceOptions.of(SECONDS)), Long.MAX_VALUE,
                SimTime.ofSeconds(100)).rows());
    }
}
