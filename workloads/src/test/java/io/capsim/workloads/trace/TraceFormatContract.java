package io.capsim.workloads.trace;

import io.capsim.workloads.trace.builtin.TraceFormats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.workloads.ArrivalField;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link TraceFormat} meets, run by each format's test on its real sample (as
 * OpenDC's {@code TableReaderTestKit}): registered by name; times from 0 or more, never
 * decreasing; {@code origin()} is {@code file:line}; gzip is transparent; a malformed line stops
 * the stream with its line number, or is skipped and counted.
 */
public abstract class TraceFormatContract {

    @TempDir
    protected Path tmp;

    /** The format under test. */
    protected abstract TraceFormat format();

    /** The sample file. */
    protected abstract Path sample();

    /** Rows the sample delivers. */
    protected abstract long expectedRows();

    /** Options to open the sample with (policy aside). */
    protected TraceOptions options() {
        return TraceOptions.defaults();
    }

    private TraceCursor open(Path p, BadRowPolicy policy) {
        return format().open(p, options().withOnBadRow(policy));
    }

    /** Every field of every row, in order. */
    protected List<long[]> readAll(Path p, BadRowPolicy policy) {
        List<long[]> out = new ArrayList<>();
        try (TraceCursor c = open(p, policy)) {
            while (c.advance()) {
                long[] row = new long[ArrivalField.values().length];
                for (ArrivalField f : ArrivalField.values()) {
                    row[f.ordinal()] = f.of(c);
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void isRegisteredUnderItsName() {
        assertEquals(format().getClass(), TraceFormats.REGISTRY.find(format().name()).orElseThrow().getClass());
        assertFalse(format().description().isBlank());
    }

    @Test
    void carriesExactlyTheFieldsItDeclares() {
        java.util.Set<ArrivalField> declared = format().fields(options());
        boolean[] seen = new boolean[ArrivalField.values().length];
        for (long[] row : readAll(sample(), BadRowPolicy.STOP)) {
            for (ArrivalField f : ArrivalField.values()) {
                if (f == ArrivalField.TIME) {
                    continue;
                }
                if (!declared.contains(f)) {
                    assertEquals(-1, row[f.ordinal()], f.key() + " is not declared but carried");
                } else if (row[f.ordinal()] >= 0) {
                    seen[f.ordinal()] = true;
                }
            }
        }
        // A declared field may be unknown in a given file (SWF writes -1), but a format that
        // declares fields must carry at least one of them in its sample.
        assertTrue(declared.isEmpty() || declared.stream().anyMatch(f -> seen[f.ordinal()]),
                "none of the declared fields " + declared + " is carried by the sample");
    }

    @Test
    void deliversEveryRowInTimeOrderWithFileAndLine() {
        long rows = 0;
        long prev = 0;
        long prevLine = 0;
        TraceCursor c = open(sample(), BadRowPolicy.STOP);
        try {
            while (c.advance()) {
                rows++;
                assertTrue(c.timeTicks() >= prev, "time order at " + c.origin());
                assertTrue(c.line() > prevLine, "lines increase");
                assertEquals(c.file() + ":" + c.line(), c.origin());
                assertEquals(rows, c.rows());
                prev = c.timeTicks();
                prevLine = c.line();
            }
            assertEquals(0, c.skippedRows());
            assertFalse(c.advance(), "stays exhausted");
        } finally {
            c.close();
            c.close(); // idempotent
        }
        assertEquals(expectedRows(), rows);
    }

    @Test
    void readsGzipAndPlainAlike() throws IOException {
        byte[] plain = plainBytes();
        Path p = tmp.resolve("plain.txt");
        Files.write(p, plain);
        Path gz = tmp.resolve("compressed.data");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(plain);
        }
        List<long[]> a = readAll(p, BadRowPolicy.STOP);
        List<long[]> b = readAll(gz, BadRowPolicy.STOP);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertTrue(Arrays.equals(a.get(i), b.get(i)), "row " + i);
        }
    }

    /** The sample's bytes, decompressed if it is gzip. */
    protected byte[] plainBytes() throws IOException {
        byte[] raw = Files.readAllBytes(sample());
        if (raw.length > 1 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(sample()))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    /** A copy of the sample with {@code garbage} inserted as a new line after line {@code after}. */
    protected Path withLineInserted(long after, String garbage) throws IOException {
        String text = new String(plainBytes(), StandardCharsets.ISO_8859_1);
        int pos = 0;
        for (long i = 0; i < after; i++) {
            pos = text.indexOf('\n', pos) + 1;
        }
        Path p = tmp.resolve("bad-" + after + ".txt");
        Files.writeString(p, text.substring(0, pos) + garbage + "\n" + text.substring(pos), StandardCharsets.ISO_8859_1);
        return p;
    }

    @Test
    void stopsAtAMalformedLineOrSkipsAndCountsIt() throws IOException {
        long firstLine;
        try (TraceCursor c = open(sample(), BadRowPolicy.STOP)) {
            assertTrue(c.advance());
            firstLine = c.line();
        }
        Path bad = withLineInserted(firstLine, "x!garbage");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> readAll(bad, BadRowPolicy.STOP));
        assertEquals(firstLine + 1, e.line());
        assertEquals(bad.getFileName().toString(), e.file());
        assertTrue(e.getMessage().startsWith(bad.getFileName() + ":" + (firstLine + 1) + ": "), e.getMessage());

        long skipped;
        long rows = 0;
        try (TraceCursor c = open(bad, BadRowPolicy.SKIP)) {
            while (c.advance()) {
                rows++;
            }
            skipped = c.skippedRows();
        }
        assertEquals(1, skipped);
        assertEquals(expectedRows(), rows);
    }

    @Test
    void aMissingFileIsReportedWithItsName() {
        Path missing = tmp.resolve("no-such-trace.csv");
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> format().open(missing, options()));
        assertTrue(e.getMessage().contains("no-such-trace.csv"), e.getMessage());
    }
}
