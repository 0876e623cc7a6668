package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PriorityClass;
import io.capsim.engine.cluster.Taint;
import io.capsim.engine.spi.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the cluster a scenario declares: its {@code priorityClasses} and its {@code nodePools}. */
final class ClusterReader {

    /** A domain-prefixed extended resource name (example.com/fpga, not nvidia.com/gpu), for the schema. */
    static final String EXTENDED_KEY = "^(?!nvidia\\.com/gpu$)[^/]+/[^/]+$";


    private ClusterReader() {}

    /** {@code priorityClasses}: name to {value, preemptionPolicy, globalDefault}; plus the system classes. */
    static Map<String, PriorityClass> readPriorityClasses(Fields f) {
        Map<String, PriorityClass> out = new LinkedHashMap<>();
        for (PriorityClass c : PriorityClass.SYSTEM) {
            out.put(c.name(), c);
        }
        YamlNode.MapNode node = f.map("priorityClasses", false);
        if (node == null) {
            return out;
        }
        String[] defaultOne = {null};
        ScenarioReader.forEachNamed(node, "priorityClasses", f.problems(), (key, c) -> {
            if (key.startsWith("system-")) {
                c.problemAt(node.keyLocation(key), "priorityClasses." + key, "names starting with \"system-\" are reserved for "
                        + "Kubernetes' own classes");
            }
            int value = (int) c.integer("value", true, 0, -PriorityClass.HIGHEST_USER_DEFINABLE,
                    PriorityClass.HIGHEST_USER_DEFINABLE);
            String policy = c.choice("preemptionPolicy", false, "PreemptLowerPriority",
                    Names.ordered("PreemptLowerPriority", "Never"));
            boolean global = c.bool("globalDefault", false, false);
            c.string("description", false, "", null, null);
            if (global) {
                if (defaultOne[0] != null) {
                    c.problem("globalDefault", "only one priority class may be the global default (" + defaultOne[0]
                            + " already is)");
                }
                defaultOne[0] = key;
            }
            out.put(key, new PriorityClass(key, value, PodTemplateReader.preemptionPolicy(policy), global));
        });
        return out;
    }

    static NodePoolSpec readPool(String name, Fields f) {
        int before = f.problemCount();
        int count = (int) f.integer("count", true, 0, 0, ScenarioReader.MAX_COUNT);
        long cpu = f.cpuMillis("cpu", true, 1, 1, 1_000_000_000L);
        long mem = f.memoryMiB("memory", true, 1, 1, 1_000_000_000_000L);
        int gpus = (int) f.integer("gpus", false, 0, 0, 64);
        String model = f.string("gpuModel", gpus > 0, "", null, null);
        if (gpus == 0 && !model.isEmpty()) {
            f.problem("gpuModel", "is given but the pool has no GPUs (set gpus)");
        }
        if (!model.isEmpty() && Labels.valueProblem(model) != null) {
            f.problem("gpuModel", Labels.valueProblem(model) + " (it becomes the label nvidia.com/gpu.product)");
        }
        long gpuMem = f.memoryMiB("gpuMemory", false, 0, 0, 1_000_000_000L);
        Map<String, Long> ext = new TreeMap<>();
        if (f.has("ephemeralStorage")) {
            ext.put("ephemeral-storage", f.memoryMiB("ephemeralStorage", true, 0, 0, 1_000_000_000_000L));
        }
        YamlNode.MapNode er = f.map("extendedResources", false);
        if (er != null) {
            Fields ef = new Fields(er, f.pathOf("extendedResources"), f.problems());
            SchemaRecorder.otherKeys(ef.pathPrefix(), EXTENDED_KEY, new SchemaRecorder.FieldSpec(
                    SchemaRecorder.Kind.INTEGER, false, 0.0, false, 1e9, List.of(), null, null, null,
                    "an extended resource per node, by domain-prefixed name (example.com/fpga)"));
            for (String k : er.entries().keySet()) {
                if (!k.contains("/") || Labels.keyProblem(k) != null) {
                    ef.node(k);
                    ef.problemAt(er.keyLocation(k), ef.pathOf(k), "\"" + k + "\" is not an extended resource name "
                            + "(a domain-prefixed name such as example.com/fpga)");
                    continue;
                }
                if (k.equals("nvidia.com/gpu")) {
                    ef.node(k);
                    ef.problemAt(er.keyLocation(k), ef.pathOf(k), "GPUs are given with gpus and gpuModel, not as an "
                            + "extended resource");
                    continue;
                }
                ext.put(k, ef.integer(k, true, 0, 0, 1_000_000_000L));
            }
            ef.finish();
        }
        Map<String, String> labels = FieldLists.labels(f, "labels");
        for (String reserved : List.of(NodeSpec.POOL_LABEL, NodeSpec.HOSTNAME_LABEL, NodeSpec.ZONE_LABEL,
                NodeSpec.GPU_MODEL_LABEL, NodeSpec.GPU_PRODUCT_LABEL, NodeSpec.GPU_COUNT_LABEL, NodeSpec.GPU_MEMORY_LABEL)) {
            if (labels.containsKey(reserved)) {
                f.problem("labels", reserved + " is set by capsim on every node (from the pool's name, the node's"
                        + " name, zones, gpuModel, gpus and gpuMemory); set those fields instead");
            }
        }
        List<Taint> taints = new ArrayList<>();
        List<YamlNode.MapNode> ts = FieldLists.maps(f, "taints");
        for (int k = 0; k < ts.size(); k++) {
            Fields t = new Fields(ts.get(k), f.pathOf("taints") + "[" + k + "]", f.problems());
            String key = t.string("key", true, null, null, null);
            if (key != null && Labels.keyProblem(key) != null) {
                t.problem("key", Labels.keyProblem(key));
            }
            String value = t.string("value", false, "", null, null);
            if (value != null && !value.isEmpty() && Labels.valueProblem(value) != null) {
                t.problem("value", Labels.valueProblem(value));
            }
            String effect = t.choice("effect", true, null, Names.ordered("NoSchedule", "PreferNoSchedule",
                    "NoExecute"));
            t.finish();
            if (key != null && effect != null && Labels.keyProblem(key) == null) {
                taints.add(new Taint(key, value, PodTemplateReader.taintEffect(effect)));
            }
        }
        List<String> zones = FieldLists.strings(f, "zones");
        for (String z : zones) {
            if (Labels.valueProblem(z) != null || z.isEmpty()) {
                f.problem("zones", z.isEmpty() ? "a zone name must not be empty" : Labels.valueProblem(z));
            }
        }
        double cost = f.number("costPerHour", false, 0, 0, false, 1e9);
        double speed = f.number("speed", false, 1, 0, true, 1000);
        if (f.problemCount() > before) {
            return null;
        }
        return new NodePoolSpec(name, count, cpu, mem, gpus, model, gpuMem, labels, taints, ext, zones, cost, speed);
    }
}
