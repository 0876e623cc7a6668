package io.capsim.benchmarks;

import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.results.RunResult;
import io.capsim.scenarios.model.Scenario;
import io.capsim.scenarios.run.ScenarioRunner;
import io.capsim.scenarios.validate.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * M/M/8 (Poisson arrivals at 7.2/s, exponential service with mean 1 s, 8 replicas of concurrency
 * 1, shared FIFO queue, about 2 million requests) through the whole capsim stack — scenario file
 * read and validated, Poisson workload source, kernel, serving model, HdrHistogram recording —
 * beside {@link MM8Reference}, a hand-written primitive-array simulation of the same queue. JVM
 * start is excluded. Each operation is one complete run; events per second = events per run /
 * seconds per operation (capsim: one arrival and one completion event per request, plus the
 * warm-up event; the reference counts the same two per request).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(2)
@State(Scope.Benchmark)
public class WholeStackBenchmark {

    /** Requests per run: 2 million arrivals at 7.2/s take 277,778 s. */
    static final long REQUESTS = 2_000_000;

    private Path scenarioFile;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        scenarioFile = Files.createTempFile("mm8", ".yaml");
        try (InputStream in = WholeStackBenchmark.class.getResourceAsStream("/mm8.yaml")) {
            Files.copy(in, scenarioFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(scenarioFile);
    }

    @Benchmark
    public RunResult capsim() {
        Scenario s = ScenarioReader.read(scenarioFile, List.of());
        return ScenarioRunner.run(s);
    }

    @Benchmark
    public MM8Reference.Result handWritten() {
        RandomStreams streams = new RandomStreams(1);
        return MM8Reference.run(8, 7.2, 1.0, REQUESTS, streams.stream("arrivals/load"),
                streams.stream("service-time/svc"));
    }
}
