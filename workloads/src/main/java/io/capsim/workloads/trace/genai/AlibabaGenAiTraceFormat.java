package io.capsim.workloads.trace.genai;

import io.capsim.workloads.ArrivalField;
import java.util.EnumSet;
import java.util.Set;
import io.capsim.engine.kernel.SimTime;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.text.Ascii;
import io.capsim.workloads.trace.text.BadValue;
import io.capsim.workloads.trace.text.Fields;
import io.capsim.workloads.trace.text.RowCursor;
import java.nio.file.Path;

/**
 * The Alibaba GenAI 2026 (GenTD26) Stable Diffusion request trace
 * ({@code alibaba/clusterdata/cluster-trace-v2026-GenAI/lora_request_trace.csv}; research or study
 * use), header {@value #HEADER}.
 *
 * <p>Mapping: {@code gmt_create} ({@code YYYY-MM-DD HH:MM:SS}, shifted dates) is the arrival time
 * relative to the first delivered row; {@code exec_time_seconds} is the measured service demand,
 * {@link Cursor#workTicks()}. Rows whose {@code predict_status} is {@code PENDING} or
 * {@code PROCESSING} never finished and have no service time (0.0): they are left out and counted
 * in {@link Cursor#filteredRows()}. {@code SUCCEED} and {@code FAILED} rows are delivered
 * ({@link Cursor#failed()} tells them apart). The other columns are exposed by the cursor's own
 * getters; empty numeric fields read as -1.
 */
public final class AlibabaGenAiTraceFormat implements TraceFormat {

    /** Registered name. */
    public static final String NAME = "alibaba-genai-2026";

    /** The header line. */
    public static final String HEADER = "gmt_create,predict_type,predict_status,exec_time_seconds,groupId,"
            + "prompt_length,negative_prompt_length,num_images_per_prompt,num_inference_steps,"
            + "checkpoint_model_version_id,num_lora";

    /** Task type of a request. */
    public enum PredictType {
        /** Text to image. */
        TXT_2_IMG,
        /** Image to image. */
        IMG_2_IMG,
        /** Inpainting. */
        INPAINTING
    }

    @Override
    public Set<ArrivalField> fields(TraceOptions options) {
        return EnumSet.of(ArrivalField.WORK);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Alibaba GenAI 2026 lora_request_trace.csv: time = gmt_create relative to the first row,"
                + " work = exec_time_seconds; PENDING/PROCESSING rows left out";
    }

    @Override
    public Cursor open(Path file, TraceOptions options) {
        return new Cursor(file, options);
    }

    /** Cursor over one GenAI request trace file. */
    public static final class Cursor extends RowCursor {
        private final Fields fields = new Fields(',', 12);
        private long work;
        private PredictType type;
        private boolean failed;
        private int group;
        private double prompt;
        private double negativePrompt;
        private int images;
        private int steps;
        private int model;
        private int loras;

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
            if (n != 11 || !fields.complete()) {
                throw new BadValue("expected 11 fields, found " + (fields.complete() ? n : "more"));
            }
            int ss = fields.start(2);
            int se = fields.end(2);
            if (Ascii.equals(b, ss, se, "SUCCEED")) {
                failed = false;
            } else if (Ascii.equals(b, ss, se, "FAILED")) {
                failed = true;
            } else if (Ascii.equals(b, ss, se, "PENDING") || Ascii.equals(b, ss, se, "PROCESSING")) {
                return Row.FILTERED;
            } else {
                throw new BadValue("predict_status: \"" + Ascii.text(b, ss, se)
                        + "\" is not one of SUCCEED, FAILED, PENDING, PROCESSING");
            }
            try {
                rawTicks = Ascii.parseDateTimeNanos(b, fields.start(0), fields.end(0));
            } catch (BadValue e) {
                throw new BadValue("gmt_create: " + e.getMessage());
            }
            type = predictType(b, fields.start(1), fields.end(1));
            try {
                work = Ascii.parseTicks(b, fields.start(3), fields.end(3), SimTime.SECOND);
            } catch (BadValue e) {
                throw new BadValue("exec_time_seconds: " + e.getMessage());
            }
            if (work < 0) {
                throw new BadValue("exec_time_seconds: " + Ascii.text(b, fields.start(3), fields.end(3))
                        + " is negative");
            }
            group = id(b, 4, 'G', "groupId");
            prompt = optionalNumber(b, 5, "prompt_length");
            negativePrompt = optionalNumber(b, 6, "negative_prompt_length");
            images = (int) optionalNumber(b, 7, "num_images_per_prompt");
            steps = (int) optionalNumber(b, 8, "num_inference_steps");
            model = id(b, 9, 'M', "checkpoint_model_version_id");
            loras = (int) optionalNumber(b, 10, "num_lora");
            return Row.DATA;
        }

        private static PredictType predictType(byte[] b, int s, int e) {
            for (PredictType t : PredictType.values()) {
                if (Ascii.equals(b, s, e, t.name())) {
                    return t;
                }
            }
            throw new BadValue("predict_type: \"" + Ascii.text(b, s, e) + "\" is not one of TXT_2_IMG, IMG_2_IMG,"
                    + " INPAINTING");
        }

        /** A whole number written as an integer or float ({@code 30.0}), or -1 when empty. */
        private double optionalNumber(byte[] b, int i, String column) {
            int s = fields.start(i);
            int e = fields.end(i);
            if (s == e) {
                return -1;
            }
            double v;
            try {
                v = Ascii.parseDouble(b, s, e);
            } catch (BadValue x) {
                throw new BadValue(column + ": " + x.getMessage());
            }
            if (v < 0) {
                throw new BadValue(column + ": " + v + " is negative");
            }
            return v;
        }

        /** An anonymised id {@code X0123} as 123, or -1 when empty. */
        private int id(byte[] b, int i, char prefix, String column) {
            int s = fields.start(i);
            int e = fields.end(i);
            if (s == e) {
                return -1;
            }
            if (b[s] != prefix) {
                throw new BadValue(column + ": \"" + Ascii.text(b, s, e) + "\" does not start with " + prefix);
            }
            try {
                return (int) Ascii.parseLong(b, s + 1, e);
            } catch (BadValue x) {
                throw new BadValue(column + ": " + x.getMessage());
            }
        }

        /** Measured execution time, in ticks. */
        @Override
        public long workTicks() {
            return work;
        }

        /** The request's task type. */
        public PredictType predictType() {
            return type;
        }

        /** True if the request ended {@code FAILED} (it still used its execution time). */
        public boolean failed() {
            return failed;
        }

        /** Anonymised user group number ({@code G0325} is 325), or -1. */
        public int groupId() {
            return group;
        }

        /** Prompt length in characters, or -1 if empty. */
        public double promptLength() {
            return prompt;
        }

        /** Negative prompt length in characters, or -1 if empty. */
        public double negativePromptLength() {
            return negativePrompt;
        }

        /** Images generated per request, or -1 if empty. */
        public int imagesPerPrompt() {
            return images;
        }

        /** Diffusion denoising steps, or -1 if empty. */
        public int inferenceSteps() {
            return steps;
        }

        /** Anonymised base model number ({@code M0001} is 1), or -1. */
        public int modelId() {
            return model;
        }

        /** LoRA adapters used. */
        public int loras() {
            return loras;
        }
    }
}
