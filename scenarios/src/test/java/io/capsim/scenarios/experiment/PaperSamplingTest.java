package io.capsim.scenarios.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsim.engine.cluster.PodSpec;
import io.capsim.engine.cluster.Resources;
import io.capsim.engine.random.RandomStreams;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FGD paper simulator's arrival sequence ({@link InflationExperiment.Sampling#SHUFFLED_LIST}). */
class PaperSamplingTest {

    // GPU requests: 1000, 500, 0, 2000 (two whole GPUs), 500 milli-GPU: 4000 in all.
    private static final List<PodSpec> PODS = List.of(
            pod("a", 1, 1000), pod("b", 1, 500), pod("c", 0, 0), pod("d", 2, 1000), pod("e", 1, 500));

    private static PodSpec pod(String name, int gpus, int milli) {
        return PodSpec.builder(name).requests(Resources.of(1000, 1024, gpus, milli)).build();
    }

    private static long total(int[] seq) {
        return Arrays.stream(seq).mapToLong(i -> PODS.get(i).requests().gpuMilliTotal()).sum();
    }

    @Test
    void everyPodOnceInRandomOrderThenRandomCopies() {
        for (long seed = 1; seed <= 50; seed++) {
            int[] seq = InflationExperiment.shuffledList(PODS, new RandomStreams(seed).stream("s"), 6000);
            int[] head = Arrays.copyOf(seq, PODS.size());
            int[] sorted = head.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sorted, "the list once, in some order");
            // Copies are added while the next copy's request per GPU keeps the total within 6000: the total
            // passes the target by less than the largest multi-GPU request's extra devices (one GPU here).
            assertTrue(total(seq) <= 6000 + 1000, "total " + total(seq));
            assertTrue(seq.length > PODS.size() || total(seq) > 6000 - 1000);
            assertArrayEquals(seq, InflationExperiment.shuffledList(PODS, new RandomStreams(seed).stream("s"), 6000),
                    "a function of the stream");
        }
        // The order varies with the stream: the first pod is each of the five across 50 seeds.
        boolean[] first = new boolean[PODS.size()];
        for (long seed = 1; seed <= 50; seed++) {
            first[InflationExperiment.shuffledList(PODS, new RandomStreams(seed).stream("s"), 6000)[0]] = true;
        }
        assertArrayEquals(new boolean[] {true, true, true, true, true}, first);
    }

    @Test
    void aTargetBelowTheListRemovesRandomPods() {
        for (long seed = 1; seed <= 50; seed++) {
            int[] seq = InflationExperiment.shuffledList(PODS, new RandomStreams(seed).stream("s"), 2500);
            assertTrue(total(seq) <= 2500, "total " + total(seq));
            assertEquals(seq.length, Arrays.stream(seq).distinct().count(), "no copies when deflating");
            assertTrue(seq.length < PODS.size());
        }
        // A target the list meets exactly keeps it whole, shuffled.
        assertEquals(5, InflationExperiment.shuffledList(PODS, new RandomStreams(3).stream("s"), 4000).length);
    }
}
