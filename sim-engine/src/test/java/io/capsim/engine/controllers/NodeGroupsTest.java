package io.capsim.engine.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.api.ApiServer;
import io.capsim.engine.cluster.ClusterState;
import io.capsim.engine.cluster.NodePoolSpec;
import io.capsim.engine.cluster.NodeSpec;
import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.results.ClusterAutoscalerResult;
import io.capsim.engine.results.ClusterAutoscalerResult.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster autoscaler's record of its groups: names taken lowest first, nodes joining or timing out, backoff. */
class NodeGroupsTest {

    private final NodePoolSpec pool = NodePoolSpec.cpu("p", 3, 4000, 16384);
    private final ClusterState cluster = new ClusterState(pool.nodes());
    private final ApiServer api = new ApiServer(new Simulator(), cluster);
    private final NodeGroups groups = new NodeGroups(List.of(new ClusterAutoscaler.NodeGroup(pool, 1, 8, 0, 0)));

    private List<Kind> kinds(long now) {
        return groups.result(now, "least-waste").events().stream().map(ClusterAutoscalerResult.Event::kind).toList();
    }

    @Test
    void aRemovedNodesNameIsTakenAgainFirst() {
        groups.start(cluster, 0);
        // p-0, p-1, p-2 live: room 8 - 3 = 5, two above the minimum of 1.
        assertEquals(5, groups.room(0));
        assertEquals(2, groups.removable(0));
        api.removeNode(1);
        groups.removed(0, "p-1", 0);
        // p-1 is free again: a scale-up of two takes p-1, then p-3. Room 8 - 2 live - 2 provisioning.
        groups.scaleUp(0, 2, 10, false, 0);
        assertEquals(List.of("p-1", "p-3"), groups.provisioning().stream().map(NodeSpec::name).toList());
        assertEquals(4, groups.room(0));
        groups.join(9, api);
        assertEquals(2, cluster.liveNodeCount(), "not due yet");
        groups.join(10, api);
        assertEquals(4, cluster.liveNodeCount());
        assertEquals(List.of(), groups.provisioning());
        assertEquals(List.of(Kind.REMOVED, Kind.SCALE_UP, Kind.JOINED, Kind.JOINED), kinds(10));
        ClusterAutoscalerResult.Pool p = groups.result(10, "least-waste").pools().get(0);
        assertEquals(List.of(3, 4, 2, 4), List.of(p.nodesAtStart(), p.nodesAtEnd(), p.nodesLeast(), p.nodesMost()));
    }

    @Test
    void nodesThatTimeOutFreeTheirRoomAndTheGroupBacksOff() {
        groups.start(cluster, 0);
        groups.scaleUp(0, 1, 100, true, 0);
        // A node that will time out is no room for pending pods, but counts against the maximum.
        assertEquals(List.of(), groups.provisioning());
        assertEquals(4, groups.room(0));
        assertFalse(groups.backingOff(0, 100));
        groups.join(100, api);
        assertEquals(3, cluster.liveNodeCount());
        assertEquals(5, groups.room(0));
        assertTrue(groups.backingOff(0, 100 + ClusterAutoscaler.BACKOFF_TICKS - 1));
        assertFalse(groups.backingOff(0, 100 + ClusterAutoscaler.BACKOFF_TICKS));
        assertEquals(List.of(Kind.SCALE_UP, Kind.TIMED_OUT), kinds(100));
    }
}
