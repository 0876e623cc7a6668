package io.capsim.workloads.trace.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.BadRowPolicy;
import io.capsim.workloads.trace.Samples;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceFormatContract;
import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.azure.AzureLlmTraceFormat;
import io.capsim.workloads.trace.pai.AlibabaPaiMachineFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generic CSV reader: contract on the real Azure trace, reproduction of built-in readers, units. */
class CsvTraceFormatTest extends TraceFormatContract {

    /** The Azure layout declared as a scenario would: by header names, ISO-8601 times. */
    static final CsvLayout AZURE = CsvLayout.withHeader("TIMESTAMP", CsvUnit.ISO_8601, true)
            .map(ArrivalField.INPUT_TOKENS, "ContextTokens", CsvUnit.COUNT)
            .map(ArrivalField.OUTPUT_TOKENS, "GeneratedTokens", CsvUnit.COUNT);

    @Override
    protected TraceFormat format() {
        return new CsvTraceFormat();
    }

    @Override
    protected Path sample() {
        return Samples.path(Samples.AZURE_CONV);
    }

    @Override
    protected long expectedRows() {
        return 19_366;
    }

    @Override
    protected TraceOptions options() {
        return TraceOptions.of(AZURE);
    }

    @Test
    void reproducesTheAzureReaderRowForRow() {
        List<long[]> generic = readAll(sample(), BadRowPolicy.STOP);
        List<long[]> builtIn = new AzureTraceReaderView().rows(sample());
        assertEquals(builtIn.size(), generic.size());
        for (int i = 0; i < builtIn.size(); i++) {
            assertArrayEquals(builtIn.get(i), generic.get(i), "row " + i);
        }
    }

    /** The same table with a constant time column added: every size reproduced. */
    @Test
    void reproducesThePaiMachineReaderWithATimeColumn() throws IOException {
        Path src = Samples.path(Samples.PAI_MACHINES);
        Path p = tmp.resolve("pai-with-time.csv");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(src)) {
            sb.append("0;").append(line.replace(',', ';')).append('\n');
        }
        Files.writeString(p, sb);
        CsvLayout pai = new CsvLayout(';', false, '\0', CsvLayout.Column.at(0), CsvUnit.SECONDS, false, Map.of(
                ArrivalField.CPU_MILLIS, new CsvLayout.Mapping(CsvLayout.Column.at(3), CsvUnit.CORES, false),
                ArrivalField.MEMORY_MIB, new CsvLayout.Mapping(CsvLayout.Column.at(4), CsvUnit.GIB, false),
                ArrivalField.GPU_MILLIS, new CsvLayout.Mapping(CsvLayout.Column.at(5), CsvUnit.GPUS, false)));
        List<long[]> generic = new CsvView(pai).rows(p);
        List<long[]> builtIn = new PaiView().rows(src);
        assertEquals(1_897, builtIn.size());
        assertEquals(builtIn.size(), generic.size());
        for (int i = 0; i < builtIn.size(); i++) {
            assertArrayEquals(builtIn.get(i), generic.get(i), "row " + i);
        }
    }

    /**
     * Units, worked by hand: "1.5" s -> 1,500,000,000 ns; "2500" ms -> 2.5 s; "3000000" us -> 3 s;
     * "3500000000" ns -> 3.5 s. Work "250" ms -> 250,000,000 ns. Memory "2" GiB -> 2,048 MiB; CPU
     * "600" percent -> 6,000 millicores. Quoted fields, a comment line, a blank line, an empty
     * optional cell (-1).
     */
    @Test
    void convertsUnitsAndHandlesQuotesCommentsAndEmptyCells() throws IOException {
        Path p = tmp.resolve("units.tsv");
        Files.writeString(p, "# made by hand\n"
                + "t\tname\twork\tmem\tcpu\n"
                + "1.5\t\"a\tb\"\t250\t2\t600\n"
                + "\n"
                + "# comment between rows\n"
                + "2.25\tc\t\t0.5\t50\n");
        CsvLayout layout = new CsvLayout('\t', true, '#', CsvLayout.Column.named("t"), CsvUnit.SECONDS, false, Map.of(
                ArrivalField.WORK, new CsvLayout.Mapping(CsvLayout.Column.named("work"), CsvUnit.MILLISECONDS, true),
                ArrivalField.MEMORY_MIB, new CsvLayout.Mapping(CsvLayout.Column.named("mem"), CsvUnit.GIB, false),
                ArrivalField.CPU_MILLIS, new CsvLayout.Mapping(CsvLayout.Column.named("cpu"), CsvUnit.PERCENT, false)));
        try (TraceCursor c = new CsvTraceFormat().open(p, TraceOptions.of(layout))) {
            c.advance();
            assertEquals(3, c.line());
            assertEquals(1_500_000_000L, c.timeTicks());
            assertEquals(250_000_000L, c.workTicks());
            assertEquals(2_048, c.memoryMiB());
            assertEquals(6_000, c.cpuMillis());
            c.advance();
            assertEquals(6, c.line());
            assertEquals(2_250_000_000L, c.timeTicks());
            assertEquals(TraceCursor.NO_WORK, c.workTicks());
            assertEquals(512, c.memoryMiB());
            assertEquals(500, c.cpuMillis());
            assertTrue(!c.advance());
        }
        for (Object[] row : new Object[][] {
            {"2500", CsvUnit.MILLISECONDS, 2_500_000_000L},
            {"3000000", CsvUnit.MICROSECONDS, 3_000_000_000L},
            {"3500000000", CsvUnit.NANOSECONDS, 3_500_000_000L},
            {"0.5", CsvUnit.MINUTES, 30_000_000_000L},
            {"1.25e1", CsvUnit.SECONDS, 12_500_000_000L},
            {"2023-11-16T18:15:46.5Z", CsvUnit.ISO_8601, 1_700_158_546_500_000_000L},
            {"2023-11-16T19:15:46.5+01:00", CsvUnit.ISO_8601, 1_700_158_546_500_000_000L},
        }) {
            Path q = tmp.resolve("one.csv");
            Files.writeString(q, "time\n" + row[0] + "\n");
            try (TraceCursor c = new CsvTraceFormat().open(q,
                    TraceOptions.of(CsvLayout.withHeader("time", (CsvUnit) row[1], false)))) {
                c.advance();
                assertEquals((long) row[2], c.timeTicks(), row[0] + " " + row[1]);
            }
        }
    }

    @Test
    void anUnknownColumnIsReportedWithASuggestion() throws IOException {
        CsvLayout layout = CsvLayout.withHeader("TIMESTAMP", CsvUnit.ISO_8601, true)
                .map(ArrivalField.INPUT_TOKENS, "ContextToken", CsvUnit.COUNT);
        TraceFormatException e = assertThrows(TraceFormatException.class,
                () -> new CsvTraceFormat().open(sample(), TraceOptions.of(layout)));
        assertEquals(1, e.line());
        assertTrue(e.reason().contains("fields.inputTokens.column: unknown column \"ContextToken\";"
                + " did you mean \"ContextTokens\"?"), e.reason());
    }

    @Test
    void layoutsRejectUnitsThatDoNotFitTheirField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvLayout.withHeader("t", CsvUnit.COUNT, false));
        assertTrue(e.getMessage().startsWith("time.unit: \"count\" is not one of [s, ms, us, ns, min, h, iso8601]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CsvLayout.withHeader("t", CsvUnit.SECONDS, false).map(ArrivalField.MEMORY_MIB, "m", CsvUnit.CORES));
        assertTrue(e.getMessage().startsWith("fields.memoryMiB.unit: \"cores\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CsvLayout(',', false, '\0',
                CsvLayout.Column.named("t"), CsvUnit.SECONDS, false, Map.of()));
        assertTrue(e.getMessage().contains("no header"), e.getMessage());
        assertEquals(CsvUnit.MILLISECONDS, CsvUnit.ofKey("ms"));
        e = assertThrows(IllegalArgumentException.class, () -> CsvUnit.ofKey("msec"));
        assertTrue(e.getMessage().contains("did you mean \"ms\"?"), e.getMessage());
    }

    @Test
    void formatsAreLookedUpByExactName() {
        assertEquals(java.util.List.of("azure-llm-2023", "mooncake", "alibaba-genai-2026", "alibaba-pai-2020-machines",
                "swf", "csv", "openb-pods"), io.capsim.workloads.trace.builtin.TraceFormats.REGISTRY.names());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> io.capsim.workloads.trace.builtin.TraceFormats.open("azure-lm-2023", sample(), TraceOptions.defaults()));
        assertTrue(e.getMessage().startsWith("unknown trace format \"azure-lm-2023\"; did you mean \"azure-llm-2023\"?"),
                e.getMessage());
    }

    @Test
    void requiresALayout() {
        assertThrows(IllegalArgumentException.class, () -> new CsvTraceFormat().open(sample(), TraceOptions.defaults()));
    }

    /** Rows of a built-in reader, every field. */
    private abstract static class View {
        abstract TraceCursor open(Path p);

        List<long[]> rows(Path p) {
            List<long[]> out = new java.util.ArrayList<>();
            try (TraceCursor c = open(p)) {
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
    }

    private static final class AzureTraceReaderView extends View {
        @Override
        TraceCursor open(Path p) {
            return new AzureLlmTraceFormat().open(p, TraceOptions.defaults());
        }
    }

    private static final class PaiView extends View {
        @Override
        TraceCursor open(Path p) {
            return new AlibabaPaiMachineFormat().open(p, TraceOptions.defaults());
        }
    }

    private static final class CsvView extends View {
        private final CsvLayout layout;

        CsvView(CsvLayout layout) {
            this.layout = layout;
        }

        @Override
        TraceCursor open(Path p) {
            return new CsvTraceFormat().open(p, TraceOptions.of(layout));
        }
    }
}
