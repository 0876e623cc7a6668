package io.capsim.reports.io;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fault-injection points for the crash tests: with the system property {@code
 * capsim.test.pauseAt} naming phases (comma-separated), a run prints {@code capsim-test: pause
 * PHASE} to standard error on reaching one and sleeps {@code capsim.test.pauseMillis} (default
 * 60000; 0 only prints the line) there, so that a test can kill it at exactly that instant.
 * Without the property nothing happens. Phases: {@code staged} (the lock is taken and the staging
 * folder exists, nothing written yet), {@code wrote-NAME} (file NAME is written into the staging
 * folder), {@code written} (every file written, no manifest yet), {@code before-swap} (the
 * manifest is written and flushed), {@code mid-swap} (between the two renames of a swap without
 * {@code renameat2}), {@code after-swap} (the new output is in place, the old one not yet
 * deleted).
 */
final class TestPauses {

    private static final String PROPERTY = "capsim.test.pauseAt";

    private TestPauses() {}

    static void at(String phase) {
        String spec = System.getProperty(PROPERTY);
        if (spec == null) {
            return;
        }
        Set<String> phases = Arrays.stream(spec.split(",")).map(String::trim).collect(Collectors.toSet());
        if (!phases.contains(phase)) {
            return;
        }
        System.err.println("capsim-test: pause " + phase);
        System.err.flush();
        long millis = Long.getLong("capsim.test.pauseMillis", 60_000);
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
