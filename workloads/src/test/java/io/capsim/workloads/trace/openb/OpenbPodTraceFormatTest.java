package io.capsim.workloads.trace.openb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.kernel.SimTime;
import io.capsim.workloads.trace.TraceCursor;
import io.capsim.workloads.trace.TraceFormat;
import io.capsim.workloads.trace.TraceFormatContract;
import io.capsim.workloads.trace.TraceFormatException;
import io.capsim.workloads.trace.TraceOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The openb pod list read as pods arriving in time: the whole default list (8,152 pods). */
class OpenbPodTraceFormatTest extends TraceFormatContract {

    @Override
    protected TraceFormat format() {
        return new OpenbPodTraceFormat();
    }

    @Override
    protected Path sample() {
        try {
            return Path.of(OpenbTrace.class.getResource(OpenbTrace.RESOURCE_DIR + OpenbTrace.DEFAULT_PODS).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected long expectedRows() {
        return 8152;
    }

    /**
     * Read by hand: line 2 {@code openb-pod-0000,12000,16384,1,1000,,LS,Running,0,12537496,0};
     * line 3 {@code openb-pod-0001,6000,12288,1,460,,LS,Running,427061,12902960,427061}; the last
     * line {@code openb-pod-8151,3152,5600,1,590,,BE,Failed,12901761,12901792,12901762}: it ran
     * 12901792 - 12901762 = 30 s.
     */
    @Test
    void podsMatchHandReadValues() {
        try (OpenbPodTraceFormat.Cursor c = new OpenbPodTraceFormat().open(sample(), TraceOptions.defaults())) {
            assertTrue(c.advance());
            assertEquals(0, c.timeTicks());
            assertEquals(12000, c.cpuMillis());
            assertEquals(16384, c.memoryMiB());
            assertEquals(1000, c.gpuMillis());
            assertEquals(SimTime.ofSeconds(12537496), c.durationTicks());
            assertNull(c.gpuModels());
            assertTrue(c.advance());
            assertEquals(SimTime.ofSeconds(427061), c.timeTicks());
            assertEquals(460, c.gpuMillis());
            assertEquals(SimTime.ofSeconds(12902960 - 427061), c.durationTicks());
            TraceCursor last = c;
            while (last.advance()) {
                if (last.line() == 8153) {
                    assertEquals(SimTime.ofSeconds(12901761), last.timeTicks());
                    assertEquals(3152, last.cpuMillis());
                    assertEquals(590, last.gpuMillis());
                    assertEquals(SimTime.ofSeconds(30), last.durationTicks());
                }
            }
            assertEquals(8152, c.rows());
        }
    }

    @Test
    void neverScheduledPodsRunFromCreationAndWholeGpusMultiply() throws IOException {
        Path p = tmp.resolve("pods.csv");
        Files.writeString(p, OpenbPodTraceFormat.HEADER + "\n"
                + "a,1000,1024,2,1000,V100M16|V100M32,LS,Running,10,70,\n"
                + "b,1000,1024,0,0,,BE,Pending,20,,\n");
        try (TraceCursor c = new OpenbPodTraceFormat().open(p, TraceOptions.defaults())) {
            assertTrue(c.advance());
            assertEquals(2000, c.gpuMillis());
            assertEquals(SimTime.ofSeconds(60), c.durationTicks(), "never scheduled: deletion - creation");
            assertEquals("V100M16|V100M32", c.gpuModels());
            assertTrue(c.advance());
            assertEquals(0, c.gpuMillis());
            assertEquals(TraceCursor.NO_VALUE, c.durationTicks(), "never deleted: no duration");
        }
    }

    @Test
    void deletionBeforeStartAndSharedMultiGpuAreBadRows() throws IOException {
        Path p = tmp.resolve("bad.csv");
        Files.writeString(p, OpenbPodTraceFormat.HEADER + "\n" + "a,1000,1024,2,500,,LS,Running,10,70,10\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> {
            try (TraceCursor c = new OpenbPodTraceFormat().open(p, TraceOptions.defaults())) {
                c.advance();
            }
        });
        assertEquals("bad.csv:2: gpu_milli: 500 with num_gpu 2; more than one GPU takes whole devices (1000)",
                e.getMessage());
    }
}
