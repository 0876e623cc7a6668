package io.capsim.workloads.trace.openb;

import io.capsim.engine.kernel.SimTime;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.text.Ascii;
import io.capsim.workloads.trace.text.BadValue;
import io.capsim.workloads.trace.text.Fields;
import io.capsim.workloads.trace.text.RowCursor;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A pod list of the Alibaba GPU cluster trace 2023 ("openb", Weng et al., USENIX ATC'23), read as
 * pods arriving in time: header {@value #HEADER}, one pod per row, sorted by creation time.
 *
 * <p>Mapping: {@code creation_time} (seconds from the trace start) is the arrival time, used as is;
 * {@link TraceCursor#cpuMillis()} = {@code cpu_milli}; {@link TraceCursor#memoryMiB()} = {@code
 * memory_mib}; {@link TraceCursor#gpuMillis()} = {@code num_gpu x gpu_milli} (a share of one device
 * up to 1000, whole devices beyond); {@link TraceCursor#durationTicks()} = {@code deletion_time -
 * scheduled_time} (or {@code - creation_time} when the pod was never scheduled), the time it ran;
 * {@link TraceCursor#gpuModels()} = {@code gpu_spec} ({@code |}-separated models; empty accepts
 * any). {@code qos} and {@code pod_phase} are not used.
 */
public final class OpenbPodTraceFormat implements TraceFormat {

    /** Registered name. */
    public static final String NAME = "openb-pods";

    /** The header line of the default pod list. */
    public static final String HEADER =
            "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "openb pod list (" + HEADER + "): time = creation_time (s), cpuMillis = cpu_milli, memoryMiB = "
                + "memory_mib, gpuMillis = num_gpu x gpu_milli, duration = deletion_time - scheduled_time";
    }

    @Override
    public Set<ArrivalField> fields(TraceOptions options) {
        return EnumSet.of(ArrivalField.CPU_MILLIS, ArrivalField.MEMORY_MIB, ArrivalField.GPU_MILLIS,
                ArrivalField.DURATION);
    }

    @Override
    public Cursor open(Path file, TraceOptions options) {
        return new Cursor(file, options);
    }

    /** Cursor over one openb pod list. */
    public static final class Cursor extends RowCursor {
        private final Fields fields = new Fields(',', 12);
        private final Map<String, String> models = new HashMap<>();
        private long cpu;
        private long mem;
        private long gpu;
        private long duration;
        private String spec;

        Cursor(Path file, TraceOptions options) {
            super(file, options, Origin.ZERO);
            readHeader(HEADER);
        }

        @Override
        protected Row parseRow() {
            byte[] b = in.buffer();
            if (in.start() == in.end()) {
                return Row.IGNORE;
            }
            int n = fields.split(b, in.start(), in.end());
            if (n != 11) {
                throw new BadValue("expected 11 fields (" + HEADER + "), found " + (fields.complete() ? n : "more"));
            }
            cpu = nonNegative(b, 1, "cpu_milli");
            mem = nonNegative(b, 2, "memory_mib");
            long numGpu = nonNegative(b, 3, "num_gpu");
            long milli = nonNegative(b, 4, "gpu_milli");
            if (numGpu > 0 && (milli < 1 || milli > 1000)) {
                throw new BadValue("gpu_milli: " + milli + " is not in [1, 1000] for a pod with GPUs");
            }
            if (numGpu > 1 && milli != 1000) {
                throw new BadValue("gpu_milli: " + milli + " with num_gpu " + numGpu + "; more than one GPU takes whole devices (1000)");
            }
            if (numGpu > Integer.MAX_VALUE) {
                throw new BadValue("num_gpu: " + numGpu + " is out of range");
            }
            gpu = numGpu == 0 ? 0 : numGpu * milli;
            int s0 = fields.start(5);
            int e0 = fields.end(5);
            if (s0 == e0) {
                spec = null;
            } else {
                String t = Ascii.text(b, s0, e0);
                spec = models.computeIfAbsent(t, k -> k);
            }
            long created = nonNegative(b, 8, "creation_time");
            long deleted = optional(b, 9, "deletion_time");
            long scheduled = optional(b, 10, "scheduled_time");
            rawTicks = ticks(created, "creation_time");
            long start = scheduled >= 0 ? scheduled : created;
            if (deleted >= 0 && deleted < start) {
                throw new BadValue("deletion_time " + deleted + " is before " + (scheduled >= 0 ? "scheduled_time " : "creation_time ") + start);
            }
            duration = deleted < 0 ? NO_VALUE : ticks(deleted - start, "deletion_time");
            return Row.DATA;
        }

        /** Whole seconds as ticks; a value past the tick range (292 years) is a bad value, not a crash. */
        private static long ticks(long seconds, String column) {
            if (seconds > Long.MAX_VALUE / SimTime.SECOND) {
                throw new BadValue(column + ": " + seconds + " s is out of range");
            }
            return seconds * SimTime.SECOND;
        }

        private long nonNegative(byte[] b, int i, String column) {
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

        private long optional(byte[] b, int i, String column) {
            return fields.start(i) == fields.end(i) ? -1 : nonNegative(b, i, column);
        }

        @Override
        public long cpuMillis() {
            return cpu;
        }

        @Override
        public long memoryMiB() {
            return mem;
        }

        @Override
        public long gpuMillis() {
            return gpu;
        }

        @Override
        public long durationTicks() {
            return duration;
        }

        @Override
        public String gpuModels() {
            return spec;
        }
    }
}
