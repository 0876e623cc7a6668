package io.capsim.scenarios.validate;

import io.capsim.engine.controllers.HorizontalPodAutoscaler;
import io.capsim.engine.controllers.HorizontalPodAutoscaler.Policy;
import io.capsim.engine.controllers.HorizontalPodAutoscaler.Rules;
import io.capsim.engine.controllers.HorizontalPodAutoscaler.Select;
import io.capsim.engine.kernel.SimTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Reads a service's {@code autoscaling}: a HorizontalPodAutoscaler in the shape of
 * {@code autoscaling/v2}'s spec (minReplicas, maxReplicas, metrics, behavior) plus the two
 * kube-controller-manager settings it runs under (sync period, tolerance), with Kubernetes'
 * defaults and validation ranges.
 */
final class AutoscalingReader {

    private AutoscalingReader() {}

    /** The HPA of service {@code name}, or null (absent, or with problems, which are reported). */
    static HorizontalPodAutoscaler.Spec read(String name, Fields service, boolean hasCpuRequest) {
        YamlNode.MapNode m = service.map("autoscaling", false);
        if (m == null) {
            return null;
        }
        Fields f = new Fields(m, service.pathOf("autoscaling"), service.problems());
        int before = f.problemCount();
        int min = (int) f.integer("minReplicas", false, 1, 1, ScenarioReader.MAX_COUNT);
        int max = (int) f.integer("maxReplicas", true, 0, 1, ScenarioReader.MAX_COUNT);
        if (f.problemCount() == before && max < min) {
            f.problem("maxReplicas", max + " is less than minReplicas " + min);
        }
        int target = readMetrics(f);
        Rules up = Rules.defaultScaleUp();
        Rules down = Rules.defaultScaleDown();
        YamlNode.MapNode b = f.map("behavior", false);
        if (b != null) {
            Fields bf = new Fields(b, f.pathOf("behavior"), f.problems());
            up = rules(bf, "scaleUp", up);
            down = rules(bf, "scaleDown", down);
            bf.finish();
        }
        double sync = f.seconds("syncPeriod", false, 15, 0, true, 3600);
        double tolerance = f.number("tolerance", false, 0.1, 0, false, 1);
        f.finish();
        if (!hasCpuRequest) {
            f.problemAt(f.location(), f.pathOf("metrics"), "a CPU utilization target needs a CPU request on the "
                    + "service's pods (resources.cpu), as Kubernetes' HPA does");
        }
        if (f.problemCount() > before || up == null || down == null) {
            return null;
        }
        return new HorizontalPodAutoscaler.Spec(name, min, max, target, up, down, SimTime.ofSeconds(sync), tolerance);
    }

    /** The target utilisation, percent: the one metric capsim supports (Resource cpu, Utilization); default 80. */
    private static int readMetrics(Fields f) {
        YamlNode n = f.node("metrics");
        if (n == null) {
            return 80;
        }
        if (!(n instanceof YamlNode.ListNode list) || list.items().size() != 1
                || !(list.items().get(0) instanceof YamlNode.MapNode item)) {
            f.problem("metrics", "expected a list of one metric, such as [{type: Resource, resource: {name: cpu, "
                    + "target: {type: Utilization, averageUtilization: 60}}}]; capsim supports one CPU utilization target");
            return 80;
        }
        Fields mf = new Fields(item, f.pathOf("metrics") + "[0]", f.problems());
        mf.choice("type", true, "Resource", new LinkedHashSet<>(List.of("Resource")));
        YamlNode.MapNode r = mf.map("resource", true);
        int target = 80;
        if (r != null) {
            Fields rf = new Fields(r, mf.pathOf("resource"), f.problems());
            rf.choice("name", true, "cpu", new LinkedHashSet<>(List.of("cpu")));
            YamlNode.MapNode t = rf.map("target", true);
            if (t != null) {
                Fields tf = new Fields(t, rf.pathOf("target"), f.problems());
                tf.choice("type", true, "Utilization", new LinkedHashSet<>(List.of("Utilization")));
                target = (int) tf.integer("averageUtilization", true, 80, 1, 100_000);
                tf.finish();
            }
            rf.finish();
        }
        mf.finish();
        return target;
    }

    /** One direction of behavior; fields left out keep Kubernetes' defaults for that direction. */
    private static Rules rules(Fields behavior, String key, Rules defaults) {
        YamlNode.MapNode m = behavior.map(key, false);
        if (m == null) {
            return defaults;
        }
        Fields f = new Fields(m, behavior.pathOf(key), behavior.problems());
        int before = f.problemCount();
        long window = SimTime.ofSeconds(f.integer("stabilizationWindowSeconds", false,
                defaults.stabilizationTicks() / SimTime.SECOND, 0, 3600));
        String select = f.choice("selectPolicy", false, "Max", new LinkedHashSet<>(List.of("Max", "Min", "Disabled")));
        List<Policy> policies = defaults.policies();
        YamlNode p = f.node("policies");
        if (p instanceof YamlNode.ListNode list) {
            policies = new ArrayList<>();
            for (int k = 0; k < list.items().size(); k++) {
                String path = f.pathOf("policies") + "[" + k + "]";
                if (!(list.items().get(k) instanceof YamlNode.MapNode pm)) {
                    f.problemAt(list.items().get(k).location(), path, "expected a map {type, value, periodSeconds}");
                    continue;
                }
                Fields pf = new Fields(pm, path, f.problems());
                String type = pf.choice("type", true, "Pods", new LinkedHashSet<>(List.of("Pods", "Percent")));
                int value = (int) pf.integer("value", true, 1, 1, Integer.MAX_VALUE);
                long period = pf.integer("periodSeconds", true, 15, 1, 1800);
                pf.finish();
                policies.add(new Policy("Percent".equals(type), value, period * SimTime.SECOND));
            }
            if (list.items().isEmpty()) {
                f.problem("policies", "is empty; give at least one policy, or leave policies out for the defaults");
            }
        } else if (p != null) {
            f.problem("policies", "expected a list of {type, value, periodSeconds}, found " + p.describe());
        }
        f.finish();
        if (f.problemCount() > before) {
            return null;
        }
        return new Rules(window, Select.valueOf(select.toUpperCase(java.util.Locale.ROOT)), policies);
    }
}
