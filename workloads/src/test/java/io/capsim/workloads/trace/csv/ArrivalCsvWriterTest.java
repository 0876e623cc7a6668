package io.capsim.workloads.trace.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.arrival.ArrivalProcesses;
import io.capsim.workloads.arrival.ProcessSpec;
import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.mooncake.MooncakeTraceFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV writer's output is read back by the generic reader to the same arrivals. */
class ArrivalCsvWriterTest {

    @TempDir
    Path tmp;

    @Test
    void formatsTimesExactlyAndLeavesAbsentValuesEmpty() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrivalCsvWriter w = new ArrivalCsvWriter(bytes, EnumSet.of(ArrivalField.WORK, ArrivalField.INPUT_TOKENS))) {
            w.write(fixed(0, 1_500_000_000L, 7));
            w.write(fixed(1_000_000_001L, ArrivalCursor.NO_WORK, ArrivalCursor.NO_VALUE));
            w.write(fixed(12_340_000_000L, 20_000_000_000L, 0));
        }
        assertEquals("time_s,work_s,input_tokens\n0,1.5,7\n1.000000001,,\n12.34,20,0\n",
                bytes.toString(StandardCharsets.US_ASCII));
    }

    /** A Poisson stream with lognormal work, written and read back: every time and work equal. */
    @Test
    void syntheticArrivalsRoundTrip() throws IOException {
        Set<ArrivalField> fields = EnumSet.of(ArrivalField.WORK);
        Path p = tmp.resolve("synth.csv");
        var work = io.capsim.engine.random.Distributions.create(
                new io.capsim.engine.random.DistributionSpec("lognormal", Map.of("mean", 0.2, "cv", 2.0)),
                new RandomStreams(7).stream("work"));
        long n;
        try (ArrivalCsvWriter w = new ArrivalCsvWriter(Files.newOutputStream(p), fields)) {
            ArrivalCursor source = withWork(open(), work);
            n = w.writeAll(source, 50_000, Long.MAX_VALUE);
        }
        assertEquals(50_000, n);
        ArrivalCursor again = withWork(open(), io.capsim.engine.random.Distributions.create(
                new io.capsim.engine.random.DistributionSpec("lognormal", Map.of("mean", 0.2, "cv", 2.0)),
                new RandomStreams(7).stream("work")));
        try (TraceCursor c = new CsvTraceFormat().open(p, TraceOptions.of(ArrivalCsvWriter.layout(fields)))) {
            long rows = 0;
            while (c.advance()) {
                again.advance();
                assertEquals(again.timeTicks(), c.timeTicks(), "time at " + c.origin());
                assertEquals(again.workTicks(), c.workTicks(), "work at " + c.origin());
                assertEquals(ArrivalCursor.NO_VALUE, c.inputTokens());
                rows++;
            }
            assertEquals(50_000, rows);
        }
    }

    /** The Mooncake sample re-written as CSV and read back: every field equal. */
    @Test
    void traceArrivalsRoundTrip() throws IOException {
        Set<ArrivalField> fields = EnumSet.of(ArrivalField.INPUT_TOKENS, ArrivalField.OUTPUT_TOKENS);
        Path p = tmp.resolve("mooncake.csv");
        Path src = Samples.path(Samples.MOONCAKE);
        try (ArrivalCsvWriter w = new ArrivalCsvWriter(Files.newOutputStream(p), fields);
                TraceCursor in = new MooncakeTraceFormat().open(src, TraceOptions.defaults())) {
            w.writeAll(in, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        try (TraceCursor a = new MooncakeTraceFormat().open(src, TraceOptions.defaults());
                TraceCursor b = new CsvTraceFormat().open(p, TraceOptions.of(ArrivalCsvWriter.layout(fields)))) {
            while (a.advance()) {
                b.advance();
                for (ArrivalField f : ArrivalField.values()) {
                    assertEquals(f.of(a), f.of(b), f.key() + " at " + a.origin());
                }
            }
            assertEquals(false, b.advance());
            assertEquals(1_000, b.rows());
        }
    }

    private static ArrivalCursor open() {
        return ArrivalProcesses.REGISTRY.find("poisson").orElseThrow().open(
                new ProcessSpec("poisson", Map.of("rate", 1000.0)), new RandomStreams(7).stream("arrivals"), "t");
    }

    private static ArrivalCursor withWork(ArrivalCursor c, io.capsim.engine.random.DurationDistribution work) {
        return new ArrivalCursor() {
            private long w;

            @Override
            public boolean advance() {
                boolean ok = c.advance();
                w = work.sampleTicks();
                return ok;
            }

            @Override
            public long timeTicks() {
                return c.timeTicks();
            }

            @Override
            public long workTicks() {
                return w;
            }

            @Override
            public String origin() {
                return c.origin();
            }
        };
    }

    /**
     * No cell can start a spreadsheet formula (=, +, -, @) or need quoting: the writer emits only
     * unsigned decimal numbers and empty cells, whatever the arrival holds.
     */
    @net.jqwik.api.Property(tries = 300)
    void everyCellIsAnUnsignedNumberOrEmpty(@net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = 0)
            long t, @net.jqwik.api.ForAll long work, @net.jqwik.api.ForAll long input) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrivalCsvWriter w = new ArrivalCsvWriter(bytes, EnumSet.of(ArrivalField.WORK, ArrivalField.INPUT_TOKENS))) {
            w.write(fixed(t, work < 0 ? ArrivalCursor.NO_WORK : work, input < 0 ? ArrivalCursor.NO_VALUE : input));
        }
        String row = bytes.toString(StandardCharsets.US_ASCII).split("\n")[1];
        for (String cell : row.split(",", -1)) {
            org.junit.jupiter.api.Assertions.assertTrue(cell.matches("([0-9]+(\\.[0-9]+)?)?"), row);
        }
    }

    private static ArrivalCursor fixed(long t, long work, long input) {
        return new ArrivalCursor() {
            @Override
            public boolean advance() {
                return false;
            }

            @Override
            public long timeTicks() {
                return t;
            }

            @Override
            public long workTicks() {
                return work;
            }

            @Override
            public long inputTokens() {
                return input;
            }

            @Override
            public String origin() {
                return "fixed";
            }
        };
    }
}
