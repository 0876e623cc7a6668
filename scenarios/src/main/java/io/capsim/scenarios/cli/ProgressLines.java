package io.capsim.scenarios.cli;

import io.capsim.engine.kernel.Simulator;
import io.capsim.engine.run.ClusterSimulation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a run as lines of text, for logs (CI) where a progress bar cannot redraw itself:
 * at most one line per interval of wall-clock time, saying the simulated time reached, the share
 * done, the events run per second of wall-clock time and the time spent, then one last line at
 * the end if any was printed. It only reads the clock and the event count between events, so
 * the run and its summary are the same with or without it.
 */
final class ProgressLines implements ClusterSimulation.Progress {

    private final PrintWriter err;
    private final String name;
    private final Simulator sim;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long start;
    private long last;
    private boolean printed;

    /**
     * @param intervalSeconds wall-clock seconds between lines; 0 prints one at every report
     * @param clock wall-clock nanoseconds ({@code System::nanoTime})
     */
    ProgressLines(PrintWriter err, String name, Simulator sim, double intervalSeconds, LongSupplier clock) {
        this.err = err;
        this.name = name;
        this.sim = sim;
        this.intervalNanos = Math.round(intervalSeconds * 1e9);
        this.clock = clock;
        this.start = clock.getAsLong();
        this.last = start;
    }

    @Override
    public void at(long nowTicks, long endTicks) {
        long t = clock.getAsLong();
        boolean end = nowTicks >= endTicks;
        if (t - last < intervalNanos && !(end && printed)) {
            return;
        }
        last = t;
        printed = true;
        double wall = (t - start) / 1e9;
        double share = endTicks > 0 ? 100.0 * nowTicks / endTicks : 100;
        long events = sim.eventsExecuted();
        err.println(String.format(Locale.ROOT, "capsim: %s: %.0f%% (simulated %s of %s), %,.0f events/s, %.1f s wall",
                Terminal.safe(name), share, clock(nowTicks), clock(endTicks), wall > 0 ? events / wall : 0.0, wall));
        err.flush();
    }

    /** Virtual time as h:mm:ss. */
    private static String clock(long ticks) {
        long s = ticks / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
