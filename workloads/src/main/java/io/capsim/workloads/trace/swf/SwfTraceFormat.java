package io.capsim.workloads.trace.swf;

import io.capsim.workloads.ArrivalField;
import java.util.EnumSet;
import java.util.Set;
import io.capsim.engine.kernel.SimTime;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceOptions;
import io.capsim.workloads.trace.text.Ascii;
import io.capsim.workloads.trace.text.BadValue;
import io.capsim.workloads.trace.text.RowCursor;
import java.nio.file.Path;

/**
 * The Standard Workload Format (SWF, version 2.2) of the Parallel Workloads Archive (Feitelson,
 * Tsafrir and Krakov, "Experience with using the Parallel Workloads Archive", JPDC 74(10), 2014):
 * header comment lines start with {@code ;}, then one job per line as 18 numbers separated by
 * blanks, -1 meaning "not available".
 *
 * <p>Mapping: field 2, submit time (seconds from the log start), is the arrival time, used as is;
 * field 4, run time (s), is {@link Cursor#workTicks()} ({@link TraceCursor#NO_WORK} when -1) and,
 * for a job replayed as pods, {@link Cursor#durationTicks()};
 * processors are field 5 (allocated) or, when -1, field 8 (requested), giving
 * {@link Cursor#cpuMillis()} = 1000 x processors (one processor taken as one core); memory per
 * processor is field 7 (used) or, when -1, field 10 (requested), in KB, giving
 * {@link Cursor#memoryMiB()} = processors x KB / 1024 rounded up. The other fields have their own
 * getters. Times may be fractional.
 */
public final class SwfTraceFormat implements TraceFormat {

    /** Registered name. */
    public static final String NAME = "swf";

    /** Fields per job line. */
    public static final int FIELDS = 18;

    @Override
    public Set<ArrivalField> fields(TraceOptions options) {
        return EnumSet.of(ArrivalField.WORK, ArrivalField.CPU_MILLIS, ArrivalField.MEMORY_MIB, ArrivalField.DURATION);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Standard Workload Format (PWA, 18 fields): time = submit time (s), work = duration = run time,"
                + " cpuMillis = 1000 x processors, memoryMiB from KB per processor";
    }

    @Override
    public Cursor open(Path file, TraceOptions options) {
        return new Cursor(file, options);
    }

    /** Cursor over one SWF log. */
    public static final class Cursor extends RowCursor {
        private final int[] starts = new int[FIELDS];
        private final int[] ends = new int[FIELDS];
        private long job;
        private long wait;
        private long run;
        private long processors;
        private long memoryKbPerProcessor;
        private long requestedTime;
        private int status;
        private int user;
        private int group;
        private int app;
        private int queue;
        private int partition;

        Cursor(Path file, TraceOptions options) {
            super(file, options, Origin.ZERO);
        }

        @Override
        protected Row parseRow() {
            byte[] b = in.buffer();
            int e = in.end();
            int i = in.start();
            while (i < e && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i == e || b[i] == ';') {
                return Row.IGNORE;
            }
            int n = 0;
            while (i < e) {
                if (n == FIELDS) {
                    throw new BadValue("more than " + FIELDS + " fields");
                }
                int s = i;
                while (i < e && b[i] != ' ' && b[i] != '\t') {
                    i++;
                }
                starts[n] = s;
                ends[n] = i;
                n++;
                while (i < e && (b[i] == ' ' || b[i] == '\t')) {
                    i++;
                }
            }
            if (n != FIELDS) {
                throw new BadValue("expected " + FIELDS + " fields, found " + n);
            }
            job = integer(b, 0, "job number");
            long submit = ticks(b, 1, "submit time");
            if (submit < 0) {
                throw new BadValue("submit time: " + Ascii.text(b, starts[1], ends[1]) + " is not available or negative");
            }
            rawTicks = submit;
            wait = ticks(b, 2, "wait time");
            run = ticks(b, 3, "run time");
            long allocated = integer(b, 4, "allocated processors");
            processors = allocated >= 0 ? allocated : integer(b, 7, "requested processors");
            long used = integer(b, 6, "used memory");
            memoryKbPerProcessor = used >= 0 ? used : integer(b, 9, "requested memory");
            requestedTime = ticks(b, 8, "requested time");
            status = (int) integer(b, 10, "status");
            user = (int) integer(b, 11, "user id");
            group = (int) integer(b, 12, "group id");
            app = (int) integer(b, 13, "executable number");
            queue = (int) integer(b, 14, "queue number");
            partition = (int) integer(b, 15, "partition number");
            return Row.DATA;
        }

        /** An integer field; SWF writes "not available" as -1. */
        private long integer(byte[] b, int i, String what) {
            try {
                long v = Ascii.parseLong(b, starts[i], ends[i]);
                if (v < -1) {
                    throw new BadValue(v + " is negative");
                }
                return v;
            } catch (BadValue x) {
                throw new BadValue("field " + (i + 1) + " (" + what + "): " + x.getMessage());
            }
        }

        /** A time field in seconds as ticks, or -1 when not available. */
        private long ticks(byte[] b, int i, String what) {
            long t;
            try {
                t = Ascii.parseTicks(b, starts[i], ends[i], SimTime.SECOND);
            } catch (BadValue x) {
                throw new BadValue("field " + (i + 1) + " (" + what + "): " + x.getMessage());
            }
            if (t == -SimTime.SECOND) {
                return -1;
            }
            if (t < 0) {
                throw new BadValue("field " + (i + 1) + " (" + what + "): " + Ascii.text(b, starts[i], ends[i])
                        + " is negative");
            }
            return t;
        }

        /** Run time in ticks, or {@link #NO_WORK} when the log does not give it. */
        @Override
        public long workTicks() {
            return run >= 0 ? run : NO_WORK;
        }

        @Override
        public long durationTicks() {
            return run >= 0 ? run : NO_VALUE;
        }

        @Override
        public long cpuMillis() {
            return processors >= 0 ? processors * 1000 : NO_VALUE;
        }

        @Override
        public long memoryMiB() {
            return processors >= 0 && memoryKbPerProcessor >= 0
                    ? (processors * memoryKbPerProcessor + 1023) / 1024 : NO_VALUE;
        }

        /** Field 1, the job number. */
        public long jobNumber() {
            return job;
        }

        /** Field 3, wait time in ticks, or -1. */
        public long waitTicks() {
            return wait;
        }

        /** Processors (field 5, else field 8), or -1. */
        public long processors() {
            return processors;
        }

        /** Field 9, requested time in ticks, or -1. */
        public long requestedTimeTicks() {
            return requestedTime;
        }

        /** Field 11: 1 completed, 0 failed, 5 cancelled, -1 unknown. */
        public int status() {
            return status;
        }

        /** Field 12, user id, or -1. */
        public int userId() {
            return user;
        }

        /** Field 13, group id, or -1. */
        public int groupId() {
            return group;
        }

        /** Field 14, executable (application) number, or -1. */
        public int executable() {
            return app;
        }

        /** Field 15, queue number, or -1. */
        public int queue() {
            return queue;
        }

        /** Field 16, partition number, or -1. */
        public int partition() {
            return partition;
        }
    }
}
