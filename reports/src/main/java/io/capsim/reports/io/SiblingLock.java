package io.capsim.reports.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An exclusive lock on an output place, held through an operating-system file lock on a hidden
 * file beside it ({@code .NAME.capsim-lock}). The system releases the lock when the process dies,
 * even by SIGKILL, so a crashed run never blocks the next one. The holder deletes the file before
 * releasing it; a process that locked a file which was deleted meanwhile notices (the path no
 * longer names the file it holds) and tries again, so two processes never both hold the lock.
 *
 * <p>The holder never opens the lock file a second time: POSIX drops every lock a process holds on
 * a file when any of its descriptors for that file is closed. Whether the path still names the
 * locked file is therefore checked without opening it: on Linux by comparing the path's inode with
 * that of the descriptor in {@code /proc/self/fd}; elsewhere by comparing the path's inode before
 * and after locking.
 */
final class SiblingLock implements AutoCloseable {

    /**
     * The lock files this process holds, with their owner text. Checked before a lock file is
     * opened at all: opening and closing a second descriptor of a file this process has locked
     * would release the lock (POSIX), so a second writer in the same process is refused without
     * touching the file.
     */
    private static final ConcurrentHashMap<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private SiblingLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @param owner what to write into the lock file for a second run's message ("pid 123, run 4f..")
     * @return the lock, or null if another process (or this one) holds it
     * @throws IOException if the lock file cannot be created
     */
    static SiblingLock tryAcquire(Path file, String owner) throws IOException {
        byte[] token = (owner + "\n").getBytes(StandardCharsets.UTF_8);
        if (HELD.putIfAbsent(file, owner) != null) {
            return null;
        }
        try {
            SiblingLock l = acquire(file, token);
            if (l == null) {
                HELD.remove(file);
            }
            return l;
        } catch (IOException | RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    private static SiblingLock acquire(Path file, byte[] token) throws IOException {
        for (int attempt = 0; attempt < 8; attempt++) {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Object keyAtOpen = fileKey(file);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            if (l == null) {
                ch.close();
                return null;
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(token), 0);
            ch.force(false);
            if (pathNamesLockedFile(file, keyAtOpen)) {
                return new SiblingLock(file, ch, l);
            }
            l.release(); // the file was deleted by the previous holder after we opened it
            ch.close();
        }
        throw new IOException("cannot take the lock " + file + ": it keeps being replaced");
    }

    /** Who holds the lock, as written in the file: for the message of a refused run. */
    static String owner(Path file) {
        String here = HELD.get(file);
        if (here != null) {
            return here;
        }
        try {
            String s = new String(readOwner(file, 512), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "another capsim run" : s;
        } catch (IOException e) {
            return "another capsim run";
        }
    }

    /** The inode of what {@code path} names now (a stat, not an open), or null if nothing. */
    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether {@code file} still names the file this process has open and locked. */
    private static boolean pathNamesLockedFile(Path file, Object keyAtOpen) {
        Object now = fileKey(file);
        if (now == null) {
            return false;
        }
        Path fds = Path.of("/proc/self/fd");
        if (Files.isDirectory(fds)) {
            try (Stream<Path> s = Files.list(fds)) {
                for (Path fd : (Iterable<Path>) s::iterator) {
                    try {
                        if (Files.readSymbolicLink(fd).equals(file) && now.equals(
                                Files.readAttributes(fd, BasicFileAttributes.class).fileKey())) {
                            return true;
                        }
                    } catch (IOException | UnsupportedOperationException e) {
                        // a descriptor closed meanwhile, or not a link
                    }
                }
            } catch (IOException e) {
                return now.equals(keyAtOpen);
            }
            return false;
        }
        return now.equals(keyAtOpen);
    }

    private static byte[] readOwner(Path file, int max) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    /** What a lock file says about this process. */
    static String describeThisProcess(String runId) {
        return "capsim run " + runId + " (pid " + ProcessHandle.current().pid() + ", started "
                + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()) + ")";
    }

    /** Deletes the lock file and releases the lock. */
    @Override
    public synchronized void close() throws IOException {
        if (released) {
            return;
        }
        released = true;
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                try {
                    channel.close();
                } finally {
                    HELD.remove(file);
                }
            }
        }
    }
}
