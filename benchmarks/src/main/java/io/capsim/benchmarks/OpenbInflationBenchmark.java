package io.capsim.benchmarks;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.scenarios.experiment.InflationExperiment;
import io.capsim.engine.results.InflationResult;
import io.capsim.engine.sched.plugins.BuiltInProfiles;
import io.capsim.workloads.trace.openb.OpenbTrace;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full inflation experiment on the openb trace (1,213 GPU nodes, default pod list, to 130% of
 * GPU capacity, about 10,800 arrivals), single-threaded; the trace is parsed once per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OpenbInflationBenchmark {

    @Param({"fgd"})
    public String policy;

    private List<NodeSpec> nodes;
    private List<PodSpec> pods;
    private long seed;

    @Setup(Level.Trial)
    public void load() {
        nodes = OpenbTrace.gpuNodes();
        pods = OpenbTrace.specs(OpenbTrace.defaultPods());
    }

    @Benchmark
    public InflationResult inflationTo130Percent() {
        // A different seed per call: fresh arrivals each time.
        return InflationExperiment.run(nodes, pods, BuiltInProfiles.byName(policy), ++seed, 1.3);
    }
}
