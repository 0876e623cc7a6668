package io.capsim.engine.sched.plugins;

import io.capsim.engine.sched.api.ScorePlugin;

/** Kubernetes' {@code DefaultNormalizeScore}. */
final class Normalize {

    private Normalize() {}

    /**
     * Scales scores so the highest becomes {@link ScorePlugin#MAX_SCORE} (integer arithmetic);
     * with {@code reverse}, {@code MAX - score}. All zero stays zero (or MAX when reversed).
     */
    static void defaultNormalize(long[] scores, int count, boolean reverse) {
        long max = 0;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, scores[k]);
        }
        if (max == 0) {
            if (reverse) {
                for (int k = 0; k < count; k++) {
                    scores[k] = ScorePlugin.MAX_SCORE;
                }
            }
            return;
        }
        for (int k = 0; k < count; k++) {
            long s = ScorePlugin.MAX_SCORE * scores[k] / max;
            scores[k] = reverse ? ScorePlugin.MAX_SCORE - s : s;
        }
    }
}
