package io.capsim.engine.sched;

import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.api.Code;
import io.capsim.engine.sched.api.CycleState;
import io.capsim.engine.sched.api.DeviceSelector;
import io.capsim.engine.sched.api.PermitPlugin;
import io.capsim.engine.sched.api.PostFilterPlugin;
import io.capsim.engine.sched.api.PreFilterPlugin;
import io.capsim.engine.sched.api.PreScorePlugin;
import io.capsim.engine.sched.api.ReservePlugin;
import io.capsim.engine.sched.api.ScorePlugin;
import io.capsim.engine.sched.api.Status;
import io.capsim.engine.sched.config.SchedulerConfig;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * One scheduling cycle (kube-scheduler's {@code schedulingCycle} in {@code schedule_one.go}):
 * PreFilter, Filter from a rotating start node until enough feasible nodes are found, PostFilter
 * when none is, PreScore, Score and NormalizeScore times weight, host selection, GPU devices,
 * assume, Reserve, Permit. Scratch arrays are reused, so a cycle allocates nothing per node.
 */
final class CycleRunner {

    private static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    private static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    private final Scheduler s;
    private final ClusterState cluster;
    private final UniformRandomProvider tieBreak;
    private final CycleState state = new CycleState();
    private final Map<Framework, FrameworkDiagnosis> diagnoses = new IdentityHashMap<>();
    private int[] feasible = new int[0];
    private long[] totals = new long[0];
    private long[] scratchScores = new long[0];
    private int[] failedPlugin = new int[0];
    private Code[] codes = new Code[0];
    private boolean[] skip = new boolean[8];
    private long[] order = new long[0];
    private int ordered;
    private long cycleNo = -1;
    private int nextStartNodeIndex;

    CycleRunner(Scheduler scheduler, UniformRandomProvider tieBreak) {
        this.s = scheduler;
        this.cluster = scheduler.cluster;
        this.tieBreak = tieBreak;
        ensureNodeArrays();
    }

    void ensureNodeArrays() {
        int n = cluster.size();
        if (feasible.length < n) {
            int m = Math.max(n, 16);
            feasible = new int[m];
            totals = new long[m];
            scratchScores = new long[m];
            failedPlugin = new int[m];
            codes = new Code[m];
            Arrays.fill(codes, Code.SUCCESS);
            diagnoses.clear();
        }
    }

    /** A removed node (scaled down) is not in the cluster: no filter names it. */
    private Code removedNode(int i) {
        failedPlugin[i] = -1;
        return Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    private FrameworkDiagnosis diagnosis(Framework fw) {
        return diagnoses.computeIfAbsent(fw, f -> new FrameworkDiagnosis(f, cluster, codes, failedPlugin));
    }

    /** kube-scheduler's {@code numFeasibleNodesToFind}. */
    static int numFeasibleNodesToFind(int n, int percentage) {
        if (n < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) {
            return n;
        }
        int adaptive = percentage;
        if (adaptive <= 0) {
            adaptive = 50 - n / 125;
            if (adaptive < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
                adaptive = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
            }
        }
        int num = (int) ((long) n * adaptive / 100);
        return Math.max(num, MIN_FEASIBLE_NODES_TO_FIND);
    }

    void scheduleOne(QueuedPod q) {
        Framework fw = q.framework;
        Pod pod = q.pod;
        long now = s.sim.now();
        state.reset(++cycleNo, now);
        s.metrics.attempts++;
        FrameworkDiagnosis diagnosis = diagnosis(fw);
        // 1. PreFilter.
        for (PreFilterPlugin pf : fw.preFilters) {
            Status st = pf.preFilter(state, pod);
            if (!st.isSuccess()) {
                Status named = st.plugin().isEmpty() ? new Status(st.code(), pf.name(), st.message(), 0) : st;
                diagnosis.reset(state, pod, named);
                fail(q, diagnosis, named.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
                return;
            }
        }
        // 2. Filter, from a rotating start, until enough feasible nodes are found.
        int n = cluster.size();
        int pct = fw.percentageOfNodesToScore >= 0 ? fw.percentageOfNodesToScore : s.config.percentageOfNodesToScore();
        int want = numFeasibleNodesToFind(n, pct);
        int count = 0;
        int processed = 0;
        Code[] cs = codes;
        for (int k = 0; k < n && count < want; k++, processed++) {
            int i = nextStartNodeIndex + k;
            if (i >= n) {
                i -= n;
            }
            Code c = cluster.nodeRemoved(i) ? removedNode(i) : fw.runFilters(state, pod, i, failedPlugin);
            cs[i] = c;
            if (c == Code.SUCCESS) {
                feasible[count++] = i;
            }
        }
        if (n > 0) {
            nextStartNodeIndex = (nextStartNodeIndex + processed) % n;
        }
        if (count == 0) {
            diagnosis.reset(state, pod, null);
            // 3. PostFilter (preemption).
            for (PostFilterPlugin pf : fw.postFilters) {
                Status st = pf.postFilter(state, pod, diagnosis);
                if (st.isSuccess()) {
                    s.retryNow(q);
                    return;
                }
            }
            fail(q, diagnosis, diagnosis.allUnresolvable());
            return;
        }
        // 4. Score and select.
        int node = count == 1 ? feasible[0] : selectHost(fw, pod, count);
        // 5. Devices (a reserve plugin's policy, else the score plugin's own, else best fit), assume, reserve.
        long mask = -1;
        DeviceSelector ds = fw.deviceSelector;
        for (ReservePlugin r : fw.reserves) {
            if (r instanceof DeviceSelector d) {
                ds = d;
                break;
            }
        }
        if (ds != null) {
            mask = ds.selectDevices(state, pod, node);
        }
        if (mask == -1) {
            mask = cluster.defaultDevices(node, pod.requests());
        }
        cluster.assume(pod, node, mask);
        for (int j = 0; j < fw.reserves.length; j++) {
            Status st = fw.reserves[j].reserve(state, pod, node);
            if (!st.isSuccess()) {
                undo(q);
                diagnosis.reset(state, pod, st);
                fail(q, diagnosis, false);
                return;
            }
        }
        // 6. Permit.
        long wait = 0;
        for (PermitPlugin pp : fw.permits) {
            Status st = pp.permit(state, pod, node);
            if (st.code() == Code.WAIT) {
                wait = Math.max(wait, st.waitTicks());
            } else if (!st.isSuccess()) {
                undo(q);
                diagnosis.reset(state, pod, st);
                fail(q, diagnosis, false);
                return;
            }
        }
        if (pod.phase() != io.capsim.engine.cluster.PodPhase.ASSUMED) {
            return; // a Permit plugin rejected it through the handle
        }
        if (wait > 0) {
            s.waitAtPermit(q, wait);
        } else {
            s.startBinding(q);
        }
    }

    /**
     * A failed cycle. The Kubernetes-style summary explains every node, which costs as much as the
     * cycle again, so it is written here only for a pod parked for good; a pod that waits is
     * explained by {@link #explainNow} if it is still waiting when the run ends.
     */
    private void fail(QueuedPod q, FrameworkDiagnosis diagnosis, boolean unresolvable) {
        s.unschedulable(q, unresolvable, diagnosis.blamedPlugin(), unresolvable ? diagnosis.summary() : null);
    }

    /**
     * Why a waiting pod has no node now: PreFilter and every filter run on every node, without
     * side effects on the cluster, and summarised as a failed cycle is; or, if nodes fit it, that
     * it is waiting in the queue (backing off, or at a gang's Permit).
     */
    String explainNow(QueuedPod q) {
        Framework fw = q.framework;
        Pod pod = q.pod;
        state.reset(++cycleNo, s.sim.now());
        FrameworkDiagnosis diagnosis = diagnosis(fw);
        for (PreFilterPlugin pf : fw.preFilters) {
            Status st = pf.preFilter(state, pod);
            if (!st.isSuccess()) {
                diagnosis.reset(state, pod, st.plugin().isEmpty() ? new Status(st.code(), pf.name(), st.message(), 0) : st);
                return diagnosis.summary();
            }
        }
        int n = cluster.size();
        int fits = 0;
        for (int i = 0; i < n; i++) {
            Code c = cluster.nodeRemoved(i) ? removedNode(i) : fw.runFilters(state, pod, i, failedPlugin);
            codes[i] = c;
            if (c == Code.SUCCESS) {
                fits++;
            }
        }
        if (fits == 0) {
            diagnosis.reset(state, pod, null);
            return diagnosis.summary();
        }
        return String.format(java.util.Locale.ROOT, "%d/%d nodes fit it now; it is waiting in the scheduling queue"
                + " (backing off after %d failed attempts, or held with its pod group)", fits, n, q.attempts);
    }

    private int selectHost(Framework fw, Pod pod, int count) {
        long[] tot = totals;
        Arrays.fill(tot, 0, count, 0);
        ScorePlugin[] sp = fw.scores;
        if (skip.length < sp.length) {
            skip = new boolean[sp.length];
        }
        Arrays.fill(skip, 0, sp.length, false);
        for (PreScorePlugin ps : fw.preScores) {
            Status st = ps.preScore(state, pod, feasible, count);
            if (st.code() == Code.SKIP) {
                for (int j = 0; j < sp.length; j++) {
                    if (sp[j] == ps) {
                        skip[j] = true;
                    }
                }
            }
        }
        long[] sc = scratchScores;
        for (int j = 0; j < sp.length; j++) {
            if (skip[j]) {
                continue;
            }
            ScorePlugin p = sp[j];
            for (int k = 0; k < count; k++) {
                sc[k] = p.score(state, pod, feasible[k]);
            }
            p.normalize(state, pod, feasible, sc, count);
            long w = fw.scoreWeights[j];
            for (int k = 0; k < count; k++) {
                tot[k] += sc[k] * w;
            }
        }
        // Highest total; ties uniformly at random by reservoir sampling, to the lowest name, or to
        // the first node in the run's random node order.
        int best = 0;
        long bestScore = tot[0];
        int ties = 1;
        SchedulerConfig.TieBreak tb = s.config.tieBreak();
        boolean random = tb == SchedulerConfig.TieBreak.RANDOM;
        long[] order = tb == SchedulerConfig.TieBreak.RANDOM_ORDER ? nodeOrder() : null;
        for (int k = 1; k < count; k++) {
            long v = tot[k];
            if (v > bestScore) {
                bestScore = v;
                best = k;
                ties = 1;
            } else if (v == bestScore) {
                if (random) {
                    ties++;
                    if (tieBreak.nextInt(ties) == 0) {
                        best = k;
                    }
                } else if (order != null) {
                    if (order[feasible[k]] < order[feasible[best]]) {
                        best = k;
                    }
                } else if (cluster.nameRank(feasible[k]) < cluster.nameRank(feasible[best])) {
                    best = k;
                }
            }
        }
        return feasible[best];
    }

    /**
     * Each node's place in the run's random node order ({@link SchedulerConfig.TieBreak#RANDOM_ORDER}):
     * a random 63-bit key per node, drawn when the node is first seen, with the node index in the
     * low bits so keys are distinct.
     */
    private long[] nodeOrder() {
        int n = cluster.size();
        if (ordered < n) {
            if (order.length < n) {
                order = Arrays.copyOf(order, Math.max(n, 2 * order.length));
            }
            for (int i = ordered; i < n; i++) {
                order[i] = ((tieBreak.nextLong() >>> 33) << 31) | i;
            }
            ordered = n;
        }
        return order;
    }

    /** Undoes an assume: unreserve plugins in reverse order, release the node, pod pending again. */
    void undo(QueuedPod q) {
        int node = q.pod.node();
        unreserve(q, node);
        cluster.forget(q.pod);
        s.invalidate(q);
    }

    void unreserve(QueuedPod q, int node) {
        Framework fw = q.framework;
        for (int j = fw.reserves.length - 1; j >= 0; j--) {
            fw.reserves[j].unreserve(q.pod, node);
        }
    }
}
