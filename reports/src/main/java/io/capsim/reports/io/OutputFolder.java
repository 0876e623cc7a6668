package io.capsim.reports.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a set of files into one folder so that none appears half-written: each file is written
 * under a hidden temporary name in the same folder, and {@link #commit()} renames them all into
 * place (atomically where the file system allows). {@link #close()} without a commit deletes the
 * temporary files, so a failed or interrupted run leaves nothing behind.
 *
 * <p>File names are checked: a plain name of letters, digits, '.', '_' and '-', so nothing a user
 * supplies can make a file land outside the folder.
 */
public final class OutputFolder implements AutoCloseable {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,200}");

    /** Writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path dir;
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private boolean committed;

    /**
     * Opens (creating if needed) the folder.
     *
     * @throws IOException if the folder cannot be created or is not a directory
     */
    public OutputFolder(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        Files.createDirectories(this.dir);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /**
     * Stages one file.
     *
     * @param name a plain file name (no separators, not starting with '.')
     * @return where the file will be once committed
     * @throws IllegalArgumentException if the name is not a plain safe name or was staged already
     */
    public Path write(String name, Content content) throws IOException {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("unsafe output file name: \"" + name + "\"");
        }
        Path target = dir.resolve(name).normalize();
        if (!target.getParent().equals(dir) || staged.containsKey(target)) {
            throw new IllegalArgumentException("output file name \"" + name + "\" is not allowed here");
        }
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
        staged.put(target, tmp);
        if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(tmp, READABLE); // temp files start as owner-only
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
            content.writeTo(out);
        }
        return target;
    }

    /** Moves every staged file into place. */
    public void commit() throws IOException {
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
            try {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    /** Deletes the temporary files of an uncommitted folder. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            for (Path tmp : staged.values()) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
