package io.capsim.engine.sched.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import io.capsim.engine.sched.ClusterState;
import io.capsim.engine.sched.InvalidProfileException;
import io.capsim.engine.sched.PluginConfig;
import io.capsim.engine.sched.PluginRef;
import io.capsim.engine.sched.PluginSet;
import io.capsim.engine.sched.Plugins;
import io.capsim.engine.sched.PodInfo;
import io.capsim.engine.sched.Scheduler;
import io.capsim.engine.sched.SchedulerConfig;
import io.capsim.engine.sched.SchedulerProfile;
import io.capsim.engine.sched.TargetWorkload;
import io.capsim.engine.sched.plugins.BuiltInPlugins;
import io.capsim.engine.kernel.SimTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceLoaderPluginTest {

    private static NodeSpec node(String name, double cost) {
        return new NodeSpec(name, "", 8000, 16384, 0, "", Map.of(), List.of(), Map.of(), cost);
    }

    @Test
    void outOfTreePluginIsFoundByNameAndScores() {
        var registry = BuiltInPlugins.registryWithServiceLoader(getClass().getClassLoader());
        assertTrue(registry.names().contains(NodeCostScore.NAME));
        SchedulerProfile p = new SchedulerProfile("cheap", Plugins.kubernetesDefaults().overlay(
                Plugins.multiPoint(PluginSet.enable(new PluginRef(NodeCostScore.NAME, 50)))),
                List.of(new PluginConfig(NodeCostScore.NAME, new NodeCostScore.Args(5))), 100);
        Simulator sim = new Simulator();
        ClusterState c = new ClusterState(List.of(node("dear", 4.5), node("cheap", 0.5), node("mid", 2)));
        Scheduler s = new Scheduler(sim, c, p, SchedulerConfig.defaults(), new RandomStreams(1), TargetWorkload.EMPTY, registry);
        assertEquals(50, s.framework().scoreWeight(NodeCostScore.NAME));
        PodInfo pod = s.submit(PodSpec.builder("x").requests(Resources.of(1000, 1024)).build(), 0);
        sim.runUntil(SimTime.SECOND);
        assertEquals("cheap", c.node(pod.node()).name());
    }

    @Test
    void outOfTreeArgsAreValidated() {
        var registry = BuiltInPlugins.registryWithServiceLoader(getClass().getClassLoader());
        SchedulerProfile p = new SchedulerProfile("cheap", Plugins.kubernetesDefaults().overlay(
                Plugins.multiPoint(PluginSet.enable(NodeCostScore.NAME))),
                List.of(new PluginConfig(NodeCostScore.NAME, new NodeCostScore.Args(0))), 100);
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> new Scheduler(new Simulator(),
                new ClusterState(List.of(node("a", 1))), p, SchedulerConfig.defaults(), new RandomStreams(1),
                TargetWorkload.EMPTY, registry));
        assertEquals(List.of("pluginConfig[0].args: maxCostPerNodeHour: 0.0 must be > 0"), e.problems());
    }

    @Test
    void builtInNamesAreRefusedToOutOfTreePlugins() {
        var r = BuiltInPlugins.registry();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.register(BuiltInPlugins.FGD, BuiltInPlugins.noArgs(BuiltInPlugins.FGD, c -> null)));
        assertEquals("plugin \"FGD\" is already registered", e.getMessage());
    }
}
