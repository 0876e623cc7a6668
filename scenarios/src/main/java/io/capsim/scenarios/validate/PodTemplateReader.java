package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.LabelSelector;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.PreemptionPolicy;
import io.capsim.engine.cluster.PriorityClass;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.cluster.TaintEffect;
import io.capsim.engine.cluster.Toleration;
import io.capsim.engine.cluster.TopologySpreadConstraint;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.spi.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the pod-template fields of a service (a Deployment) or a job, named as in a Kubernetes
 * PodSpec: {@code resources}, {@code labels}, {@code priorityClassName}, {@code schedulerName},
 * {@code nodeSelector}, {@code affinity} ({@code nodeAffinity}, {@code podAffinity}, {@code
 * podAntiAffinity}), {@code tolerations}, {@code topologySpreadConstraints}, {@code resizePolicy}
 * (per resource, {@code NotRequired} or {@code RestartContainer}), and capsim's {@code startupTime}
 * (bind to Ready).
 */
final class PodTemplateReader {

    static final String GPU = "nvidia.com/gpu";
    static final String EPHEMERAL = "ephemeral-storage";

    private final Map<String, PriorityClass> priorityClasses;
    private final Set<String> schedulerNames;
    private final List<NodePoolSpec> pools;

    PodTemplateReader(Map<String, PriorityClass> priorityClasses, Set<String> schedulerNames, List<NodePoolSpec> pools) {
        this.priorityClasses = priorityClasses;
        this.schedulerNames = schedulerNames;
        this.pools = pools;
    }

    /**
     * Reads the template of workload {@code name}.
     *
     * @param defaultLabels labels when the map gives none (a service's {@code app: <name>})
     * @return the template (named {@code name}), or null if a problem was reported
     */
    PodSpec read(String name, Fields f, Map<String, String> defaultLabels) {
        int before = f.problemCount();
        PodSpec.Builder b = PodSpec.builder(name);
        Resources[] rl = readResources(f);
        Map<String, String> labels = FieldLists.labels(f, "labels");
        b.labels(f.has("labels") ? labels : defaultLabels);
        String pc = f.string("priorityClassName", false, null, null, null);
        PriorityClass cls = null;
        if (pc != null) {
            cls = priorityClasses.get(pc);
            if (cls == null) {
                f.problem("priorityClassName", Names.unknown("priority class", pc, priorityClasses.keySet())
                        + "; declare it under priorityClasses");
            }
        } else {
            for (PriorityClass c : priorityClasses.values()) {
                if (c.globalDefault()) {
                    cls = c;
                }
            }
        }
        if (cls != null) {
            b.priority(cls.value()).preemptionPolicy(cls.preemptionPolicy());
        }
        String sched = f.string("schedulerName", false, PodSpec.DEFAULT_SCHEDULER, null, null);
        if (!schedulerNames.contains(sched)) {
            f.problem("schedulerName", Names.unknown("scheduler profile", sched, schedulerNames)
                    + "; profiles come from scheduler.configuration.profiles[].schedulerName");
        }
        b.schedulerName(sched);
        b.nodeSelector(FieldLists.labels(f, "nodeSelector"));
        YamlNode.MapNode aff = f.map("affinity", false);
        if (aff != null) {
            Fields af = new Fields(aff, f.pathOf("affinity"), f.problems());
            YamlNode.MapNode na = af.map("nodeAffinity", false);
            if (na != null) {
                b.nodeAffinity(AffinityReader.nodeAffinity(new Fields(na, af.pathOf("nodeAffinity"), f.problems())));
            }
            YamlNode.MapNode pa = af.map("podAffinity", false);
            if (pa != null) {
                b.podAffinity(AffinityReader.podAffinity(new Fields(pa, af.pathOf("podAffinity"), f.problems())));
            }
            YamlNode.MapNode paa = af.map("podAntiAffinity", false);
            if (paa != null) {
                b.podAntiAffinity(AffinityReader.podAffinity(new Fields(paa, af.pathOf("podAntiAffinity"), f.problems())));
            }
            af.finish();
        }
        b.tolerations(tolerations(f));
        b.resizePolicy(resizePolicy(f));
        b.topologySpreadConstraints(spread(f));
        double startup = f.seconds("startupTime", false, 0, 0, false, ScenarioReader.MAX_SECONDS);
        b.startupTicks(SimTime.ofSeconds(startup));
        if (rl != null) {
            b.requests(rl[0]).limits(rl[1]);
            checkFits(f, rl[0]);
        }
        if (f.problemCount() > before) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            f.problem("resources", e.getMessage());
            return null;
        }
    }

    // ---- resources ----

    /** {requests, limits}; the short form {cpu, memory, gpu} gives requests only. Null on a problem. */
    private Resources[] readResources(Fields f) {
        YamlNode.MapNode res = f.map("resources", true);
        if (res == null) {
            return null;
        }
        Fields r = new Fields(res, f.pathOf("resources"), f.problems());
        int before = r.problemCount();
        Resources requests;
        Resources limits = Resources.NONE;
        if (r.has("requests") || r.has("limits")) {
            YamlNode.MapNode req = r.map("requests", true);
            requests = req == null ? null : quantities(new Fields(req, r.pathOf("requests"), f.problems()), false);
            YamlNode.MapNode lim = r.map("limits", false);
            if (lim != null) {
                limits = quantities(new Fields(lim, r.pathOf("limits"), f.problems()), true);
            }
        } else {
            long cpu = r.cpuMillis("cpu", true, 0, 0, 1_000_000_000L);
            long mem = r.memoryMiB("memory", true, 0, 0, 1_000_000_000_000L);
            int[] gpu = gpu(r, "gpu");
            requests = gpu == null ? null : new Resources(cpu, mem, gpu[0], gpu[1], Map.of());
        }
        r.finish();
        if (r.problemCount() > before || requests == null || limits == null) {
            return null;
        }
        return new Resources[] {requests, limits};
    }

    /** A requests or limits map: cpu, memory, ephemeral-storage, nvidia.com/gpu, extended resources. */
    private Resources quantities(Fields q, boolean limits) {
        int before = q.problemCount();
        long cpu = q.cpuMillis("cpu", false, 0, 0, 1_000_000_000L);
        long mem = q.memoryMiB("memory", false, 0, 0, 1_000_000_000_000L);
        Map<String, Long> ext = new LinkedHashMap<>();
        int[] gpu = {0, 0};
        if (!limits && SchemaRecorder.active()) {
            SchemaRecorder.field(q.pathPrefix(), GPU, new SchemaRecorder.FieldSpec(SchemaRecorder.Kind.NUMBER, false,
                    0.0, false, 64.0, List.of(), null, null, null, null));
            SchemaRecorder.field(q.pathPrefix(), EPHEMERAL, new SchemaRecorder.FieldSpec(SchemaRecorder.Kind.MEMORY,
                    false, 0.0, false, 1e12, List.of(), null, null, null, null));
            SchemaRecorder.otherKeys(q.pathPrefix(), ClusterReader.EXTENDED_KEY, new SchemaRecorder.FieldSpec(
                    SchemaRecorder.Kind.INTEGER, false, 0.0, false, 1e9, List.of(), null, null, null,
                    "an extended resource, by domain-prefixed name (example.com/fpga)"));
        }
        for (String key : q.entries().keySet()) {
            if (key.equals("cpu") || key.equals("memory")) {
                continue;
            }
            if (limits) {
                q.node(key);
                q.problemAt(q.keyLocation(key), q.pathOf(key), "is not allowed: capsim models limits of cpu and memory"
                        + " only; Kubernetes requires the limit of " + key + " to equal its request, so give the request"
                        + " alone");
                continue;
            }
            if (key.equals(GPU)) {
                gpu = gpu(q, GPU);
            } else if (key.equals(EPHEMERAL)) {
                ext.put(EPHEMERAL, q.memoryMiB(EPHEMERAL, true, 0, 0, 1_000_000_000_000L));
            } else if (key.contains("/")) {
                ext.put(key, q.integer(key, true, 0, 0, 1_000_000_000L));
            }
        }
        q.finish();
        if (q.problemCount() > before || gpu == null) {
            return null;
        }
        return new Resources(cpu, mem, gpu[0], gpu[1], ext);
    }

    /** {devices, milli per device} from a GPU count: a fraction below 1 shares one device. */
    private static int[] gpu(Fields f, String key) {
        double g = f.number(key, false, 0, 0, false, 64);
        if (g == 0) {
            return new int[] {0, 0};
        }
        if (g < 1) {
            int milli = (int) Math.round(g * 1000);
            if (milli < 1) {
                f.problem(key, g + " GPU is less than 1 milli-GPU");
                return null;
            }
            return new int[] {1, milli};
        }
        if (g != Math.rint(g)) {
            f.problem(key, g + " GPUs: more than one GPU is a whole number of devices (a share is below 1, such as 0.5)");
            return null;
        }
        return new int[] {(int) g, 1000};
    }

    private void checkFits(Fields f, Resources r) {
        if (pools.isEmpty()) {
            return;
        }
        for (NodePoolSpec p : pools) {
            boolean ext = true;
            for (Map.Entry<String, Long> e : r.extended().entrySet()) {
                ext &= p.extended().getOrDefault(e.getKey(), 0L) >= e.getValue();
            }
            if (p.cpuMillis() >= r.cpuMillis() && p.memoryMiB() >= r.memoryMiB() && p.gpus() >= r.gpus() && ext) {
                return;
            }
        }
        f.problem("resources", "a pod requesting " + r.cpuMillis() + "m CPU, " + r.memoryMiB() + "Mi memory, "
                + (r.gpus() == 0 ? "no GPU" : r.gpus() + " x " + r.gpuMilliPerGpu() + " milli-GPU")
                + (r.extended().isEmpty() ? "" : " and " + r.extended()) + " fits on no node pool; it could never run");
    }

    // ---- tolerations and spread ----

    /** A container's {@code resizePolicy}: a list of {resourceName: cpu|memory, restartPolicy}, each resource at most once. */
    private static io.capsim.engine.cluster.ResizePolicy resizePolicy(Fields f) {
        boolean cpu = false;
        boolean memory = false;
        Set<String> seen = new java.util.HashSet<>();
        List<YamlNode.MapNode> items = FieldLists.maps(f, "resizePolicy");
        for (int k = 0; k < items.size(); k++) {
            Fields t = new Fields(items.get(k), f.pathOf("resizePolicy") + "[" + k + "]", f.problems());
            String name = t.choice("resourceName", true, "cpu", Names.ordered("cpu", "memory"));
            String policy = t.choice("restartPolicy", false, "NotRequired",
                    Names.ordered("NotRequired", "RestartContainer"));
            t.finish();
            if (name != null && !seen.add(name)) {
                t.problem("resourceName", "\"" + name + "\" is listed twice; give each resource once");
            }
            boolean restart = "RestartContainer".equals(policy);
            if ("cpu".equals(name)) {
                cpu = restart;
            } else if ("memory".equals(name)) {
                memory = restart;
            }
        }
        return new io.capsim.engine.cluster.ResizePolicy(cpu, memory);
    }

    private static List<Toleration> tolerations(Fields f) {
        List<Toleration> out = new ArrayList<>();
        List<YamlNode.MapNode> items = FieldLists.maps(f, "tolerations");
        for (int k = 0; k < items.size(); k++) {
            Fields t = new Fields(items.get(k), f.pathOf("tolerations") + "[" + k + "]", f.problems());
            int before = t.problemCount();
            String key = t.string("key", false, "", null, null);
            String op = t.choice("operator", false, "Equal", Names.ordered("Equal", "Exists"));
            String value = t.string("value", false, "", null, null);
            String effect = t.choice("effect", false, null, Names.ordered("NoSchedule", "PreferNoSchedule",
                    "NoExecute"));
            t.seconds("tolerationSeconds", false, 0, 0, false, ScenarioReader.MAX_SECONDS);
            t.finish();
            if (t.problemCount() > before) {
                continue;
            }
            try {
                out.add(new Toleration(key, op.equals("Exists") ? Toleration.Operator.EXISTS : Toleration.Operator.EQUAL,
                        value, effect == null ? null : taintEffect(effect)));
            } catch (IllegalArgumentException e) {
                t.problem("operator", e.getMessage());
            }
        }
        return out;
    }

    static TaintEffect taintEffect(String effect) {
        return switch (effect) {
            case "NoSchedule" -> TaintEffect.NO_SCHEDULE;
            case "PreferNoSchedule" -> TaintEffect.PREFER_NO_SCHEDULE;
            default -> TaintEffect.NO_EXECUTE;
        };
    }

    private static List<TopologySpreadConstraint> spread(Fields f) {
        List<TopologySpreadConstraint> out = new ArrayList<>();
        List<YamlNode.MapNode> items = FieldLists.maps(f, "topologySpreadConstraints");
        for (int k = 0; k < items.size(); k++) {
            Fields c = new Fields(items.get(k), f.pathOf("topologySpreadConstraints") + "[" + k + "]", f.problems());
            int before = c.problemCount();
            int maxSkew = (int) c.integer("maxSkew", true, 1, 1, Integer.MAX_VALUE);
            String key = c.string("topologyKey", true, null, null, null);
            if (key != null && Labels.keyProblem(key) != null) {
                c.problem("topologyKey", Labels.keyProblem(key));
            }
            String when = c.choice("whenUnsatisfiable", true, null,
                    Names.ordered("DoNotSchedule", "ScheduleAnyway"));
            LabelSelector s = AffinityReader.selector(c, "labelSelector");
            Integer minDomains = c.has("minDomains") ? (int) c.integer("minDomains", true, 1, 1, Integer.MAX_VALUE) : null;
            if (minDomains != null && "ScheduleAnyway".equals(when)) {
                c.problem("minDomains", "can only be set with whenUnsatisfiable: DoNotSchedule");
            }
            Set<String> policies = Names.ordered("Honor", "Ignore");
            String aff = c.choice("nodeAffinityPolicy", false, "Honor", policies);
            String taints = c.choice("nodeTaintsPolicy", false, "Ignore", policies);
            List<String> keys = FieldLists.strings(c, "matchLabelKeys");
            for (String lk : keys) {
                if (Labels.keyProblem(lk) != null) {
                    c.problem("matchLabelKeys", lk + ": " + Labels.keyProblem(lk));
                }
            }
            c.finish();
            if (c.problemCount() > before || key == null || when == null) {
                continue;
            }
            out.add(new TopologySpreadConstraint(maxSkew, key, when.equals("DoNotSchedule")
                    ? TopologySpreadConstraint.WhenUnsatisfiable.DO_NOT_SCHEDULE
                    : TopologySpreadConstraint.WhenUnsatisfiable.SCHEDULE_ANYWAY, s, minDomains,
                    aff.equals("Honor") ? TopologySpreadConstraint.Policy.HONOR : TopologySpreadConstraint.Policy.IGNORE,
                    taints.equals("Honor") ? TopologySpreadConstraint.Policy.HONOR : TopologySpreadConstraint.Policy.IGNORE,
                    keys));
        }
        return out;
    }

    /** Preemption policy by its Kubernetes name. */
    static PreemptionPolicy preemptionPolicy(String name) {
        return name.equals("Never") ? PreemptionPolicy.NEVER : PreemptionPolicy.PREEMPT_LOWER_PRIORITY;
    }
}
