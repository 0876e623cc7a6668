package io.capsim.reports.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
import java.util.HexFormat;

/**
 * The file-system steps an output is made of, each safe against a crash or a hostile tree: write
 * a new file and force it to disk while hashing it, rename atomically where the system can, flush
 * a folder's entries, and delete a folder without ever following a symbolic link out of it.
 */
final class DurableFiles {

    private DurableFiles() {}

    /**
     * Writes a new file (failing if anything, even a link, has its name) and forces it to disk.
     *
     * @return the SHA-256 of the content, 64 lower-case hex digits
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
     */
    static String writeSynced(Path file, OutputFolder.Content content) throws IOException {
        MessageDigest sha = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream raw = Channels.newOutputStream(ch);
            DigestOutputStream out = new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), sha);
            // A writer that closes its stream must not close the channel before it is forced.
            content.writeTo(unclosable(out));
            out.flush();
            ch.force(true);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** {@code out} behind a stream whose {@code close} only flushes, so a writer cannot end the file. */
    static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** Renames atomically, or plainly where the file system cannot. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Renames a file over {@code to} (atomically where the system can), then flushes the folder's entries. */
    static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(to.toAbsolutePath().getParent());
    }

    /** Flushes a folder's entries to disk, where the system allows opening a folder. */
    static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every system (Windows); the renames are still atomic.
        }
    }

    /** Deletes the old output after a swap; what cannot be deleted now, the next run deletes. */
    static void deleteQuietly(Path old) {
        try {
            deleteTree(old);
        } catch (IOException e) {
            // left for the next run's recovery (OutputSiblings.recover)
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
}
