package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.PriorityClass;
import io.capsim.engine.controllers.ClusterAutoscaler;
import io.capsim.engine.controllers.HorizontalPodAutoscaler;
import io.capsim.engine.results.Slo;
import io.capsim.engine.sched.api.PluginFactory;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.serving.ContinuousBatching;
import io.capsim.engine.serving.ServiceSpec;
import io.capsim.engine.spi.Names;
import io.capsim.engine.spi.Registry;
import io.capsim.engine.workload.JobSpec;
import io.capsim.scenarios.model.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a serving scenario: its top-level fields ({@code name}, {@code seed}, {@code duration},
 * ...) and each section by its own reader ({@link ClusterReader}, {@link SchedulerReader},
 * {@link ServiceReader}, {@link JobReader}, {@link ArrivalReader}, ...), then the checks across
 * sections (every service fed, every job given a runtime). Documented in {@code docs/SCENARIOS.md}.
 */
final class ServingScenarioReader {

    private ServingScenarioReader() {}

    /**
     * Reads a serving scenario from its top-level map, adding every problem to {@code problems}.
     *
     * @param baseDir folder against which relative trace paths are resolved
     * @return the scenario, or null if its scheduler section was wrong (reported)
     */
    static Scenario read(YamlNode.MapNode map, Problems problems, Path baseDir) {
        Fields f = new Fields(map, "", problems);
        String name = f.string("name", true, "scenario", ScenarioReader.SCENARIO_NAME,
                ScenarioReader.SCENARIO_NAME_FORMS);
        f.string("description", false, "", null, null);
        long seed = f.integer("seed", false, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        double duration = f.seconds("duration", true, 1, 0, true, ScenarioReader.MAX_SECONDS);
        double warmup = f.seconds("warmup", false, 0, 0, false, ScenarioReader.MAX_SECONDS);
        if (warmup >= duration && f.has("warmup")) {
            f.problem("warmup", Fields.fmt(warmup) + " s must be less than duration (" + Fields.fmt(duration) + " s)");
        }
        double sample = f.seconds("sampleInterval", false, Math.max(1e-3, duration / 500), 1e-3, false,
                ScenarioReader.MAX_SECONDS);
        List<NodePoolSpec> pools = new ArrayList<>();
        Map<String, ClusterAutoscalerReader.Bounds> bounds = new LinkedHashMap<>();
        YamlNode.MapNode poolsNode = f.map("nodePools", true);
        if (poolsNode != null) {
            ScenarioReader.forEachNamed(poolsNode, "nodePools", problems, (key, fields) -> {
                NodePoolSpec p = ClusterReader.readPool(key, fields);
                ClusterAutoscalerReader.Bounds b = ClusterAutoscalerReader.readPool(fields, p == null ? -1 : p.count());
                if (p != null) {
                    pools.add(p);
                }
                if (ClusterAutoscalerReader.givesBounds(fields)) {
                    bounds.put(key, b); // null when wrong (reported): no follow-on problem
                }
            });
            if (poolsNode.entries().isEmpty()) {
                problems.add(poolsNode.location(), "nodePools", "at least one node pool is required");
            }
        }
        ClusterAutoscaler.Spec clusterAutoscaler = ClusterAutoscalerReader.read(f, pools, bounds);
        Map<String, PriorityClass> classes = ClusterReader.readPriorityClasses(f);
        Registry<PluginFactory<?>> registry = plugins(problems);
        Scenario.SchedulerSetup scheduler = SchedulerReader.read(f, baseDir, registry);
        Set<String> profileNames = new LinkedHashSet<>();
        for (var p : (scheduler == null ? SchedulerReader.defaults(registry) : scheduler).profiles()) {
            profileNames.add(p.schedulerName());
        }
        PodTemplateReader templates = new PodTemplateReader(classes, profileNames, pools);
        List<ServiceSpec> services = new ArrayList<>();
        List<Slo> slos = new ArrayList<>();
        List<HorizontalPodAutoscaler.Spec> autoscalers = new ArrayList<>();
        YamlNode.MapNode servicesNode = f.map("services", false);
        if (servicesNode != null) {
            ScenarioReader.forEachNamed(servicesNode, "services", problems, (key, fields) -> {
                ServiceSpec read = ServiceReader.readService(key, fields, templates);
                var sizing = SizingReader.read(fields, read == null ? 1 : read.template().requests().cpuMillis());
                ServiceSpec s = read == null || sizing == null ? read : read.withSizing(sizing);
                SloReader.readService(key, fields, slos, s != null && s.engine().equals(ContinuousBatching.NAME));
                HorizontalPodAutoscaler.Spec hpa = AutoscalingReader.read(key, fields,
                        s == null || s.template().requests().cpuMillis() > 0);
                if (hpa != null) {
                    autoscalers.add(hpa);
                }
                if (s != null) {
                    services.add(s);
                }
            });
        }
        List<JobSpec> jobs = new ArrayList<>();
        List<Scenario.ArrivalSpec> submissions = new ArrayList<>();
        YamlNode.MapNode jobsNode = f.map("jobs", false);
        if (jobsNode != null) {
            ScenarioReader.forEachNamed(jobsNode, "jobs", problems, (key, fields) -> {
                JobSpec j = JobReader.read(key, fields, templates, scheduler, submissions);
                SloReader.readJob(key, fields, slos);
                if (j != null) {
                    jobs.add(j);
                }
            });
        }
        if ((servicesNode == null || servicesNode.entries().isEmpty()) && (jobsNode == null || jobsNode.entries().isEmpty())) {
            problems.add(map.location(), "services", "a scenario needs at least one service or job");
        }
        YamlNode.MapNode arrivalsNode = f.map("arrivals", false);
        List<Scenario.ArrivalSpec> arrivals = arrivalsNode == null ? new ArrayList<>()
                : readArrivals(arrivalsNode, servicesNode, jobsNode, problems, baseDir);
        for (Scenario.ArrivalSpec a : submissions) {
            if (arrivalsNode != null && arrivalsNode.get(a.name()) != null) {
                problems.add(arrivalsNode.keyLocation(a.name()), "arrivals." + a.name(), "\"" + a.name()
                        + "\" is the name of job " + a.targetName() + "'s submitAt stream; name this stream otherwise");
            }
        }
        arrivals.addAll(submissions);
        ServiceReader.checkDemand(services, arrivals, arrivalsNode, problems);
        JobReader.checkRuntimes(jobs, arrivals, jobsNode, problems);
        List<Scenario.ArrivalSpec> fed = JobReader.requireDurations(jobs, arrivals);
        f.finish();
        if (scheduler == null) {
            return null;
        }
        return new Scenario(name, seed, duration, Math.min(warmup, duration), sample, pools,
                new ArrayList<>(classes.values()), scheduler, services, jobs, fed, slos, autoscalers, clusterAutoscaler);
    }

    /**
     * The streams of {@code arrivals}, each copy ({@code copyOf}) after the streams read in full and
     * resolved against them: a copy of a copy, of an unknown stream or feeding another kind of
     * target is a problem.
     */
    private static List<Scenario.ArrivalSpec> readArrivals(YamlNode.MapNode arrivalsNode, YamlNode.MapNode servicesNode,
            YamlNode.MapNode jobsNode, Problems problems, Path baseDir) {
        List<Scenario.ArrivalSpec> arrivals = new ArrayList<>();
        Set<String> serviceNames = servicesNode == null ? Set.of() : new LinkedHashSet<>(servicesNode.entries().keySet());
        Set<String> jobNames = jobsNode == null ? Set.of() : new LinkedHashSet<>(jobsNode.entries().keySet());
        Map<String, String[]> copies = new LinkedHashMap<>(); // name -> {kind, target, copied stream}
        ScenarioReader.forEachNamed(arrivalsNode, "arrivals", problems, (key, fields) -> {
            if (fields.has("copyOf")) {
                String[] c = ArrivalReader.readCopy(fields, serviceNames, jobNames);
                if (c != null) {
                    copies.put(key, c);
                }
                return;
            }
            Scenario.ArrivalSpec a = ArrivalReader.read(key, fields, serviceNames, jobNames, baseDir);
            if (a != null) {
                arrivals.add(a);
            }
        });
        for (Map.Entry<String, String[]> c : copies.entrySet()) {
            String of = c.getValue()[2];
            Scenario.Target kind = c.getValue()[0].equals("job") ? Scenario.Target.JOB : Scenario.Target.SERVICE;
            Scenario.ArrivalSpec original = arrivals.stream().filter(a -> a.name().equals(of)).findFirst().orElse(null);
            YamlNode.MapNode node = (YamlNode.MapNode) arrivalsNode.get(c.getKey());
            if (original == null) {
                if (arrivalsNode.get(of) == null || copies.containsKey(of)) {
                    problems.add(node.get("copyOf").location(), "arrivals." + c.getKey() + ".copyOf",
                            copies.containsKey(of) ? "\"" + of + "\" is itself a copy; copy the stream it copies"
                                    : Names.unknown("arrival stream", of, arrivalsNode.entries().keySet()));
                }
                continue; // the original has problems of its own, reported already
            }
            if (original.target() != kind) {
                problems.add(node.get("copyOf").location(), "arrivals." + c.getKey() + ".copyOf", "\"" + of
                        + "\" " + (kind == Scenario.Target.JOB ? "sends requests to a service" : "submits job instances")
                        + "; a copy feeds the same kind of target (give " + (kind == Scenario.Target.JOB ? "service" : "job")
                        + " instead)");
                continue;
            }
            arrivals.add(original.copy(c.getKey(), kind, c.getValue()[1]));
        }
        return arrivals;
    }

    /** The scheduling plugins; the built-ins alone, with a problem, if the classpath's cannot be loaded. */
    private static Registry<PluginFactory<?>> plugins(Problems problems) {
        try {
            return ScenarioReader.pluginRegistry();
        } catch (IllegalArgumentException | java.util.ServiceConfigurationError e) {
            problems.add(Location.of("classpath"), "", "cannot load the scheduling plugins on the classpath: "
                    + e.getMessage());
            return BuiltInPlugins.registry();
        }
    }
}
