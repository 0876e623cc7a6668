package io.capsim.engine.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.api.ApiServer;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.kernel.SimTime;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.random.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller extension point: registered by name, woken by its own keys and requeue delays, in order. */
class ControllerManagerTest {

    /** Reconciles key 1 every {@code period}, and key 2 once; logs "name:key@seconds". */
    static final class Ticker implements Controller {
        final String name;
        final long period;
        final List<String> log;
        ControllerContext ctx;

        Ticker(String name, long period, List<String> log) {
            this.name = name;
            this.period = period;
            this.log = log;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(ControllerContext context) {
            ctx = context;
            context.enqueue(1);
            context.enqueueAfter(2, 5 * SimTime.SECOND);
        }

        @Override
        public long reconcile(long key) {
            log.add(name + ":" + key + "@" + ctx.now() / SimTime.SECOND);
            return key == 1 ? period : NO_REQUEUE;
        }
    }

    @Test
    void controllersAreRegisteredByNameAndWokenByTheirKeysInOrder() {
        Simulator sim = new Simulator();
        ClusterState cluster = new ClusterState(List.of(NodeSpec.of("n0", 1000, 1024, 0, "")));
        ControllerManager m = new ControllerManager(sim, cluster, new ApiServer(sim, cluster), new RandomStreams(1));
        List<String> log = new ArrayList<>();
        Ticker a = new Ticker("a", 10 * SimTime.SECOND, log);
        m.add(a);
        m.add(new Ticker("b", 20 * SimTime.SECOND, log));
        assertSame(a, m.controller("a").orElseThrow());
        assertTrue(m.controller("c").isEmpty());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> m.add(new Ticker("a", 1, log)));
        assertTrue(dup.getMessage().contains("\"a\" is registered already"), dup.getMessage());
        sim.runUntil(25 * SimTime.SECOND);
        // At equal times, in enqueue order: a before b at 0 s and 5 s; at 20 s, b's requeue (asked at
        // 0 s) before a's (asked at 10 s).
        assertEquals(List.of("a:1@0", "b:1@0", "a:2@5", "b:2@5", "a:1@10", "b:1@20", "a:1@20"), log);
    }
}
