package io.capsim.workloads.trace.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceLimits;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.builtin.TraceFormats;
import io.capsim.workloads.trace.csv.CsvLayout;
import io.capsim.workloads.trace.csv.CsvUnit;
import io.capsim.workloads.trace.openb.OpenbTrace;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every trace fuzz test checks (Jazzer, coverage-guided; one test class per parser, so that
 * one Maven run fuzzes them all, each in its own JVM): any bytes, plain or gzip, yield rows in time
 * order with sizes that are non-negative or absent, or stop with a {@link TraceFormatException}
 * naming file and line; never another exception, never a hang (the limits bound each read).
 *
 * <p>{@code ./mvnw verify} runs each test on its committed corpus ({@code <Test>Inputs/fuzz/});
 * {@code .ci/fuzz} fuzzes them (see {@code docs/RELIABILITY.md}).
 */
final class TraceFuzzing {

    private TraceFuzzing() {}

    /** Small limits: the fuzzer meets them, and an input never reads much. */
    static final TraceLimits LIMITS = new TraceLimits(1 << 20, 100, 4096, SimTime.ofSeconds(86_400 * 30.0),
            SimTime.ofSeconds(86_400 * 366.0));

    static final CsvLayout CSV = new CsvLayout(',', true, '#', CsvLayout.Column.named("t"), CsvUnit.MILLISECONDS, false,
            Map.of(ArrivalField.WORK, new CsvLayout.Mapping(CsvLayout.Column.named("w"), CsvUnit.SECONDS, true),
                    ArrivalField.INPUT_TOKENS, new CsvLayout.Mapping(CsvLayout.Column.at(2), CsvUnit.COUNT, false),
                    ArrivalField.GPU_MILLIS, new CsvLayout.Mapping(CsvLayout.Column.named("g"), CsvUnit.MILLI, true)));

    static final CsvLayout ISO = new CsvLayout(';', false, '\0', CsvLayout.Column.at(0), CsvUnit.ISO_8601, true,
            Map.of(ArrivalField.MEMORY_MIB, new CsvLayout.Mapping(CsvLayout.Column.at(1), CsvUnit.GIB, true)));

    private static Path file;

    private static Path write(byte[] bytes) {
        try {
            if (file == null) {
                file = Files.createTempFile("capsim-fuzz-", ".trace");
                file.toFile().deleteOnExit();
            }
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every row of {@code format}, checking each; a TraceFormatException is an accepted end. */
    static void readAll(String format, FuzzedDataProvider data, CsvLayout layout) {
        BadRowPolicy policy = data.consumeBoolean() ? BadRowPolicy.SKIP : BadRowPolicy.STOP;
        Path p = write(data.consumeRemainingAsBytes());
        long prev = Long.MIN_VALUE;
        long first = 0;
        try (TraceCursor c = TraceFormats.open(format, p, new TraceOptions(policy, layout, LIMITS))) {
            long rows = 0;
            while (c.advance()) {
                rows++;
                long t = c.timeTicks();
                assertTrue(t >= 0 && t >= prev, "times are non-negative and in order: " + t + " after " + prev);
                if (rows == 1) {
                    first = t;
                } else {
                    assertTrue(t - prev <= LIMITS.maxGapTicks(), "gap within its limit");
                }
                assertTrue(t - first <= LIMITS.maxHorizonTicks(), "within the horizon");
                prev = t;
                for (ArrivalField f : ArrivalField.values()) {
                    long v = f.of(c);
                    assertTrue(v >= 0 || v == ArrivalCursor.NO_VALUE, f + " = " + v);
                }
                assertTrue(c.line() >= rows, "each row has its line");
            }
            assertTrue(c.rows() == rows && c.skippedRows() >= 0);
        } catch (TraceFormatException e) {
            assertTrue(e.getMessage().startsWith(e.file() + ":" + e.line() + ": "), e.getMessage());
            assertTrue(!e.reason().isBlank(), e.getMessage());
        }
    }

    /** The openb lists: rows or an IllegalStateException with origin and line (what the scenario reader reports). */
    static void readOpenbList(FuzzedDataProvider data) {
        boolean pods = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        try (InputStreamReader r = new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8)) {
            if (pods) {
                assertTrue(OpenbTrace.readPods(r, "pods.csv", LIMITS).stream().allMatch(a -> a.creationTicks() >= 0));
            } else {
                OpenbTrace.readNodes(r, "nodes.csv", LIMITS);
            }
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().startsWith(pods ? "pods.csv" : "nodes.csv"), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
