package io.capsim.scenarios.sweep;

import java.util.function.IntPredicate;

/**
 * The least capacity in an integer range that meets a predicate, by binary search. Correct when
 * the predicate is monotone (false below some capacity, true from it on), which more replicas or
 * nodes of the same kind give for latency objectives under the same load; with common random
 * numbers the estimates are monotone too in practice. It evaluates the upper end first and then
 * about log2(hi - lo + 1) candidates; when the answer is above {@code lo}, the candidate just below
 * it was evaluated and failed.
 */
public final class CapacitySearch {

    private CapacitySearch() {}

    /**
     * The least {@code c} in {@code [lo, hi]} with {@code meets(c)}, or {@code hi + 1} if even
     * {@code hi} does not meet it.
     */
    public static int least(int lo, int hi, IntPredicate meets) {
        if (lo > hi) {
            throw new IllegalArgumentException("empty range " + lo + ".." + hi);
        }
        if (!meets.test(hi)) {
            return hi + 1;
        }
        int a = lo;
        int b = hi;
        while (a < b) {
            int mid = a + (b - a) / 2;
            if (meets.test(mid)) {
                b = mid;
            } else {
                a = mid + 1;
            }
        }
        return a;
    }
}
