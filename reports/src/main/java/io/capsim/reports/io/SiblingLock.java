package io.capsim.reports.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;

/**
 * An exclusive lock on an output place, held through an operating-system file lock on a hidden
 * file beside it ({@code .NAME.capsim-lock}). The system releases the lock when the process dies,
 * even by SIGKILL, so a crashed run never blocks the next one. The holder deletes the file before
 * releasing it; a process that locked a file which was deleted meanwhile notices (the path no
 * longer shows what it wrote) and tries again, so two processes never both hold the lock.
 */
final class SiblingLock implements AutoCloseable {

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
        for (int attempt = 0; attempt < 8; attempt++) {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
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
            byte[] seen;
            try {
                seen = readOwner(file, token.length + 1);
            } catch (NoSuchFileException e) {
                seen = new byte[0];
            }
            if (Arrays.equals(seen, token)) {
                return new SiblingLock(file, ch, l);
            }
            l.release(); // the file was deleted by the previous holder after we opened it
            ch.close();
        }
        throw new IOException("cannot take the lock " + file + ": it keeps being replaced");
    }

    /** Who holds the lock, as written in the file: for the message of a refused run. */
    static String owner(Path file) {
        try {
            String s = new String(readOwner(file, 512), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "another capsim run" : s;
        } catch (IOException e) {
            return "another capsim run";
        }
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
                channel.close();
            }
        }
    }
}
