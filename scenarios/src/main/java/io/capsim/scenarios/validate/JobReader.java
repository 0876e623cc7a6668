package io.capsim.scenarios.validate;

import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.random.DistributionSpec;
import io.capsim.engine.sched.api.ExtensionPoint;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.Plugins;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.workload.JobSpec;
import io.capsim.scenarios.model.Scenario;
import io.capsim.workloads.ArrivalField;
import io.capsim.workloads.trace.builtin.TraceFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code jobs.<name>}: a Job (or JobSet) whose instances each run {@code parallelism} pods
 * of the pod template for a runtime, optionally as a gang; instances are submitted at fixed times
 * ({@code submitAt}) or by arrival streams that name the job.
 */
final class JobReader {

    private JobReader() {}

    static JobSpec read(String name, Fields f, PodTemplateReader templates, Scenario.SchedulerSetup scheduler,
            List<Scenario.ArrivalSpec> submissions) {
        int before = f.problemCount();
        int parallelism = (int) f.integer("parallelism", false, 1, 1, 10_000);
        int minMember = 0;
        long timeout = 60 * SimTime.SECOND;
        YamlNode gang = f.node("gang");
        if (gang instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.BOOLEAN) {
            minMember = Boolean.parseBoolean(s.text()) ? parallelism : 0;
        } else if (gang instanceof YamlNode.MapNode m) {
            Fields g = new Fields(m, f.pathOf("gang"), f.problems());
            long members = g.integer("minMember", false, 0, 1, 10_000); // 0: absent, all of them
            if (members > parallelism) {
                g.problem("minMember", members + " is not in [1, " + parallelism + "] (parallelism)");
            }
            minMember = members == 0 || members > parallelism ? parallelism : (int) members;
            timeout = SimTime.ofSeconds(g.seconds("timeout", false, 60, 0, true, ScenarioReader.MAX_SECONDS));
            g.finish();
        } else if (gang != null) {
            f.problem("gang", "expected true, false or {minMember, timeout}, found " + gang.describe());
        }
        DistributionSpec runtime = null;
        YamlNode.MapNode rt = f.map("runtime", false);
        if (rt != null) {
            runtime = DistributionReader.read(rt, f.pathOf("runtime"), f.problems());
        }
        int backoffLimit = (int) f.integer("backoffLimit", false, 6, 0, 1_000_000);
        long checkpointInterval = 0;
        long checkpointCost = 0;
        YamlNode.MapNode cp = f.map("checkpoint", false);
        if (cp != null) {
            Fields c = new Fields(cp, f.pathOf("checkpoint"), f.problems());
            double interval = c.seconds("interval", true, 0, 0, true, ScenarioReader.MAX_SECONDS);
            double cost = c.seconds("cost", false, 0, 0, false, ScenarioReader.MAX_SECONDS);
            checkpointInterval = Double.isNaN(interval) ? 0 : SimTime.ofSeconds(interval);
            checkpointCost = Double.isNaN(cost) ? 0 : SimTime.ofSeconds(cost);
            c.finish();
        }
        YamlNode times = f.node("submitAt");
        List<Double> at = null;
        if (times instanceof YamlNode.ListNode l) {
            at = new ArrayList<>();
            double prev = 0;
            for (int k = 0; k < l.items().size(); k++) {
                YamlNode item = l.items().get(k);
                String p = f.pathOf("submitAt") + "[" + k + "]";
                double t;
                try {
                    if (!(item instanceof YamlNode.Scalar sc) || sc.type() == YamlNode.ScalarType.NULL
                            || sc.type() == YamlNode.ScalarType.BOOLEAN) {
                        throw new IllegalArgumentException("expected a duration, found " + item.describe());
                    }
                    t = Quantities.seconds(sc.text());
                } catch (IllegalArgumentException e) {
                    f.problemAt(item.location(), p, e.getMessage());
                    continue;
                }
                if (!(t >= 0) || t > ScenarioReader.MAX_SECONDS || t < prev) {
                    f.problemAt(item.location(), p, Fields.fmt(t) + " s is not in [" + Fields.fmt(prev) + ", "
                            + Fields.fmt(ScenarioReader.MAX_SECONDS) + "] s (times ascend from 0)");
                    continue;
                }
                prev = t;
                at.add(t);
            }
        } else if (times != null) {
            f.problem("submitAt", "expected a list of times, such as [0, 10m], found " + times.describe());
        }
        PodSpec template = templates.read(name, f, Map.of("job-name", name));
        if (minMember > 0 && template != null) {
            SchedulerProfile profile = null;
            for (SchedulerProfile p : scheduler == null ? List.<SchedulerProfile>of() : scheduler.profiles()) {
                if (p.schedulerName().equals(template.schedulerName())) {
                    profile = p;
                }
            }
            if (profile != null && !enabledAtPermit(profile.plugins(), BuiltInPlugins.COSCHEDULING)) {
                f.problem("gang", "the pods are scheduled by profile \"" + profile.schedulerName() + "\", which does not "
                        + "enable " + BuiltInPlugins.COSCHEDULING + ": a gang would be placed pod by pod. Enable it in "
                        + "that profile (plugins.multiPoint.enabled: [{name: Coscheduling}] with queueSort "
                        + "PrioritySort disabled) or give the job a schedulerName whose profile has it");
            }
        }
        if (f.problemCount() > before || template == null) {
            return null;
        }
        if (at != null) {
            submissions.add(new Scenario.ArrivalSpec(name + "-submit", Scenario.Target.JOB, name, null, null, null, at, 0));
        }
        return new JobSpec(name, template, parallelism, minMember, timeout, runtime, backoffLimit,
                Math.max(0, checkpointInterval), Math.max(0, checkpointCost));
    }

    /** True if {@code plugin} runs at Permit in the resolved plugin sets. */
    static boolean enabledAtPermit(Plugins plugins, String plugin) {
        boolean inMulti = plugins.multiPoint().enabled().stream().map(PluginRef::name).anyMatch(plugin::equals)
                && !plugins.at(ExtensionPoint.PERMIT).disables(plugin)
                && !plugins.multiPoint().disabled().contains(plugin);
        boolean atPermit = plugins.at(ExtensionPoint.PERMIT).enabled().stream().map(PluginRef::name).anyMatch(plugin::equals);
        return inMulti || atPermit;
    }

    /**
     * The arrivals, with each trace that feeds a job without a runtime requiring a duration in
     * every row: a row without one is a bad row (stop with file:line, or skip and count it).
     */
    static List<Scenario.ArrivalSpec> requireDurations(List<JobSpec> jobs, List<Scenario.ArrivalSpec> arrivals) {
        Set<String> without = new java.util.HashSet<>();
        for (JobSpec j : jobs) {
            if (j.runtime() == null) {
                without.add(j.name());
            }
        }
        List<Scenario.ArrivalSpec> out = new java.util.ArrayList<>(arrivals.size());
        for (Scenario.ArrivalSpec a : arrivals) {
            Scenario.TraceSpec t = a.trace();
            if (t != null && a.target() == Scenario.Target.JOB && without.contains(a.targetName())) {
                t = new Scenario.TraceSpec(t.file(), t.format(), t.options().withRequired(Set.of(ArrivalField.DURATION)),
                        t.timeScale(), t.fromSeconds(), t.toSeconds(), t.loop(), t.rateScale(), t.filters());
                a = new Scenario.ArrivalSpec(a.name(), a.target(), a.targetName(), a.process(), t, a.sizes(), a.times(),
                        a.startAtSeconds());
            }
            out.add(a);
        }
        return out;
    }

    /** Every job must be submitted (by submitAt or a stream), and one without a runtime only by arrivals that carry a duration. */
    static void checkRuntimes(List<JobSpec> jobs, List<Scenario.ArrivalSpec> arrivals, YamlNode.MapNode jobsNode,
            Problems problems) {
        for (JobSpec j : jobs) {
            boolean fed = false;
            for (Scenario.ArrivalSpec a : arrivals) {
                if (a.target() != Scenario.Target.JOB || !a.targetName().equals(j.name())) {
                    continue;
                }
                fed = true;
                if (j.runtime() != null) {
                    continue;
                }
                boolean carries = a.trace() != null && TraceFormats.REGISTRY.find(a.trace().format())
                        .map(tf -> tf.fields(a.trace().options())).orElse(Set.of()).contains(ArrivalField.DURATION);
                if (!carries) {
                    problems.add(jobsNode.get(j.name()).location(), "jobs." + j.name() + ".runtime",
                            "is required: " + a.name() + " (" + a.describe() + ") submits instances without a duration");
                }
            }
            if (!fed) {
                problems.add(jobsNode.get(j.name()).location(), "jobs." + j.name(), "no arrival stream and no submitAt "
                        + "submits this job; add submitAt: [0] or an arrival stream with job: " + j.name());
            }
        }
    }
}
