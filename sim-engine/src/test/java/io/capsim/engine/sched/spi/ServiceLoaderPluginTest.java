package io.capsim.engine.sched.spi;

import io.capsim.engine.sched.plugins.BuiltInProfiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.sched.api.ConfigProblem;
import io.capsim.engine.sched.config.InvalidProfileException;
import io.capsim.engine.sched.config.PluginConfig;
import io.capsim.engine.sched.config.PluginRef;
import io.capsim.engine.sched.config.PluginSet;
import io.capsim.engine.sched.config.Plugins;
import io.capsim.engine.cluster.Pod;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.config.SchedulerConfig;
import io.capsim.engine.sched.config.SchedulerProfile;
import io.capsim.engine.cluster.TargetWorkload;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.kernel.SimTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceLoaderPluginTest {

    private static NodeSpec node(String name, double cost) {
        return new NodeSpec(name, "", 8000, 16384, 0, "", Map.of(), List.of(), Map.of(), cost, 0, 1.0);
    }

    @Test
    void outOfTreePluginIsFoundByNameAndScores() {
        var registry = BuiltInPlugins.registryWithServiceLoader(getClass().getClassLoader());
        assertTrue(registry.names().contains(NodeCostScore.NAME));
        SchedulerProfile p = new SchedulerProfile("cheap", BuiltInProfiles.kubernetesDefaults().overlay(
                Plugins.multiPoint(PluginSet.enable(new PluginRef(NodeCostScore.NAME, 50)))),
                List.of(new PluginConfig(NodeCostScore.NAME, new NodeCostScore.Args(5))), 100);
        Simulator sim = new Simulator();
        ClusterState c = new ClusterState(List.of(node("dear", 4.5), node("cheap", 0.5), node("mid", 2)));
        Scheduler s = new Scheduler(sim, c, p, SchedulerConfig.defaults(), new RandomStreams(1), TargetWorkload.EMPTY, registry);
        assertEquals(50, s.framework().scoreWeight(NodeCostScore.NAME));
        Pod pod = c.createPod(PodSpec.builder("x").schedulerName("cheap").requests(Resources.of(1000, 1024)).build(), 0, 0);
        sim.runUntil(SimTime.SECOND);
        assertEquals("cheap", c.node(pod.node()).name());
    }

    @Test
    void outOfTreeArgsAreValidated() {
        var registry = BuiltInPlugins.registryWithServiceLoader(getClass().getClassLoader());
        SchedulerProfile p = new SchedulerProfile("cheap", BuiltInProfiles.kubernetesDefaults().overlay(
                Plugins.multiPoint(PluginSet.enable(NodeCostScore.NAME))),
                List.of(new PluginConfig(NodeCostScore.NAME, new NodeCostScore.Args(0))), 100);
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> new Scheduler(new Simulator(),
                new ClusterState(List.of(node("a", 1))), p, SchedulerConfig.defaults(), new RandomStreams(1),
                TargetWorkload.EMPTY, registry));
        assertEquals(List.of(ConfigProblem.at("pluginConfig[0].args.maxCostPerNodeHour", 0.0, "0.0 must be > 0")),
                e.problems());
    }

    @Test
    void builtInNamesAreRefusedToOutOfTreePlugins() {
        java.util.List<io.capsim.engine.sched.api.PluginFactory<?>> fs = new java.util.ArrayList<>(BuiltInPlugins.factories());
        fs.add(BuiltInPlugins.noArgs(BuiltInPlugins.FGD, c -> null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> io.capsim.engine.spi.Registry.of("plugin", fs, io.capsim.engine.sched.api.PluginFactory::name));
        assertEquals("plugin \"FGD\" is already registered", e.getMessage());
    }
}
