package io.capsim.scenarios.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Stops a command cleanly on SIGINT or SIGTERM: the Java runtime runs this hook, which aborts the
 * outputs being written (their staging folders and temporary files are deleted, the old output is
 * left as it was) and says so. The process then ends with the signal's conventional status (130
 * for SIGINT, 143 for SIGTERM). Registered for one {@link CapsimCommand#execute} call only.
 */
final class ShutdownGuard implements AutoCloseable {

    private final PrintWriter err;
    private final List<BooleanSupplier> aborts = new CopyOnWriteArrayList<>();
    private final Thread hook;
    private volatile boolean done;

    ShutdownGuard(PrintWriter err) {
        this.err = err;
        this.hook = new Thread(this::onShutdown, "capsim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Aborts {@code abort} (returning true if it discarded something) if the process is stopped. */
    void guard(BooleanSupplier abort) {
        aborts.add(abort);
    }

    private void onShutdown() {
        if (done) {
            return;
        }
        boolean discarded = false;
        for (BooleanSupplier a : aborts) {
            discarded |= a.getAsBoolean();
        }
        err.println("capsim: stopped by a signal; " + (discarded
                ? "the output was left as it was and no temporary files remain" : "nothing was written"));
        err.flush();
    }

    @Override
    public void close() {
        done = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the runtime is already shutting down: the hook runs and sees done
        }
    }
}
