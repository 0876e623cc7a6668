package io.capsim.scenarios.cli;

import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.run.ClusterSimulation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a run as lines of text, for logs (CI) where a progress bar cannot redraw itself:
 * at most one line per interval of wall-clock time, saying how far the run has got (the
 * simulated time reached and the events run per wall-clock second, or the experiment runs
 * ended) and the time spent, then one last line at the end if any was printed. It only reads
 * the clock and counters, so the run and its results are the same with or without it.
 */
final class ProgressLines implements ClusterSimulation.Progress {

    /** What the line says of a point {@code (now, end)}, after the share done. */
    @FunctionalInterface
    interface Detail {
        String of(long now, long end, double wallSeconds);
    }

    private final PrintWriter err;
    private final String name;
    private final Detail detail;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long start;
    private long last;
    private boolean printed;

    /**
     * @param intervalSeconds wall-clock seconds between lines; 0 prints one at every report
     * @param clock wall-clock nanoseconds ({@code System::nanoTime})
     */
    private ProgressLines(PrintWriter err, String name, Detail detail, double intervalSeconds, LongSupplier clock) {
        this.err = err;
        this.name = name;
        this.detail = detail;
        this.intervalNanos = Math.round(intervalSeconds * 1e9);
        this.clock = clock;
        this.start = clock.getAsLong();
        this.last = start;
    }

    /** For a simulation: the virtual time reached of the end, and the events per second. */
    static ProgressLines simulation(PrintWriter err, String name, Simulator sim, double intervalSeconds,
            LongSupplier clock) {
        return new ProgressLines(err, name, (now, end, wall) -> String.format(Locale.ROOT,
                "(simulated %s of %s), %,.0f events/s", hms(now), hms(end),
                wall > 0 ? sim.eventsExecuted() / wall : 0.0), intervalSeconds, clock);
    }

    /** For an experiment of {@code total} runs: the runs ended. */
    static ProgressLines runs(PrintWriter err, String name, double intervalSeconds, LongSupplier clock) {
        return new ProgressLines(err, name, (now, end, wall) -> String.format(Locale.ROOT, "(%d of %d runs)", now, end),
                intervalSeconds, clock);
    }

    @Override
    public synchronized void at(long now, long end) {
        long t = clock.getAsLong();
        boolean finished = now >= end;
        if (t - last < intervalNanos && !(finished && printed)) {
            return;
        }
        last = t;
        printed = true;
        double wall = (t - start) / 1e9;
        double share = end > 0 ? 100.0 * now / end : 100;
        err.println(String.format(Locale.ROOT, "capsim: %s: %.0f%% %s, %.1f s wall", Terminal.safe(name), share,
                detail.of(now, end, wall), wall));
        err.flush();
    }

    /** Virtual time as h:mm:ss. */
    private static String hms(long ticks) {
        long s = ticks / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
