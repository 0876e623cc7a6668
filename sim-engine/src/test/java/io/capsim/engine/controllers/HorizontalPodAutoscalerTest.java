package io.capsim.engine.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsim.engine.controllers.HorizontalPodAutoscaler.PodSample;
import io.capsim.engine.controllers.HorizontalPodAutoscaler.Policy;
import io.capsim.engine.controllers.HorizontalPodAutoscaler.Rules;
import io.capsim.engine.controllers.HorizontalPodAutoscaler.Select;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HPA's arithmetic against values worked out by hand from Kubernetes' replica calculator
 * ({@code replica_calculator.go}) and behaviour normalisation ({@code horizontal.go}).
 */
class HorizontalPodAutoscalerTest {

    private static final long S = 1_000_000_000L;

    /** Pods written as "usage/request" in millicores, "-/request" for a pod without a metric (unready). */
    private static List<PodSample> pods(String spec) {
        List<PodSample> out = new ArrayList<>();
        for (String p : spec.split(" ")) {
            String[] ur = p.split("/");
            out.add(ur[0].equals("-") ? new PodSample(Long.parseLong(ur[1]), -1, false)
                    : new PodSample(Long.parseLong(ur[1]), Double.parseDouble(ur[0]), true));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | pods | target % | current | expected
        // 1.5 cores of 2 requested = 75% against 50%: ratio 1.5, ceil(1.5 x 2) = 3.
        "scale up                         | 750/1000 750/1000                  | 50 | 2 | 3",
        // 50% against 50%: ratio 1, within the tolerance.
        "at target                        | 500/1000 500/1000                  | 50 | 2 | 2",
        // 54% against 50%: ratio 1.08 <= 1.1 keeps 2; 56% is 1.12: ceil(2.24) = 3.
        "inside the tolerance             | 540/1000 540/1000                  | 50 | 2 | 2",
        "just outside the tolerance       | 560/1000 560/1000                  | 50 | 2 | 3",
        // 10% against 50%: ratio 0.2, ceil(0.2 x 4) = 1 (min replicas is applied later).
        "scale down                       | 100/1000 100/1000 100/1000 100/1000 | 50 | 4 | 1",
        // An unready pod on a scale-up counts as using nothing: 2000/3000 = 66.7% against 50%:
        // ratio 1.333, ceil(1.333 x 3) = 4.
        "scale up with an unready pod     | 1000/1000 1000/1000 -/1000         | 50 | 3 | 4",
        // Unready at 0 brings the ratio within the tolerance: 1050/2000 = 52% (a whole percent,
        // truncated), 1.04: keep 2.
        "unready brings it into tolerance | 1050/1000 -/1000                   | 50 | 2 | 2",
        // As in Kubernetes, 55% against 50% is a ratio of 1.1 in floating point, just outside a
        // tolerance of 0.1: it scales, ceil(2.2) = 3.
        "the tolerance's floating edge    | 1100/1000 -/1000                   | 50 | 2 | 3",
        // Utilisation is truncated to a whole percent: 2238/2000 = 111.9% is 111, a ratio of 2.22
        // against 50%: ceil(4.44) = 5.
        "truncated utilisation            | 1119/1000 1119/1000                | 50 | 2 | 5",
        // On a scale-down unready pods are left out: 100/1000 = 10% of 50: ceil(0.2 x 1) = 1.
        "scale down ignores unready       | 100/1000 -/1000                    | 50 | 2 | 1",
        // The Kubernetes documentation's algorithm details: a current value of 200m against a desired
        // 100m doubles the replicas (200.0 / 100.0 == 2.0); 50m halves them (50.0 / 100.0 == 0.5).
        "documentation: 200m of 100m doubles | 200/100 200/100                 | 100 | 2 | 4",
        "documentation: 50m of 100m halves   | 50/100 50/100 50/100 50/100     | 100 | 4 | 2",
        // No pod with a metric: no change.
        "no metrics                       | -/1000 -/1000                      | 50 | 2 | 2",
        // Requests differ: (900 + 100) / (1000 + 500) = 66.7% of 80: ratio 0.833, ceil(1.667) = 2.
        "requests differ                  | 900/1000 100/500                   | 80 | 2 | 2",
    })
    void replicaCalculator(String name, String pods, int target, int current, int expected) {
        assertEquals(expected, HorizontalPodAutoscaler.replicasForUtilization(pods(pods), target, 0.1, current));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | past recommendations "t:r" (s) | now s | current | proposal | up window s | down window s | expected
        // Scale-down window 300 s: the highest recommendation of (now - 300, now] wins: 8 at 1300.
        "down, held by the window   | 1200:8 1300:8 1400:2 | 1500 | 8 | 2 | 0 | 300 | 8",
        // The 8 at 1200 is exactly 300 s old: out of the window (strictly after the cutoff).
        "down, window passed        | 1200:8 1215:2 1400:2 | 1500 | 8 | 2 | 0 | 300 | 2",
        // Scale-up window 60 s: the lowest of (now - 60, now], 5 at 470.
        "up, held by the window     | 470:5 490:9          | 500  | 4 | 9 | 60 | 300 | 5",
        // No window for up: the proposal.
        "up, no window              | 470:5                | 500  | 4 | 9 | 0 | 300 | 9",
    })
    void stabilization(String name, String past, long now, int current, int proposal, long up, long down, int expected) {
        List<long[]> recs = new ArrayList<>();
        for (String r : past.split(" ")) {
            String[] tr = r.split(":");
            recs.add(new long[] {Long.parseLong(tr[0]) * S, Long.parseLong(tr[1])});
        }
        assertEquals(expected, HorizontalPodAutoscaler.stabilize(recs, now * S, current, proposal, up * S, down * S));
    }

    private static HorizontalPodAutoscaler.Spec spec(int min, int max, Rules up, Rules down) {
        return new HorizontalPodAutoscaler.Spec("web", min, max, 50, up, down, 15 * S, 0.1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | current | desired | min | max | scale-ups "t:n" in the last period (s, now = 100) | expected
        // Default scale-up: max(100% -> 2 x 3 = 6, 3 + 4 = 7) = 7.
        "default up, 4 pods beat 100%     | 3  | 20 | 1 | 50 | -       | 7",
        // From 10: max(20, 14) = 20.
        "default up, 100% beats 4 pods    | 10 | 40 | 1 | 50 | -       | 20",
        // Max replicas caps it.
        "max replicas                     | 10 | 40 | 1 | 12 | -       | 12",
        // 4 added 10 s ago (within 15 s): the period started at 6: max(12, 10) = 12.
        "recent scale-up counts           | 10 | 40 | 1 | 50 | 90:4    | 12",
        // Added 15 s ago exactly: outside the period.
        "old scale-up does not            | 10 | 40 | 1 | 50 | 85:4    | 20",
        // Default scale-down: 100% per 15 s: down to the desired, then min replicas.
        "default down to min              | 10 | 1  | 3 | 50 | -       | 3",
        "default down                     | 10 | 4  | 1 | 50 | -       | 4",
    })
    void rateLimitsAndBounds(String name, int current, int desired, int min, int max, String ups, int expected) {
        List<long[]> upEvents = new ArrayList<>();
        if (!ups.equals("-")) {
            String[] tn = ups.split(":");
            upEvents.add(new long[] {Long.parseLong(tn[0]) * S, Long.parseLong(tn[1])});
        }
        HorizontalPodAutoscaler.Spec s = spec(min, max, Rules.defaultScaleUp(), Rules.defaultScaleDown());
        assertEquals(expected, HorizontalPodAutoscaler.limit(s, 100 * S, current, desired, upEvents, new ArrayList<>()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Pods 2 per 60 s and Percent 10 per 60 s from 10: Max picks 12, Min picks 11 (ceil(11.0)).
        "select Max  | MAX      | 12",
        "select Min  | MIN      | 11",
        "disabled    | DISABLED | 10",
    })
    void selectPolicy(String name, Select select, int expected) {
        Rules up = new Rules(0, select, List.of(new Policy(false, 2, 60 * S), new Policy(true, 10, 60 * S)));
        HorizontalPodAutoscaler.Spec s = spec(1, 50, up, Rules.defaultScaleDown());
        assertEquals(expected, HorizontalPodAutoscaler.limit(s, 100 * S, 10, 30, new ArrayList<>(), new ArrayList<>()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Percent 50 down from 9: (int) 4.5 = 4; Pods 3: 6. Max (the largest change) picks 4, Min picks 6.
        "down, select Max | MAX | 4",
        "down, select Min | MIN | 6",
    })
    void scaleDownPolicies(String name, Select select, int expected) {
        Rules down = new Rules(0, select, List.of(new Policy(true, 50, 60 * S), new Policy(false, 3, 60 * S)));
        HorizontalPodAutoscaler.Spec s = spec(1, 50, Rules.defaultScaleUp(), down);
        assertEquals(expected, HorizontalPodAutoscaler.limit(s, 100 * S, 9, 1, new ArrayList<>(), new ArrayList<>()));
    }

    /**
     * The Kubernetes documentation's scale-down example ("Scaling Policies"): policies Pods 4 per
     * 60 s and Percent 10 per 60 s, selectPolicy Max (the default); from 80 replicas with a
     * desired 10, "during the first step 8 replicas will be reduced. In the next iteration when the
     * number of replicas is 72, 10% of the pods is 7.2 but the number is rounded up to 8 ... When
     * the number of replicas falls below 40 the first policy (Pods) is applied and 4 replicas will
     * be reduced at a time". Each step here is one loop in a fresh period: Percent allows
     * (int) (n x 0.9) and Pods n - 4, Max takes the lower.
     */
    @org.junit.jupiter.api.Test
    void theDocumentationsScaleDownExample() {
        Rules down = new Rules(0, Select.MAX, List.of(new Policy(false, 4, 60 * S), new Policy(true, 10, 60 * S)));
        HorizontalPodAutoscaler.Spec s = spec(1, 100, Rules.defaultScaleUp(), down);
        int[] expected = {80, 72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10};
        int n = expected[0];
        for (int k = 1; k < expected.length; k++) {
            n = HorizontalPodAutoscaler.limit(s, 100 * S, n, 10, new ArrayList<>(), new ArrayList<>());
            assertEquals(expected[k], n, "step " + k);
        }
        // Below 40 the Pods policy gives the larger change: 28 - 4 = 24 against (int) 25.2 = 25.
        assertEquals(24, HorizontalPodAutoscaler.limit(s, 100 * S, 28, 10, new ArrayList<>(), new ArrayList<>()));
    }

    /** "15000 15000" in milli-units; "-" for a Running pod without a metric (not Ready). */
    private static List<Long> values(String spec) {
        List<Long> out = new ArrayList<>();
        for (String v : spec.split(" ")) {
            out.add(v.equals("-") ? null : Long.parseLong(v));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | values (milli) | target (milli) | current | expected
        // 15 in flight against 10: ratio 1.5, ceil(1.5 x 2) = 3.
        "scale up                          | 15000 15000             | 10000 | 2 | 3",
        // 10.5 against 10: 1.05, within the tolerance.
        "within the tolerance              | 10500 10500             | 10000 | 2 | 2",
        // 2 against 10: 0.2, ceil(0.2 x 4) = 1.
        "scale down                        | 2000 2000 2000 2000     | 10000 | 4 | 1",
        // Scale-up with a missing pod counted as 0: 20 then (20 + 0) / 2 = 10 against 10: within the tolerance.
        "missing pod holds a scale-up back | 20000 -                 | 10000 | 2 | 2",
        // 30 then (30 + 0) / 2 = 15: 1.5, ceil(1.5 x 2) = 3.
        "scale up with a missing pod       | 30000 -                 | 10000 | 2 | 3",
        // Scale-down with a missing pod counted at the target: (2 + 2 + 10) / 3 = 4.666 (integer
        // milli-units: 4666), 0.4666, ceil(1.4) = 2.
        "missing pod on a scale-down       | 2000 2000 -             | 10000 | 3 | 2",
        // The average is an integer division of milli-units: (1 + 2) / 2 = 1 milli against 1000.
        "integer average                   | 1 2                     | 1000  | 2 | 1",
        // No pod with a metric: no change.
        "no metrics                        | - -                     | 10000 | 2 | 2",
    })
    void averageValueOfAPodsMetric(String name, String spec, long target, int current, int expected) {
        assertEquals(expected, HorizontalPodAutoscaler.replicasForAverageValue(values(spec), target, 0.1, current));
    }
}
