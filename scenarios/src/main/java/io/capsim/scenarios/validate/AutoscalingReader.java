package io.capsim.scenarios.validate;

import io.capsim.engine.controllers.HorizontalPodAutoscaler.Policy;
import io.capsim.engine.controllers.HorizontalPodAutoscaler.Rules;
import io.capsim.engine.controllers.HorizontalPodAutoscaler.Select;
import io.capsim.engine.controllers.HorizontalPodAutoscaler;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.spi.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a service's {@code autoscaling}: a HorizontalPodAutoscaler in the shape of
 * {@code autoscaling/v2}'s spec (minReplicas, maxReplicas, metrics, behavior) plus the two
 * kube-controller-manager settings it runs under (sync period, tolerance), with Kubernetes'
 * defaults and validation ranges.
 */
final class AutoscalingReader {

    /** The Pods metric capsim offers: requests in flight per pod (a gauge each pod's server reports). */
    static final String IN_FLIGHT = "requests-in-flight";

    private AutoscalingReader() {}

    /** The HPA of service {@code name}, or null (absent, or with problems, which are reported). */
    static HorizontalPodAutoscaler.Spec read(String name, Fields service, boolean hasCpuRequest) {
        YamlNode.MapNode m = service.map("autoscaling", false);
        if (m == null) {
            return null;
        }
        Fields f = new Fields(m, service.pathOf("autoscaling"), service.problems());
        int before = f.problemCount();
        int reported = f.problems().size(); // the nested maps' readers report to the same list
        int min = (int) f.integer("minReplicas", false, 1, 1, ScenarioReader.MAX_COUNT);
        int max = (int) f.integer("maxReplicas", true, 0, 1, ScenarioReader.MAX_COUNT);
        if (f.problemCount() == before && max < min) {
            f.problem("maxReplicas", max + " is less than minReplicas " + min);
        }
        double[] target = readMetrics(f);
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
        if (!hasCpuRequest && target[1] == 0) {
            f.problemAt(f.location(), f.pathOf("metrics"), "a CPU utilization target needs a CPU request on the "
                    + "service's pods (resources.cpu), as Kubernetes' HPA does");
        }
        if (f.problemCount() > before || f.problems().size() > reported || up == null || down == null) {
            return null;
        }
        return new HorizontalPodAutoscaler.Spec(name, min, max, (int) target[0], up, down, SimTime.ofSeconds(sync),
                tolerance, target[1]);
    }

    /**
     * The one metric: a {@code Resource} cpu {@code Utilization} target (percent; the default, 80)
     * or a {@code Pods} metric {@code requests-in-flight} with an {@code AverageValue} target.
     *
     * @return {utilization percent, in-flight target or 0}
     */
    private static double[] readMetrics(Fields f) {
        YamlNode n = f.node("metrics");
        double[] cpu80 = {80, 0};
        if (n == null) {
            return cpu80;
        }
        if (!(n instanceof YamlNode.ListNode list) || list.items().size() != 1
                || !(list.items().get(0) instanceof YamlNode.MapNode item)) {
            f.problem("metrics", "expected a list of one metric, such as [{type: Resource, resource: {name: cpu, "
                    + "target: {type: Utilization, averageUtilization: 60}}}] or [{type: Pods, pods: {metric: "
                    + "{name: requests-in-flight}, target: {type: AverageValue, averageValue: 8}}}]");
            return cpu80;
        }
        Fields mf = new Fields(item, f.pathOf("metrics") + "[0]", f.problems());
        String type = mf.choice("type", true, "Resource", Names.ordered("Resource", "Pods"));
        double[] out = {80, 0};
        if ("Pods".equals(type)) {
            YamlNode.MapNode pm = mf.map("pods", true);
            if (pm != null) {
                Fields pf = new Fields(pm, mf.pathOf("pods"), f.problems());
                YamlNode.MapNode metric = pf.map("metric", true);
                if (metric != null) {
                    Fields nf = new Fields(metric, pf.pathOf("metric"), f.problems());
                    nf.choice("name", true, IN_FLIGHT, Names.ordered(IN_FLIGHT));
                    nf.finish();
                }
                YamlNode.MapNode t = pf.map("target", true);
                if (t != null) {
                    Fields tf = new Fields(t, pf.pathOf("target"), f.problems());
                    tf.choice("type", true, "AverageValue", Names.ordered("AverageValue"));
                    out[1] = tf.number("averageValue", true, 1, 0, true, 1_000_000);
                    tf.finish();
                }
                pf.finish();
            }
            mf.finish();
            return out;
        }
        YamlNode.MapNode r = mf.map("resource", true);
        if (r != null) {
            Fields rf = new Fields(r, mf.pathOf("resource"), f.problems());
            rf.choice("name", true, "cpu", Names.ordered("cpu"));
            YamlNode.MapNode t = rf.map("target", true);
            if (t != null) {
                Fields tf = new Fields(t, rf.pathOf("target"), f.problems());
                tf.choice("type", true, "Utilization", Names.ordered("Utilization"));
                out[0] = (int) tf.integer("averageUtilization", true, 80, 1, 100_000);
                tf.finish();
            }
            rf.finish();
        }
        mf.finish();
        return out;
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
        String select = f.choice("selectPolicy", false, "Max", Names.ordered("Max", "Min", "Disabled"));
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
                String type = pf.choice("type", true, "Pods", Names.ordered("Pods", "Percent"));
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
