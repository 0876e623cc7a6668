package io.capsim.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a run's output folder whole or not at all. {@link #open} checks the place (see
 * {@link OutputPlace}), takes a lock beside it so that a second run into the same folder is
 * refused, clears what a crashed run left, and creates a fresh hidden staging folder beside the
 * target ({@code .NAME.capsim-new-ID}); {@link #write} puts files there; {@link #commit()} adds
 * {@value #MANIFEST} (the SHA-256 of every file, in {@code sha256sum} format, which makes the
 * folder checkable and marks it complete), flushes everything to disk and swaps the staging folder
 * with the old one, then deletes the old one. {@link #close()} without a commit deletes the staging
 * folder; {@link #abort()} does the same from another thread (a signal handler).
 *
 * <p>The swap exchanges the two folders in one step where Linux allows ({@code renameat2}), so
 * at every instant the target holds one complete run, the old or the new, and a crash at any
 * point leaves one of them in place. Elsewhere it is two renames (old away, new in); a crash
 * between them leaves no target, and the next run into it puts the complete new folder in place
 * before anything else. Either way the next run deletes every leftover staging or old folder
 * ({@link OutputSiblings#recover}). Every file and folder step is one of {@link DurableFiles}.
 *
 * <p>File names are checked: a plain name of letters, digits, '.', '_' and '-', so nothing a user
 * supplies can make a file land outside the folder.
 */
public final class OutputFolder implements AutoCloseable {

    /** The manifest: {@code <sha256>  <name>} per file, as {@code sha256sum -c} reads it. */
    public static final String MANIFEST = "SHA256SUMS";
    /** The run-information file every capsim output folder holds; it marks the folder as capsim's. */
    public static final String RUN_INFO = "run-info.json";

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,200}");

    /** Writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * How to open a folder.
     *
     * @param force replace an existing non-empty folder that capsim did not write
     * @param inputs the run's inputs (and the working folder): a folder holding one is refused
     */
    public record Options(boolean force, List<Path> inputs) {
        public Options {
            inputs = List.copyOf(inputs);
        }

        /** No force; the working folder is the only input. */
        public static Options defaults() {
            return new Options(false, List.of(Path.of("")));
        }
    }

    private final Path dir;
    private final Path stage;
    private final String runId;
    private final SiblingLock lock;
    private final Map<String, String> hashes = new LinkedHashMap<>();
    private boolean committed;
    private boolean aborted;
    private boolean closed;

    private OutputFolder(Path dir, Path stage, String runId, SiblingLock lock) {
        this.dir = dir;
        this.stage = stage;
        this.runId = runId;
        this.lock = lock;
    }

    /**
     * Opens {@code target} with {@link Options#defaults()}.
     *
     * @throws UnusableOutputException if the place is refused, locked by another run, or cannot be created
     * @throws IOException if the staging folder cannot be created
     */
    public static OutputFolder open(Path target) throws IOException {
        return open(target, Options.defaults());
    }

    /**
     * Checks the place, locks it, clears leftovers of earlier runs and creates the staging folder.
     *
     * @throws UnusableOutputException if the place is refused, locked by another run, or cannot be created
     * @throws IOException if the staging folder cannot be created for another reason
     */
    public static OutputFolder open(Path target, Options options) throws IOException {
        Path dir = OutputPlace.check(target, true, options.force(), options.inputs(), OutputFolder::isCapsimFolder);
        Path parent = dir.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException | SecurityException e) {
            throw new UnusableOutputException(dir, "its parent folder cannot be created (" + describe(e) + ")");
        }
        if (!Files.isDirectory(parent)) {
            throw new UnusableOutputException(dir, parent + " is not a folder");
        }
        String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String base = OutputSiblings.base(dir);
        SiblingLock lock;
        try {
            lock = SiblingLock.tryAcquire(parent.resolve(base + "lock"), SiblingLock.describeThisProcess(runId));
        } catch (IOException | SecurityException e) {
            throw new UnusableOutputException(dir, "cannot create files in " + parent + " (" + describe(e) + ")");
        }
        if (lock == null) {
            throw new UnusableOutputException(dir, SiblingLock.owner(parent.resolve(base + "lock"))
                    + " is writing to it; wait for that run to end, or choose another folder");
        }
        try {
            OutputSiblings.recover(dir, base);
            // Checked again under the lock: a run that ended meanwhile may have put a folder there.
            OutputPlace.check(dir, true, options.force(), options.inputs(), OutputFolder::isCapsimFolder);
            Path stage = parent.resolve(base + "new-" + runId);
            Files.createDirectory(stage);
            TestPauses.at("staged");
            return new OutputFolder(dir, stage, runId, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof UnusableOutputException u) {
                throw u;
            }
            throw e;
        }
    }

    /** The folder the output goes to. */
    public Path dir() {
        return dir;
    }

    /** This run's identity: 12 hex digits, also in the staging folder's name (record it in run-info.json). */
    public String runId() {
        return runId;
    }

    /**
     * Writes one file into the staging folder.
     *
     * @param name a plain file name (no separators, not starting with '.', not {@value #MANIFEST})
     * @return where the file will be once committed
     * @throws IllegalArgumentException if the name is not a plain safe name or was written already
     * @throws OutputInterruptedException if the folder was aborted
     */
    public Path write(String name, Content content) throws IOException {
        if (!SAFE_NAME.matcher(name).matches() || name.equals(MANIFEST)) {
            throw new IllegalArgumentException("unsafe output file name: \"" + name + "\"");
        }
        Path target = dir.resolve(name).normalize();
        if (!dir.equals(target.getParent()) || hashes.containsKey(name)) {
            throw new IllegalArgumentException("output file name \"" + name + "\" is not allowed here");
        }
        checkOpen();
        hashes.put(name, DurableFiles.writeSynced(stage.resolve(name), content));
        TestPauses.at("wrote-" + name);
        return target;
    }

    /**
     * Writes the manifest, flushes the staging folder to disk, swaps it with the old folder and
     * deletes the old one, then releases the lock.
     *
     * @throws OutputInterruptedException if the folder was aborted
     */
    public void commit() throws IOException {
        TestPauses.at("written");
        synchronized (this) {
            checkOpen();
            StringBuilder m = new StringBuilder();
            for (Map.Entry<String, String> e : hashes.entrySet()) {
                m.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
            }
            byte[] manifest = m.toString().getBytes(StandardCharsets.UTF_8);
            Path scratch = stage.resolve(".capsim-jna");
            Files.createDirectory(scratch);
            boolean canExchange = AtomicSwap.prepare(scratch);
            DurableFiles.deleteTree(scratch);
            DurableFiles.writeSynced(stage.resolve(MANIFEST), o -> o.write(manifest));
            DurableFiles.syncFolder(stage);
            TestPauses.at("before-swap");
            Path parent = dir.getParent();
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (canExchange && AtomicSwap.exchange(stage, dir)) {
                    committed = true; // the old folder is now at the staging name
                    DurableFiles.syncFolder(parent);
                    TestPauses.at("after-swap");
                    DurableFiles.deleteQuietly(stage);
                } else {
                    Path old = parent.resolve(OutputSiblings.base(dir) + "old-" + runId);
                    DurableFiles.move(dir, old);
                    TestPauses.at("mid-swap");
                    DurableFiles.move(stage, dir);
                    committed = true;
                    DurableFiles.syncFolder(parent);
                    TestPauses.at("after-swap");
                    DurableFiles.deleteQuietly(old);
                }
            } else {
                DurableFiles.move(stage, dir);
                committed = true;
                DurableFiles.syncFolder(parent);
            }
            closed = true;
            lock.close();
        }
    }

    /**
     * Stops writing from another thread (a signal handler): deletes the staging folder and releases
     * the lock, unless the commit is done, in which case nothing is changed. Waits for a commit in
     * progress to end.
     *
     * @return true if a staged output was discarded
     */
    public synchronized boolean abort() {
        if (closed || committed) {
            return false;
        }
        aborted = true;
        closed = true;
        try {
            DurableFiles.deleteTree(stage);
        } catch (IOException e) {
            // The next run into this folder deletes what is left.
        }
        try {
            lock.close();
        } catch (IOException e) {
            // The system releases the lock when the process ends.
        }
        return true;
    }

    /** Deletes the staging folder of an uncommitted output and releases the lock. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!committed) {
                DurableFiles.deleteTree(stage);
            }
        } finally {
            lock.close();
        }
    }

    private synchronized void checkOpen() {
        if (aborted) {
            throw new OutputInterruptedException("the output to " + dir + " was stopped; nothing was written");
        }
        if (closed) {
            throw new IllegalStateException("output folder " + dir + " is already closed");
        }
    }

    /**
     * True if {@code dir} is a folder capsim wrote: it holds {@value #RUN_INFO} naming a capsim
     * version, or (trace inspect before run-info.json was added) only {@code rate.png} and
     * {@code stats.txt}.
     */
    public static boolean isCapsimFolder(Path dir) {
        Path info = dir.resolve(RUN_INFO);
        if (Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)) {
            try (InputStream in = Files.newInputStream(info)) {
                byte[] b = in.readNBytes(1 << 20);
                JsonNode n = new ObjectMapper().readTree(b);
                return n != null && n.hasNonNull("capsimVersion");
            } catch (IOException e) {
                return false;
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            return names.equals(List.of("rate.png", "stats.txt"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
