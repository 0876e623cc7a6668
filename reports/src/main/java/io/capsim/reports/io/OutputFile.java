package io.capsim.reports.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes one output file whole or not at all, with the same rules as {@link OutputFolder}: the
 * place is checked ({@link OutputPlace}: never a device such as {@code /dev/null}, a system
 * folder, an input, or a file capsim did not write unless forced), a lock beside it refuses a
 * second writer, the content goes to a hidden sibling ({@code .NAME.capsim-tmp-ID}) that
 * {@link #commit()} flushes and renames over the target, and {@link #close()} or {@link #abort()}
 * without a commit deletes it. Leftovers of a crashed writer are deleted by the next one.
 */
public final class OutputFile implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final SiblingLock lock;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;
    private boolean closed;

    private OutputFile(Path target, Path temp, SiblingLock lock, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.lock = lock;
        this.channel = channel;
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /**
     * Checks the place, locks it, deletes leftovers and creates the temporary file.
     *
     * @param force replace an existing file that {@code ours} does not recognise
     * @param inputs the run's inputs: the target may not be one
     * @param ours recognises a file capsim wrote (so it may be replaced without force)
     * @throws UnusableOutputException if the place is refused, locked or cannot be written
     */
    public static OutputFile open(Path target, boolean force, java.util.List<Path> inputs, Predicate<Path> ours)
            throws IOException {
        Path abs = OutputPlace.check(target, false, force, inputs, ours);
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException | SecurityException e) {
            throw new UnusableOutputException(abs, "its folder cannot be created (" + e.getMessage() + ")");
        }
        String base = OutputSiblings.base(abs);
        String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SiblingLock lock;
        try {
            lock = SiblingLock.tryAcquire(parent.resolve(base + "lock"), SiblingLock.describeThisProcess(runId));
        } catch (IOException | SecurityException e) {
            throw new UnusableOutputException(abs, "cannot create files in " + parent + " (" + e.getMessage() + ")");
        }
        if (lock == null) {
            throw new UnusableOutputException(abs, SiblingLock.owner(parent.resolve(base + "lock"))
                    + " is writing it; wait for that run to end, or choose another file");
        }
        try {
            try (Stream<Path> s = Files.list(parent)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(base + "tmp-")
                            && OutputSiblings.RUN_ID.matcher(n.substring(base.length() + 4)).matches()
                            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            OutputPlace.check(abs, false, force, inputs, ours);
            Path temp = parent.resolve(base + "tmp-" + runId);
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new OutputFile(abs, temp, lock, ch);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The file the output goes to. */
    public Path target() {
        return target;
    }

    /**
     * The stream to write the content to; closing it does nothing ({@link #commit()} and
     * {@link #close()} end the file).
     */
    public OutputStream stream() {
        return DurableFiles.unclosable(stream);
    }

    /**
     * Flushes the content to disk and renames it over the target.
     *
     * @throws OutputInterruptedException if the file was aborted
     */
    public synchronized void commit() throws IOException {
        if (closed) {
            throw new OutputInterruptedException("the output to " + target + " was stopped; nothing was written");
        }
        stream.flush();
        channel.force(true);
        channel.close();
        DurableFiles.replace(temp, target); // the new name reaches the disk too
        committed = true;
        closed = true;
        lock.close();
    }

    /**
     * Stops writing from another thread (a signal handler): deletes the temporary file and releases
     * the lock, unless the commit is done.
     *
     * @return true if a partial output was discarded
     */
    public synchronized boolean abort() {
        if (closed) {
            return false;
        }
        closed = true;
        discard();
        return true;
    }

    /** Deletes the temporary file of an uncommitted output and releases the lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            discard();
        }
    }

    private void discard() {
        try {
            channel.close();
        } catch (IOException e) {
            // deleting it below is what matters
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the next writer of this file deletes it
        }
        try {
            lock.close();
        } catch (IOException e) {
            // released when the process ends
        }
    }
}
