package io.capsim.workloads.trace.pai;

import io.capsim.workloads.ArrivalField;
import java.util.EnumSet;
import java.util.Set;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.text.Ascii;
import io.capsim.workloads.trace.text.BadValue;
import io.capsim.workloads.trace.text.Fields;
import io.capsim.workloads.trace.text.RowCursor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The machine table of the Alibaba PAI GPU cluster trace 2020 (Weng et al., "MLaaS in the Wild",
 * NSDI 2022; {@code alibaba/clusterdata/cluster-trace-gpu-v2020}, CC BY 4.0):
 * {@code pai_machine_spec.csv}, no header row, columns {@value #COLUMNS}.
 *
 * <p>It is a static inventory, not a stream of arrivals: every row has time 0, in file order, and
 * describes one machine's capacity. Mapping: {@code cap_cpu} cores to {@link Cursor#cpuMillis()}
 * (x 1000); {@code cap_mem} GB to {@link Cursor#memoryMiB()} (read as GiB, x 1024);
 * {@code cap_gpu} GPUs to {@link Cursor#gpuMillis()} (x 1000); {@link Cursor#machine()} and
 * {@link Cursor#gpuType()} give the name and GPU type ({@code P100}, {@code T4}, {@code MISC},
 * {@code V100M32}, {@code V100}, {@code CPU}). The job, task and instance tables of the same
 * trace are not in the repository's sample and have no reader yet.
 */
public final class AlibabaPaiMachineFormat implements TraceFormat {

    /** Registered name. */
    public static final String NAME = "alibaba-pai-2020-machines";

    /** The column names (from {@code pai_machine_spec.header}). */
    public static final String COLUMNS = "machine,gpu_type,cap_cpu,cap_mem,cap_gpu";

    @Override
    public Set<ArrivalField> fields(TraceOptions options) {
        return EnumSet.of(ArrivalField.CPU_MILLIS, ArrivalField.MEMORY_MIB, ArrivalField.GPU_MILLIS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Alibaba PAI 2020 pai_machine_spec.csv (" + COLUMNS + ", no header): one machine per row at time 0,"
                + " cpuMillis = 1000 cap_cpu, memoryMiB = 1024 cap_mem, gpuMillis = 1000 cap_gpu";
    }

    @Override
    public Cursor open(Path file, TraceOptions options) {
        return new Cursor(file, options);
    }

    /** Cursor over the machine table. */
    public static final class Cursor extends RowCursor {
        private final Fields fields = new Fields(',', 6);
        private long cpu;
        private long mem;
        private long gpu;
        private byte[] machine = new byte[0];
        private byte[] gpuType = new byte[0];
        private int machineLength;
        private int gpuTypeLength;

        Cursor(Path file, TraceOptions options) {
            super(file, options, Origin.ZERO);
        }

        @Override
        protected Row parseRow() {
            byte[] b = in.buffer();
            if (in.start() == in.end()) {
                return Row.IGNORE;
            }
            int n = fields.split(b, in.start(), in.end());
            if (n != 5 || !fields.complete()) {
                throw new BadValue("expected 5 fields (" + COLUMNS + "), found " + (fields.complete() ? n : "more"));
            }
            if (fields.start(0) == fields.end(0)) {
                throw new BadValue("machine: empty");
            }
            long cores = count(b, 2, "cap_cpu");
            long gb = count(b, 3, "cap_mem");
            long gpus = count(b, 4, "cap_gpu");
            cpu = cores * 1000;
            mem = gb * 1024;
            gpu = gpus * 1000;
            machine = copy(b, 0, machine);
            machineLength = fields.end(0) - fields.start(0);
            gpuType = copy(b, 1, gpuType);
            gpuTypeLength = fields.end(1) - fields.start(1);
            rawTicks = 0;
            return Row.DATA;
        }

        private byte[] copy(byte[] b, int i, byte[] into) {
            int len = fields.end(i) - fields.start(i);
            byte[] out = into.length >= len ? into : new byte[Math.max(len, 32)];
            System.arraycopy(b, fields.start(i), out, 0, len);
            return out;
        }

        private long count(byte[] b, int i, String column) {
            long v;
            try {
                v = Ascii.parseLong(b, fields.start(i), fields.end(i));
            } catch (BadValue e) {
                throw new BadValue(column + ": " + e.getMessage());
            }
            if (v < 0 || v > 1_000_000) {
                throw new BadValue(column + ": " + v + " is not in [0, 1000000]");
            }
            return v;
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

        /** The machine's name (a 24-hex-digit hash); allocates a string. */
        public String machine() {
            return new String(machine, 0, machineLength, StandardCharsets.US_ASCII);
        }

        /** The machine's GPU type; allocates a string. */
        public String gpuType() {
            return new String(gpuType, 0, gpuTypeLength, StandardCharsets.US_ASCII);
        }
    }
}
