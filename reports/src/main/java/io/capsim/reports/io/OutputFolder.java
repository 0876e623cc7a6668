package io.capsim.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * before anything else. Either way the next run deletes every leftover staging or old folder.
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
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{12}");

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
        String base = siblingBase(dir);
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
            recover(dir, base);
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
        hashes.put(name, writeSynced(stage.resolve(name), content));
        TestPauses.at("wrote-" + name);
        return target;
    }

    /** Writes a file and flushes it to disk; returns its SHA-256. */
    private static String writeSynced(Path file, Content content) throws IOException {
        MessageDigest sha = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream raw = Channels.newOutputStream(ch);
            DigestOutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16), sha);
            // A writer that closes its stream must not close the channel before it is forced.
            content.writeTo(new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            });
            out.flush();
            ch.force(true);
        }
        return HexFormat.of().formatHex(sha.digest());
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
            deleteTree(scratch);
            writeSynced(stage.resolve(MANIFEST), o -> o.write(manifest));
            syncFolder(stage);
            TestPauses.at("before-swap");
            Path parent = dir.getParent();
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (canExchange && AtomicSwap.exchange(stage, dir)) {
                    committed = true; // the old folder is now at the staging name
                    syncFolder(parent);
                    TestPauses.at("after-swap");
                    deleteQuietly(stage);
                } else {
                    Path old = parent.resolve(siblingBase(dir) + "old-" + runId);
                    move(dir, old);
                    TestPauses.at("mid-swap");
                    move(stage, dir);
                    committed = true;
                    syncFolder(parent);
                    TestPauses.at("after-swap");
                    deleteQuietly(old);
                }
            } else {
                move(stage, dir);
                committed = true;
                syncFolder(parent);
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
            deleteTree(stage);
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
                deleteTree(stage);
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

    /** {@code ".NAME.capsim-"}: the prefix of the lock, staging and old folders beside {@code dir}. */
    static String siblingBase(Path dir) {
        String name = dir.getFileName().toString();
        if (name.length() > 160) {
            name = name.substring(0, 120) + "-" + Integer.toHexString(name.hashCode());
        }
        return "." + name + ".capsim-";
    }

    /**
     * Puts things right after a crash, holding the lock: if the folder is missing while a complete
     * staging folder and the old folder of one swap are both there (a crash between two renames),
     * the staging folder takes its place; then every leftover staging and old folder is deleted.
     */
    private static void recover(Path dir, String base) throws IOException {
        Path parent = dir.getParent();
        List<Path> news = new ArrayList<>();
        List<Path> olds = new ArrayList<>();
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (!n.startsWith(base)) {
                    continue;
                }
                String rest = n.substring(base.length());
                if (rest.startsWith("new-") && RUN_ID.matcher(rest.substring(4)).matches()) {
                    news.add(p);
                } else if (rest.startsWith("old-") && RUN_ID.matcher(rest.substring(4)).matches()) {
                    olds.add(p);
                }
            }
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            for (Path n : news) {
                String id = n.getFileName().toString().substring(base.length() + 4);
                Path old = parent.resolve(base + "old-" + id);
                if (olds.contains(old) && Files.isRegularFile(n.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
                    move(n, dir);
                    news.remove(n);
                    break;
                }
            }
        }
        for (Path p : news) {
            deleteTree(p);
        }
        for (Path p : olds) {
            deleteTree(p);
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

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Flushes a folder's entries to disk, where the system allows opening a folder. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every system (Windows); the renames are still atomic.
        }
    }

    /** Deletes the old output after a swap; what cannot be deleted now, the next run deletes. */
    private static void deleteQuietly(Path old) {
        try {
            deleteTree(old);
        } catch (IOException e) {
            // left for the next run's recover()
        }
    }

    /** Deletes a folder and all it holds, never following symbolic links out of it. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                        if (exc instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw exc;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                        Files.deleteIfExists(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
                return;
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException e) {
                last = e; // a file appeared while deleting (a writer still running): go round again
            }
        }
        throw last;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
