package io.capsim.workloads.trace.azure;

import io.capsim.workloads.ArrivalField;
import java.util.EnumSet;
import java.util.Set;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.text.Ascii;
import io.capsim.workloads.trace.text.BadValue;
import io.capsim.workloads.trace.text.Fields;
import io.capsim.workloads.trace.text.RowCursor;
import java.nio.file.Path;

/**
 * The Azure LLM inference trace 2023 (Splitwise, Patel et al., ISCA 2024;
 * {@code Azure/AzurePublicDataset}, CC BY 4.0): {@code AzureLLMInferenceTrace_code.csv} and
 * {@code AzureLLMInferenceTrace_conv.csv}, header {@code TIMESTAMP,ContextTokens,GeneratedTokens}.
 *
 * <p>Mapping: {@code TIMESTAMP} ({@code YYYY-MM-DD HH:MM:SS.fffffff}, no zone, read as UTC) is the
 * arrival time, relative to the first row; {@code ContextTokens} is {@link TraceCursor#inputTokens()},
 * {@code GeneratedTokens} is {@link TraceCursor#outputTokens()}; no service demand
 * ({@link #NO_WORK}). The 2024 week-long release has the same columns with {@code +00:00} offsets and
 * is read by this format too.
 */
public final class AzureLlmTraceFormat implements TraceFormat {

    /** Registered name. */
    public static final String NAME = "azure-llm-2023";

    /** The header line. */
    public static final String HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens";

    private static final long NO_WORK = TraceCursor.NO_WORK;

    @Override
    public Set<ArrivalField> fields(TraceOptions options) {
        return EnumSet.of(ArrivalField.INPUT_TOKENS, ArrivalField.OUTPUT_TOKENS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Azure LLM inference 2023 CSV (" + HEADER + "): time from TIMESTAMP relative to the first row,"
                + " inputTokens = ContextTokens, outputTokens = GeneratedTokens";
    }

    @Override
    public Cursor open(Path file, TraceOptions options) {
        return new Cursor(file, options);
    }

    /** Cursor over one Azure LLM trace file. */
    public static final class Cursor extends RowCursor {
        private final Fields fields = new Fields(',', 4);
        private long input;
        private long output;

        Cursor(Path file, TraceOptions options) {
            super(file, options, Origin.FIRST_ROW);
            readHeader(HEADER);
        }

        @Override
        protected Row parseRow() {
            byte[] b = in.buffer();
            if (in.start() == in.end()) {
                return Row.IGNORE;
            }
            int n = fields.split(b, in.start(), in.end());
            if (n != 3) {
                throw new BadValue("expected 3 fields (" + HEADER + "), found " + (fields.complete() ? n : "more"));
            }
            try {
                rawTicks = Ascii.parseDateTimeNanos(b, fields.start(0), fields.end(0));
            } catch (BadValue e) {
                throw new BadValue("TIMESTAMP: " + e.getMessage());
            }
            input = count(b, 1, "ContextTokens");
            output = count(b, 2, "GeneratedTokens");
            return Row.DATA;
        }

        private long count(byte[] b, int i, String column) {
            long v;
            try {
                v = Ascii.parseLong(b, fields.start(i), fields.end(i));
            } catch (BadValue e) {
                throw new BadValue(column + ": " + e.getMessage());
            }
            if (v < 0) {
                throw new BadValue(column + ": " + v + " is negative");
            }
            return v;
        }

        @Override
        public long workTicks() {
            return NO_WORK;
        }

        @Override
        public long inputTokens() {
            return input;
        }

        @Override
        public long outputTokens() {
            return output;
        }
    }
}
