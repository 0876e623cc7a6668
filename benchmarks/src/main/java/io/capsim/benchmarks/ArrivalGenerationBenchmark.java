package io.capsim.benchmarks;

import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.workload.ArrivalCursor;
import io.capsim.workloads.arrival.ArrivalProcesses;
import io.capsim.workloads.arrival.ProcessSpec;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Synthetic arrivals per second on one thread: one benchmark operation is one
 * {@code advance()} of an unbounded cursor, so the score is arrivals per second. The cursor is
 * built once per trial from a fixed seed; its state (one double time, a few samplers) is all that
 * changes between operations.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ArrivalGeneration -f 2 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
public class ArrivalGenerationBenchmark {

    private static final Map<String, Map<String, Double>> SPECS = Map.of(
            "poisson", Map.of("rate", 1000.0),
            "mmpp", Map.of("rate.0", 2000.0, "rate.1", 100.0, "hold.0", 1.0, "hold.1", 3.0),
            "hawkes", Map.of("baseline", 500.0, "branching", 0.5, "decay", 20.0),
            "diurnal", Map.of("mean", 1000.0, "amplitude", 0.8, "period", 86_400.0));

    /** Registered process name. */
    @Param({"poisson", "mmpp", "hawkes", "diurnal"})
    public String process;

    private ArrivalCursor cursor;

    /** Opens the cursor from a fixed seed. */
    @Setup(Level.Trial)
    public void open() {
        cursor = ArrivalProcesses.REGISTRY.find(process).orElseThrow().open(new ProcessSpec(process, SPECS.get(process)),
                new RandomStreams(20261126L).stream("bench/" + process), "bench." + process);
    }

    /** One arrival; returns its time so that the work is not eliminated. */
    @Benchmark
    public long nextArrival() {
        cursor.advance();
        return cursor.timeTicks();
    }
}
