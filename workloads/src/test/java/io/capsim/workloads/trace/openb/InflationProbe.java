package io.capsim.workloads.trace.openb;

import io.capsim.engine.sched.experiment.InflationExperiment;
import io.capsim.engine.sched.experiment.InflationResult;
import io.capsim.engine.sched.experiment.PolicyProfiles;
import java.util.Locale;

/** Manual probe (not a test): java -cp ... InflationProbe. */
public final class InflationProbe {
    public static void main(String[] args) {
        var nodes = OpenbTrace.gpuNodes();
        var pods = OpenbTrace.specs(OpenbTrace.defaultPods());
        for (String name : args.length > 0 ? args : new String[] {"fgd", "best-fit", "least-allocated", "random"}) {
            long t0 = System.nanoTime();
            InflationResult r = InflationExperiment.run(nodes, pods, PolicyProfiles.byName(name), 1, 1.3);
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%-16s %6d arrivals %6.2f s | unalloc@0.9=%6.1f @1.0=%6.1f @1.1=%6.1f @1.2=%6.1f @1.3=%6.1f frag@1.0=%6.1f failed=%d%n",
                    name, r.arrivals(), (t1 - t0) / 1e9, r.unallocatedGpusAt(0.9), r.unallocatedGpusAt(1.0), r.unallocatedGpusAt(1.1),
                    r.unallocatedGpusAt(1.2), r.unallocatedGpusAt(1.3), r.fragmentedGpusAt(1.0), r.failedPods()[r.arrivals() - 1]);
        }
    }
}
