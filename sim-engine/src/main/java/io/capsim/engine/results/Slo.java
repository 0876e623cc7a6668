package io.capsim.engine.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * A service level objective on one figure of a run, as a scenario states it, and its judgement on
 * the run's own figures ({@link #judge}).
 *
 * @param path where the scenario states it, e.g. {@code services.web.slo.p99}; names it in messages
 * @param owner the service or job it is about
 * @param figure what is measured
 * @param percentile for a percentile figure, which one (0, 100); for attainment, unused (0)
 * @param limitMillis the latency limit, milliseconds: a percentile at most this, or (attainment) the
 *     latency a request must complete within
 * @param target for attainment, the least share of requests within the limit, (0, 1]; else unused (0)
 */
public record Slo(String path, String owner, Figure figure, double percentile, double limitMillis, double target) {

    /** The figures an objective may be about. */
    public enum Figure {
        /** A service's response time at a percentile (arrival to completion). */
        LATENCY_PERCENTILE,
        /** An LLM service's time to first token at a percentile. */
        TTFT_PERCENTILE,
        /** An LLM service's time per output token after the first, at a percentile. */
        TPOT_PERCENTILE,
        /**
         * The share of a service's requests that complete within the limit, among those that
         * completed, were rejected or failed (a rejected or failed request misses it; requests
         * still in flight at the end are not judged).
         */
        ATTAINMENT,
        /** A job's queueing delay (creation to all pods running) at a percentile. */
        QUEUEING_DELAY_PERCENTILE,
        /** A job's completion time (creation to completion) at a percentile. */
        COMPLETION_TIME_PERCENTILE
    }

    public Slo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(figure, "figure");
        if (!(limitMillis >= 0) || Double.isInfinite(limitMillis)) {
            throw new IllegalArgumentException(path + ": limit " + limitMillis);
        }
        if (figure == Figure.ATTAINMENT ? !(target > 0 && target <= 1) : !(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException(path + ": target " + target + ", percentile " + percentile);
        }
    }

    /**
     * An objective judged on a run.
     *
     * @param actual the figure measured: milliseconds, or a share for attainment; NaN when the run has
     *     nothing to measure it on (no request or job completed), which misses the objective
     * @param met whether the objective holds
     */
    public record Judgement(Slo slo, double actual, boolean met) {

        /** One line for a person: the path, the figure, its limit, and whether it held. */
        public String describe() {
            Slo s = slo;
            String what = switch (s.figure) {
                case ATTAINMENT -> String.format(java.util.Locale.ROOT, "%s of requests within %s ms (at least %s)",
                        Double.isNaN(actual) ? "no completed request:" : pct(actual), num(s.limitMillis), pct(s.target));
                case LATENCY_PERCENTILE -> figure("response time", s, actual);
                case TTFT_PERCENTILE -> figure("time to first token", s, actual);
                case TPOT_PERCENTILE -> figure("time per output token", s, actual);
                case QUEUEING_DELAY_PERCENTILE -> figure("queueing delay", s, actual);
                case COMPLETION_TIME_PERCENTILE -> figure("completion time", s, actual);
            };
            return s.path + ": " + what + (met ? ": met" : ": MISSED");
        }

        private static String figure(String name, Slo s, double actual) {
            boolean seconds = s.figure == Figure.QUEUEING_DELAY_PERCENTILE
                    || s.figure == Figure.COMPLETION_TIME_PERCENTILE; // jobs: as summary.json reports them
            double scale = seconds ? 1000 : 1;
            String unit = seconds ? " s" : " ms";
            return String.format(java.util.Locale.ROOT, "p%s %s %s (limit %s)", num(s.percentile), name,
                    Double.isNaN(actual) ? "not measured (nothing completed)" : num(actual / scale) + unit,
                    num(s.limitMillis / scale) + unit);
        }

        private static String pct(double share) {
            return num(share * 100) + "%";
        }

        private static String num(double v) {
            String s = String.format(java.util.Locale.ROOT, "%.3f", v);
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** Judges each objective on the run's own figures, in the order given. */
    public static List<Judgement> judge(List<Slo> objectives, RunResult run) {
        List<Judgement> out = new ArrayList<>(objectives.size());
        for (Slo s : objectives) {
            double actual = s.measure(run);
            boolean met = !Double.isNaN(actual)
                    && (s.figure == Figure.ATTAINMENT ? actual >= s.target : actual <= s.limitMillis);
            out.add(new Judgement(s, actual, met));
        }
        return List.copyOf(out);
    }

    private double measure(RunResult run) {
        switch (figure) {
            case TTFT_PERCENTILE, TPOT_PERCENTILE -> {
                ServiceResult svc = run.services().stream().filter(x -> x.name().equals(owner)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(path + ": no service " + owner));
                if (svc.llm() == null) {
                    return Double.NaN; // not an LLM service: nothing measured (the reader refuses this)
                }
                return percentileMillis(figure == Figure.TTFT_PERCENTILE ? svc.llm().ttftMicros() : svc.llm().tpotMicros());
            }
            case LATENCY_PERCENTILE, ATTAINMENT -> {
                ServiceResult svc = run.services().stream().filter(x -> x.name().equals(owner)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(path + ": no service " + owner));
                if (figure == Figure.LATENCY_PERCENTILE) {
                    return percentileMillis(svc.responseMicros());
                }
                long judged = svc.completed() + svc.rejected() + svc.failed();
                if (judged == 0) {
                    return Double.NaN;
                }
                Histogram h = svc.responseMicros();
                long within = h.getTotalCount() == 0 ? 0 : h.getCountBetweenValues(0, (long) Math.floor(limitMillis * 1000));
                return (double) within / judged;
            }
            default -> {
                JobResult job = run.jobs().stream().filter(x -> x.name().equals(owner)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(path + ": no job " + owner));
                return percentileMillis(figure == Figure.QUEUEING_DELAY_PERCENTILE ? job.queueingDelayMicros()
                        : job.completionMicros());
            }
        }
    }

    /** The percentile as summary.json reports it (highest value equivalent to its bucket), ms; NaN if empty. */
    private double percentileMillis(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
