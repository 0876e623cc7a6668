package io.capsim.engine.controllers;

import io.capsim.engine.cluster.ClusterView;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.cluster.PodPhase;
import io.capsim.engine.controllers.ClusterAutoscaler.Expander;
import io.capsim.engine.controllers.ClusterAutoscaler.Spec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The cluster autoscaler's scale-up: which pending pods are unschedulable (CA's {@code
 * core/podlistprocessor/filter_out_schedulable.go}), how many nodes each node group would add for
 * them, simulated on its template node ({@code estimator/binpacking_estimator.go}), and which group
 * the expander picks ({@code expander/}); the chosen group's nodes are then provisioning in
 * {@link NodeGroups}. Random ties of the expander come from the stream {@code
 * controller/cluster-autoscaler/expander}.
 */
final class ScaleUp {

    /**
     * A scale-up option: grow {@code group} by {@code nodes} nodes, which would take pods
     * requesting {@code cpuMillis} and {@code memoryMiB} in all.
     */
    record Option(int group, int nodes, int pods, long cpuMillis, long memoryMiB) {}

    /**
     * The expanders' choice, a pure function of the options (CA's {@code expander/waste}, {@code
     * expander/random}, {@code expander/priority}).
     */
    static final class BestOption {
        private BestOption() {}

        /**
         * The options the expander keeps (ties among them go to a random draw).
         *
         * @param templates each group's template node (its allocatable CPU and memory)
         * @param priorities each group's priority (the {@code priority} expander)
         */
        static List<Option> best(Expander e, List<Option> options, List<NodeSpec> templates,
                List<Integer> priorities) {
            List<Option> out = new ArrayList<>();
            double best = 0;
            for (Option o : options) {
                double score = switch (e) {
                    case LEAST_WASTE -> waste(o, templates.get(o.group()));
                    case PRIORITY -> -priorities.get(o.group());
                    case RANDOM -> 0;
                };
                if (out.isEmpty() || score < best) {
                    out.clear();
                    best = score;
                    out.add(o);
                } else if (score == best) {
                    out.add(o);
                }
            }
            return out;
        }

        /**
         * Least-waste's score: idle CPU fraction plus idle memory fraction of the new nodes once
         * the pods are on them, in [0, 2]; lower is better.
         */
        static double waste(Option o, NodeSpec template) {
            double cpu = (double) template.cpuMillis() * o.nodes();
            double mem = (double) template.memoryMiB() * o.nodes();
            return (cpu > 0 ? (cpu - o.cpuMillis()) / cpu : 0) + (mem > 0 ? (mem - o.memoryMiB()) / mem : 0);
        }
    }

    private final Spec spec;
    private final ClusterView cluster;
    private final NodeGroups groups;
    private final UniformRandomProvider rng;
    private long lastScaleUp = Long.MIN_VALUE / 2;

    /** The scale-up of these groups in this cluster, expander ties drawn from {@code rng}. */
    ScaleUp(Spec spec, ClusterView cluster, NodeGroups groups, UniformRandomProvider rng) {
        this.spec = spec;
        this.cluster = cluster;
        this.groups = groups;
        this.rng = rng;
    }

    /** When the last scale-up was decided, ticks (far in the past before the first). */
    long lastScaleUp() {
        return lastScaleUp;
    }

    /**
     * Pending pods of priority at least the expendable cutoff, less those that fit on a node in the
     * cluster or on a node still provisioning (first fit, each pod taking its room).
     */
    List<Pod> unschedulablePods() {
        List<Pod> pending = new ArrayList<>();
        for (Pod p : cluster.pods()) {
            if (p.phase() == PodPhase.PENDING && p.priority() >= spec.expendablePriorityCutoff()) {
                pending.add(p);
            }
        }
        if (pending.isEmpty()) {
            return pending;
        }
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            if (!cluster.nodeRemoved(i)) {
                bins.add(Bin.of(cluster, i));
            }
        }
        for (NodeSpec n : groups.provisioning()) {
            bins.add(Bin.template(n));
        }
        List<Pod> out = new ArrayList<>();
        for (Pod p : pending) {
            if (Bin.firstFit(bins, p, -1) < 0) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Scales up for {@code pods}: an option per group below its maximum and not backing off, the
     * expander's pick among them; the picked group's nodes join after its provisioning delay, or
     * time out after {@code maxNodeProvisionTime} if that delay is longer.
     *
     * @return the ticks until those nodes join or time out, or -1 if no group can take any of the pods
     */
    long run(List<Pod> pods, long now) {
        List<Option> options = new ArrayList<>();
        List<NodeSpec> templates = new ArrayList<>();
        List<Integer> priorities = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            NodeSpec template = groups.template(k);
            templates.add(template);
            priorities.add(groups.spec(k).priority());
            int room = groups.room(k);
            if (room <= 0 || groups.backingOff(k, now)) {
                continue;
            }
            Option o = estimate(k, template, pods, room);
            if (o != null) {
                options.add(o);
            }
        }
        if (options.isEmpty()) {
            return -1;
        }
        List<Option> best = BestOption.best(spec.expander(), options, templates, priorities);
        Option chosen = best.size() == 1 ? best.get(0) : best.get(rng.nextInt(best.size()));
        long provisioning = groups.spec(chosen.group()).provisioningTicks();
        boolean fails = provisioning > spec.maxNodeProvisionTicks();
        long delay = fails ? spec.maxNodeProvisionTicks() : provisioning;
        groups.scaleUp(chosen.group(), chosen.nodes(), now + delay, fails, now);
        lastScaleUp = now;
        return delay;
    }

    /**
     * The binpacking estimate: the pods the template accepts, largest first (CPU share plus memory
     * share of the template), each on the first new node with room; at most {@code room} nodes.
     * Null if the template accepts none of them.
     */
    static Option estimate(int group, NodeSpec template, List<Pod> pods, int room) {
        List<Pod> fitting = new ArrayList<>();
        Bin empty = Bin.template(template);
        for (Pod p : pods) {
            if (empty.accepts(p)) {
                fitting.add(p);
            }
        }
        if (fitting.isEmpty()) {
            return null;
        }
        double cpu = Math.max(1, template.cpuMillis());
        double mem = Math.max(1, template.memoryMiB());
        fitting.sort(Comparator.comparingDouble((Pod p) -> -(p.requests().cpuMillis() / cpu
                + p.requests().memoryMiB() / mem)));
        List<Bin> bins = new ArrayList<>();
        int count = 0;
        long cpuSum = 0;
        long memSum = 0;
        for (Pod p : fitting) {
            if (Bin.firstFit(bins, p, -1) < 0) {
                if (bins.size() == room) {
                    continue;
                }
                Bin b = Bin.template(template);
                b.take(p);
                bins.add(b);
            }
            count++;
            cpuSum += p.requests().cpuMillis();
            memSum += p.requests().memoryMiB();
        }
        return new Option(group, bins.size(), count, cpuSum, memSum);
    }
}
