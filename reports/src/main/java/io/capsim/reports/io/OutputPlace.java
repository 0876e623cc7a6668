package io.capsim.reports.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Where capsim may write: the checks an output folder or file passes before anything is written.
 *
 * <ul>
 *   <li>Never the root, a system folder ({@link #SYSTEM_TREES} and what lies in them, or one of
 *       {@link #SYSTEM_FOLDERS} or the home folder itself), a device, pipe or socket, or a place
 *       reached through a symbolic link at its last step: not even with {@code --force}.
 *   <li>Never a folder that holds one of the run's inputs or the working folder (replacing it
 *       would delete them), nor a file that is one of the inputs.
 *   <li>An existing folder must be empty or one capsim wrote ({@code run-info.json} naming a
 *       capsim version); an existing file must be one capsim wrote; otherwise only with
 *       {@code --force}.
 *   <li>Not a mount point (it could not be swapped with its replacement).
 * </ul>
 */
final class OutputPlace {

    /** Folders in which nothing is written (Linux, macOS). */
    static final List<String> SYSTEM_TREES = List.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64",
            "/libx32", "/proc", "/run", "/sbin", "/snap", "/sys", "/usr", "/var/lib", "/var/log", "/var/cache",
            "/var/spool", "/var/mail", "/var/run", "/System", "/Library", "/private/etc", "/private/var/db",
            "/cores");
    /** Folders that are not written as a whole, though their sub-folders may be. */
    static final List<String> SYSTEM_FOLDERS = List.of("/home", "/root", "/var", "/opt", "/srv", "/mnt", "/media",
            "/tmp", "/var/tmp", "/private", "/private/tmp", "/private/var", "/Users", "/Volumes", "/Applications");

    private OutputPlace() {}

    /**
     * Checks an output place.
     *
     * @param target the folder or file as given
     * @param folder true for an output folder, false for an output file
     * @param force accept an existing folder or file that capsim did not write
     * @param inputs the run's input files and folders (and the working folder), never to be replaced
     * @param ours recognises an existing folder or file capsim wrote
     * @return the absolute, normalized place
     * @throws UnusableOutputException saying why not
     */
    static Path check(Path target, boolean folder, boolean force, List<Path> inputs, Predicate<Path> ours) {
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new UnusableOutputException(abs, "it is the root folder; give a folder of your own");
        }
        Path real = realPath(abs);
        String system = systemFolder(real);
        if (system == null && !real.equals(abs)) {
            system = systemFolder(abs);
        }
        if (system != null) {
            throw new UnusableOutputException(abs, system);
        }
        for (Path in : inputs) {
            Path p = realPath(in.toAbsolutePath().normalize());
            if (folder ? p.startsWith(real) : p.equals(real)) {
                throw new UnusableOutputException(abs, (folder ? "it holds " + p + ", an input of this run, which "
                        + "replacing the folder would delete" : "it is " + p + ", an input of this run")
                        + "; choose another " + (folder ? "folder" : "file"));
            }
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(abs, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return abs;
        } catch (IOException | SecurityException e) {
            throw new UnusableOutputException(abs, "it cannot be examined (" + e.getMessage() + ")");
        }
        if (a.isSymbolicLink()) {
            throw new UnusableOutputException(abs, "it is a symbolic link; give the " + (folder ? "folder" : "file")
                    + " it points to");
        }
        if (folder) {
            if (a.isRegularFile()) {
                throw new UnusableOutputException(abs, "it exists and is not a folder");
            }
            if (!a.isDirectory()) {
                throw new UnusableOutputException(abs, "it is a device or special file, not a folder");
            }
            if (isMountPoint(abs)) {
                throw new UnusableOutputException(abs, "it is a mount point, which cannot be replaced; "
                        + "give a folder inside it");
            }
            if (!force && !isEmpty(abs) && !ours.test(abs)) {
                throw new UnusableOutputException(abs, "it is not empty and capsim did not write it (no run-info.json "
                        + "from capsim); choose another folder, or add --force to replace all it holds");
            }
        } else {
            if (a.isDirectory()) {
                throw new UnusableOutputException(abs, "it is a folder; give a file name");
            }
            if (!a.isRegularFile()) {
                throw new UnusableOutputException(abs, "it is a device or special file (such as /dev/null), not a "
                        + "regular file");
            }
            if (!force && !ours.test(abs)) {
                throw new UnusableOutputException(abs, "it exists and capsim did not write it; choose another name, or "
                        + "add --force to replace it");
            }
        }
        return abs;
    }

    /** Why {@code p} is a system place, or null. */
    static String systemFolder(Path p) {
        String s = p.toString().replace('\\', '/');
        for (String t : SYSTEM_TREES) {
            if (s.equals(t) || s.startsWith(t + "/")) {
                return "it is in " + t + ", a system folder; write into a folder of your own";
            }
        }
        String home = System.getProperty("user.home");
        for (String f : SYSTEM_FOLDERS) {
            if (s.equals(f)) {
                return "it is " + f + ", a system folder; give a folder inside it";
            }
        }
        if (home != null && !home.isEmpty() && p.equals(Path.of(home).toAbsolutePath().normalize())) {
            return "it is your home folder; give a folder inside it";
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") && p.getParent() != null && p.getParent().getParent() == null) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.equals("windows") || name.startsWith("program files") || name.equals("programdata")) {
                return "it is a Windows system folder; write into a folder of your own";
            }
        }
        return null;
    }

    /** The real path of {@code abs}: its nearest existing ancestor resolved, the rest appended. */
    static Path realPath(Path abs) {
        Path existing = abs;
        Path rest = null;
        while (existing != null) {
            try {
                Path r = existing.toRealPath();
                return rest == null ? r : r.resolve(rest);
            } catch (IOException | SecurityException e) {
                Path name = existing.getFileName();
                rest = rest == null ? name : name.resolve(rest);
                existing = existing.getParent();
            }
        }
        return abs;
    }

    private static boolean isEmpty(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isMountPoint(Path dir) {
        Path parent = dir.getParent();
        try {
            return !Files.getAttribute(dir, "unix:dev").equals(Files.getAttribute(parent, "unix:dev"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no unix view (Windows): a failed swap is then reported when it happens
        }
    }
}
